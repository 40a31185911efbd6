"""Service once placed: training, work logs, meetings, reviews, surveys and the yearly assessment."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from grassroots.places.models import Area

from .selection import Call, Instructor


class TrainingKind(models.TextChoices):
    THEORY = "theory", pgettext_lazy("instructors", "theory course")
    PRACTICE = "practice", pgettext_lazy("instructors", "practice course")
    FIELD_VISIT = "field_visit", pgettext_lazy("instructors", "field visit")


class TrainingSession(models.Model):
    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="trainings")
    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=TrainingKind.choices)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1, default=2)
    attendees = models.ManyToManyField(
        Instructor, verbose_name=_("attendees"), blank=True, related_name="trainings"
    )

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class WorkLog(models.Model):
    instructor = models.ForeignKey(
        Instructor, verbose_name=_("instructor"), on_delete=models.CASCADE, related_name="logs"
    )
    village = models.ForeignKey(Area, verbose_name=_("village"), on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("date"))
    done = models.TextField(_("what was done"))
    problems = models.TextField(_("problems"), blank=True)
    photo = models.FileField(_("photo"), upload_to="instructors/logs/%Y/%m/", blank=True)
    client_uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("work log")
        verbose_name_plural = _("work logs")
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["instructor", "day"], name="worklog_instructor_day")]

    def __str__(self) -> str:
        return f"{self.instructor} {self.day}"


class DispatchMeeting(models.Model):
    """A township's quarterly dispatch meeting 调度会: instructors report, minutes kept."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="dispatch_meetings")
    township = models.ForeignKey(Area, verbose_name=_("township"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    held_on = models.DateField(_("held on"))
    minutes = models.TextField(_("minutes"))
    reporters = models.ManyToManyField(
        Instructor, verbose_name=_("instructors who reported"), related_name="+"
    )

    class Meta:
        verbose_name = _("dispatch meeting")
        verbose_name_plural = _("dispatch meetings")
        ordering = ["-year", "-quarter", "township__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "township", "year", "quarter"], name="dispatch_once_a_quarter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.township} {self.period_words}"

    @property
    def period_words(self) -> str:
        return period_words(self.year, self.quarter)


class UnitReview(models.Model):
    """A sending unit's monthly review of one instructor: the month's logs summarised, plus notes."""

    instructor = models.ForeignKey(
        Instructor, verbose_name=_("instructor"), on_delete=models.CASCADE, related_name="reviews"
    )
    month = models.DateField(_("month"))
    log_days = models.PositiveSmallIntegerField(_("days logged"))
    villages_logged = models.PositiveSmallIntegerField(_("villages logged"))
    problems_raised = models.PositiveSmallIntegerField(_("problems raised"))
    notes = models.TextField(_("unit's notes"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("monthly unit review")
        verbose_name_plural = _("monthly unit reviews")
        ordering = ["-month", "instructor__name"]
        constraints = [
            models.UniqueConstraint(fields=["instructor", "month"], name="unit_review_once_a_month")
        ]

    def __str__(self) -> str:
        return f"{self.instructor} {self.month:%Y-%m}"


class SurveyAnswer(models.Model):
    """One villager's answer to the public survey 村民测评 of their village's instructor."""

    instructor = models.ForeignKey(Instructor, on_delete=models.CASCADE, related_name="survey_answers")
    village = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    # A keyed digest of the phone number: enforces one answer per phone without storing the number.
    phone_digest = models.CharField(max_length=64)
    # Keyed digest of the sender's address, for the rate limit (shared across app processes).
    ip_digest = models.CharField(max_length=64, db_index=True)
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("villager survey answer")
        verbose_name_plural = _("villager survey answers")
        constraints = [
            models.UniqueConstraint(
                fields=["village", "year", "phone_digest"], name="survey_one_answer_per_phone"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="survey_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village} {self.year}"


class CadreReview(models.Model):
    """A village cadre's review 村干部评议 of their village's instructor, once a year."""

    instructor = models.ForeignKey(Instructor, on_delete=models.CASCADE, related_name="cadre_reviews")
    village = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("village-cadre review")
        verbose_name_plural = _("village-cadre reviews")
        constraints = [
            models.UniqueConstraint(fields=["instructor", "year", "by"], name="cadre_review_once"),
            models.CheckConstraint(condition=models.Q(score__lte=100), name="cadre_review_score_max"),
        ]

    def __str__(self) -> str:
        return f"{self.instructor} {self.year}"


QUARTERS = {
    1: pgettext_lazy("quarter", "Q1"),
    2: pgettext_lazy("quarter", "Q2"),
    3: pgettext_lazy("quarter", "Q3"),
    4: pgettext_lazy("quarter", "Q4"),
}


def period_words(year: int, quarter: int = 0) -> str:
    """A year, or a quarter of it, as the reader says it (2025 Q1, 2025年第一季度)."""
    if not quarter:
        return str(year)
    return pgettext("quarter", "%(year)d %(quarter)s") % {"year": year, "quarter": QUARTERS[quarter]}


class Grade(models.TextChoices):
    EXCELLENT = "excellent", pgettext_lazy("instructors", "excellent")
    COMPETENT = "competent", pgettext_lazy("instructors", "competent")
    BASIC = "basic", pgettext_lazy("instructors", "basically competent")
    INCOMPETENT = "incompetent", pgettext_lazy("instructors", "incompetent")


class Assessment(models.Model):
    """A day-to-day (quarterly) or annual assessment, with each input kept so the grade is traceable."""

    class Period(models.TextChoices):
        QUARTER = "quarter", pgettext_lazy("instructors", "day-to-day (quarter)")
        YEAR = "year", pgettext_lazy("instructors", "annual")

    instructor = models.ForeignKey(Instructor, on_delete=models.CASCADE, related_name="assessments")
    period = models.CharField(pgettext_lazy("time", "period"), max_length=8, choices=Period.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    # 0 for the annual assessment.
    quarter = models.PositiveSmallIntegerField(_("quarter"), default=0)
    work_score = models.DecimalField(_("work results"), max_digits=5, decimal_places=1)
    survey_score = models.DecimalField(_("villager survey"), max_digits=5, decimal_places=1)
    cadre_score = models.DecimalField(_("village-cadre review"), max_digits=5, decimal_places=1)
    total = models.DecimalField(_("weighted total"), max_digits=5, decimal_places=1)
    grade = models.CharField(_("grade"), max_length=12, choices=Grade.choices)
    # The raw counts and weights behind each score (logs, meetings, answers, reviews).
    inputs = models.JSONField(_("inputs"), default=dict)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now=True)

    class Meta:
        verbose_name = _("instructor assessment")
        verbose_name_plural = _("instructor assessments")
        ordering = ["-year", "instructor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["instructor", "period", "year", "quarter"],
                name="assessment_once_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.instructor} {self.year} {self.get_grade_display()}"

    @property
    def period_words(self) -> str:
        return period_words(self.year, self.quarter)
