"""The rural instructor programme: calls, candidates and their three selection steps, village needs,
matchings, training, work logs, meetings, reviews and the yearly assessment."""

import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from grassroots.core.lists import listed
from grassroots.people.models import Department, Gender
from grassroots.places.models import Area


class RoleKind(models.TextChoices):
    SENDING_UNIT = "sending_unit", pgettext_lazy("instructors", "sending unit")
    TOWNSHIP = "township", pgettext_lazy("instructors", "township")
    CITY_COMMITTEE = "city_committee", pgettext_lazy("instructors", "city committee")


class InstructorRole(models.Model):
    """Who may take which selection step: a sending unit for its department, a township office for its
    township, the city committee for a county. Separate from area grants on purpose: a candidate
    applying for themselves holds neither."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="instructor_roles",
    )
    kind = models.CharField(_("role"), max_length=16, choices=RoleKind.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The township (township role) or county (city committee); for a sending unit, its department's area.
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("instructor programme role")
        verbose_name_plural = _("instructor programme roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "area", "department"], name="instructor_role_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="sending_unit") | models.Q(department__isnull=False),
                name="instructor_role_unit_has_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.department or self.area}"


class CallStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("instructors", "open for applications")
    MATCHING = "matching", pgettext_lazy("instructors", "matching")
    FINISHED = "finished", pgettext_lazy("instructors", "finished")


class Call(models.Model):
    """A call for instructors issued by a county-level city for some of its villages."""

    name = models.CharField(_("name"), max_length=120)
    area = models.ForeignKey(
        Area, verbose_name=_("county-level city"), on_delete=models.PROTECT, related_name="+"
    )
    villages = models.ManyToManyField(
        Area, verbose_name=_("villages served"), related_name="instructor_calls"
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    serves_from = models.DateField(_("service starts"))
    serves_until = models.DateField(_("service ends"))
    status = models.CharField(_("status"), max_length=10, choices=CallStatus.choices, default=CallStatus.OPEN)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished on"), null=True, blank=True)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("finished by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    finish_reason = models.CharField(_("reason for finishing"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("call for instructors")
        verbose_name_plural = _("calls for instructors")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="call_dates_order"
            ),
            models.CheckConstraint(
                condition=models.Q(serves_until__gte=models.F("serves_from")), name="call_service_order"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RuleKind(models.TextChoices):
    POLITICAL_QUALITY = "political_quality", pgettext_lazy("instructors", "political quality passed")
    PARTY_MEMBER = "party_member", pgettext_lazy("instructors", "party member")
    PARTY_WORK_YEARS = "party_work_years", pgettext_lazy("instructors", "years of party work at least")
    HEALTH = "health", pgettext_lazy("instructors", "fit for rural work")
    MAX_AGE = "max_age", pgettext_lazy("instructors", "age at most")
    SERVICE_YEARS = "service_years", pgettext_lazy("instructors", "years of service at least")


# Rules that compare a number; the others are yes/no.
NUMERIC_RULES = {RuleKind.PARTY_WORK_YEARS, RuleKind.MAX_AGE, RuleKind.SERVICE_YEARS}


class EligibilityRule(models.Model):
    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("rule"), max_length=20, choices=RuleKind.choices)
    value = models.PositiveSmallIntegerField(pgettext_lazy("rule", "threshold"), null=True, blank=True)

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["call", "kind"], name="rule_once_per_call")]

    def __str__(self) -> str:
        return rule_words(self.kind, self.value)


def rule_words(kind: str, value: int | None) -> str:
    """A rule as the reader says it: its label, and its threshold if it has one."""
    label = RuleKind(kind).label if kind in RuleKind.values else kind
    return f"{label} {value}" if value is not None else str(label)


class Source(models.TextChoices):
    DEPARTMENT = "department", pgettext_lazy("instructors", "department nomination")
    TOWNSHIP = "township", pgettext_lazy("instructors", "township recommendation")
    SELF = "self", pgettext_lazy("instructors", "self-nomination")


class Field(models.TextChoices):
    """Fields a candidate knows; the first five answer the five village focuses one to one."""

    INDUSTRY = "industry", pgettext_lazy("instructors", "industry")
    ECOLOGY = "ecology", pgettext_lazy("instructors", "ecology")
    CULTURE = "culture", pgettext_lazy("instructors", "culture")
    GOVERNANCE = "governance", pgettext_lazy("instructors", "governance")
    LIVELIHOOD = "livelihood", pgettext_lazy("instructors", "livelihood")
    PARTY_BUILDING = "party_building", pgettext_lazy("instructors", "party building")


class Focus(models.TextChoices):
    INDUSTRY = "industry", pgettext_lazy("instructors", "thriving industry")
    ECOLOGY = "ecology", pgettext_lazy("instructors", "pleasant ecology")
    CULTURE = "culture", pgettext_lazy("instructors", "civilised customs")
    GOVERNANCE = "governance", pgettext_lazy("instructors", "effective governance")
    LIVELIHOOD = "livelihood", pgettext_lazy("instructors", "prosperous life")


class Status(models.TextChoices):
    APPLIED = "applied", pgettext_lazy("instructors", "applied")
    INELIGIBLE = "ineligible", pgettext_lazy("instructors", "ineligible")
    RECOMMENDED = "recommended", pgettext_lazy("instructors", "recommended by unit")
    APPROVED = "approved", pgettext_lazy("instructors", "approved by city committee")
    REJECTED = "rejected", pgettext_lazy("instructors", "rejected")
    LEFT = "left", pgettext_lazy("instructors", "left the post")
    # Still waiting for a step, or approved but placed nowhere, when the call was finished.
    NOT_SELECTED = "not_selected", pgettext_lazy("instructors", "not selected")


class Instructor(models.Model):
    """A candidate in one call, and once approved an instructor: the information ledger 信息台账."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="instructors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("login account"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"))
    phone = models.CharField(_("phone"), max_length=20)
    source = models.CharField(_("how nominated"), max_length=12, choices=Source.choices)
    department = models.ForeignKey(
        Department, verbose_name=_("sending unit"), on_delete=models.PROTECT, related_name="+"
    )
    township = models.ForeignKey(
        Area,
        verbose_name=_("recommending township"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    post = models.CharField(pgettext_lazy("job", "post"), max_length=60)
    strengths = models.CharField(_("strengths"), max_length=300, blank=True)
    fields = models.JSONField(_("familiar fields"), default=list)
    is_party_member = models.BooleanField(_("party member"), default=False)
    political_quality_ok = models.BooleanField(_("political quality passed"), default=False)
    health_ok = models.BooleanField(_("fit for rural work"), default=False)
    party_work_years = models.PositiveSmallIntegerField(_("years of party work"), default=0)
    service_years = models.PositiveSmallIntegerField(_("years of service"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.APPLIED)
    failed_rule = models.CharField(_("failed rule"), max_length=20, blank=True)
    # Village ids in the candidate's order of preference (a prefix; the rest follow by fit).
    village_ranking = models.JSONField(_("village preferences"), default=list, blank=True)
    village = models.ForeignKey(
        Area,
        verbose_name=_("village served"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("applied"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("instructor")
        verbose_name_plural = _("instructors")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="instructor_once_per_call"),
            models.UniqueConstraint(
                fields=["call", "village"],
                condition=models.Q(village__isnull=False),
                name="instructor_one_per_village",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def field_labels(self) -> str:
        return listed(Field(f).label for f in self.fields if f in Field.values)


class Step(models.TextChoices):
    APPLICATION = "application", pgettext_lazy("instructors", "personal application")
    RECOMMENDATION = "recommendation", pgettext_lazy("instructors", "sending-unit recommendation")
    REVIEW = "review", pgettext_lazy("instructors", "city committee review")
    LEAVING = "leaving", pgettext_lazy("instructors", "leaving the post")
    FINISHING = "finishing", pgettext_lazy("instructors", "call finished")


class ReasonCode(models.TextChoices):
    """Reasons the system gives itself: kept as codes and put into words in the reader's language."""

    ELIGIBLE = "eligible", pgettext_lazy("instructors", "all eligibility rules met")
    INELIGIBLE = "ineligible", pgettext_lazy("instructors", "an eligibility rule not met")
    FINISHED = "finished", pgettext_lazy("instructors", "the call finished first")


class Decision(models.TextChoices):
    SUBMIT = "submit", pgettext_lazy("instructors", "submitted")
    APPROVE = "approve", pgettext_lazy("instructors", "approved")
    REJECT = "reject", pgettext_lazy("instructors", "rejected")
    INELIGIBLE = "ineligible", pgettext_lazy("instructors", "stopped: ineligible")


class SelectionStep(models.Model):
    instructor = models.ForeignKey(Instructor, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(_("step"), max_length=16, choices=Step.choices)
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    # Typed by the person deciding; empty where the system gave a coded reason.
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    code = models.CharField(_("reason code"), max_length=12, choices=ReasonCode.choices, blank=True)
    # What a coded reason names (the failed rule's kind and threshold).
    code_args = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("selection step")
        verbose_name_plural = _("selection steps")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_step_display()} · {self.decision_words}"

    @property
    def decision_words(self) -> str:
        """The decision as this step says it: a unit recommends, the committee approves."""
        if self.step == Step.RECOMMENDATION and self.decision == Decision.APPROVE:
            return pgettext("instructors", "recommended")
        if self.step == Step.RECOMMENDATION and self.decision == Decision.REJECT:
            return pgettext("instructors", "not recommended")
        if self.step == Step.LEAVING:
            return str(Status.LEFT.label)
        if self.step == Step.FINISHING:
            return str(Status.NOT_SELECTED.label)
        return self.get_decision_display()

    @property
    def reason_words(self) -> str:
        """The reason in the reader's language; rows written before codes keep their stored text."""
        if self.code == ReasonCode.ELIGIBLE:
            return gettext("Application submitted; all eligibility rules met.")
        if self.code == ReasonCode.INELIGIBLE:
            rule = rule_words(str(self.code_args.get("rule", "")), self.code_args.get("value"))
            return gettext("Stopped: the rule “%(rule)s” is not met.") % {"rule": rule}
        if self.code == ReasonCode.FINISHED:
            return FINISHED_WHILE.get(str(self.code_args.get("waiting")), FINISHED_WHILE[Status.APPROVED])()
        return self.reason


# What a candidate was still waiting for when the call was finished, by their status then.
FINISHED_WHILE: dict[str, Callable[[], str]] = {
    Status.APPLIED: lambda: gettext(
        "The call was finished before the sending unit decided on this application."
    ),
    Status.RECOMMENDED: lambda: gettext(
        "The call was finished before the city committee reviewed this application."
    ),
    Status.APPROVED: lambda: gettext("The call was finished without a village for this candidate."),
}


class VillageNeed(models.Model):
    """A village's needs profile in a call, and the township's ranking of candidates for it."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="needs")
    village = models.ForeignKey(Area, verbose_name=_("village"), on_delete=models.PROTECT, related_name="+")
    focus = models.JSONField(_("focus"), default=list)
    households = models.PositiveIntegerField(_("households"), default=0)
    distance_km = models.PositiveSmallIntegerField(_("distance to the city (km)"), default=0)
    special_needs = models.CharField(_("special needs"), max_length=300, blank=True)
    candidate_ranking = models.JSONField(_("candidate preferences"), default=list, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("village needs profile")
        verbose_name_plural = _("village needs profiles")
        ordering = ["village__path"]
        constraints = [models.UniqueConstraint(fields=["call", "village"], name="need_once_per_village")]

    def __str__(self) -> str:
        return f"{self.village} · {self.call}"

    @property
    def focus_labels(self) -> str:
        return listed(Focus(f).label for f in self.focus if f in Focus.values)


class Method(models.TextChoices):
    STABLE_CANDIDATE = "stable_candidate", pgettext_lazy("instructors", "stable, candidates propose")
    STABLE_VILLAGE = "stable_village", pgettext_lazy("instructors", "stable, villages propose")
    OPTIMAL = "optimal", pgettext_lazy("instructors", "optimal total fit")
    ADJUSTMENT = "adjustment", pgettext_lazy("instructors", "dynamic adjustment")


class MatchingStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("instructors", "proposed")
    APPROVED = "approved", pgettext_lazy("instructors", "approved")
    REJECTED = "rejected", pgettext_lazy("instructors", "rejected")


class Matching(models.Model):
    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="matchings")
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=MatchingStatus.choices, default=MatchingStatus.PROPOSED
    )
    total_fit = models.IntegerField(_("total fit"), default=0)
    blocking_pairs = models.IntegerField(_("blocking pairs"), default=0)
    changes = models.IntegerField(_("pairs changed"), default=0)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    decision_reason = models.CharField(_("reason for the decision"), max_length=300, blank=True)
    # Set on a proposal rejected because another proposal of the call was approved.
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("two-way matching")
        verbose_name_plural = _("two-way matchings")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.call} · {self.get_method_display()}"


class MatchPair(models.Model):
    matching = models.ForeignKey(Matching, on_delete=models.CASCADE, related_name="pairs")
    instructor = models.ForeignKey(
        Instructor, verbose_name=_("instructor"), on_delete=models.CASCADE, related_name="+"
    )
    village = models.ForeignKey(Area, verbose_name=_("village"), on_delete=models.PROTECT, related_name="+")
    fit = models.IntegerField(_("fit"))
    changed = models.BooleanField(_("changed"), default=False)

    class Meta:
        verbose_name = _("matched pair")
        verbose_name_plural = _("matched pairs")
        ordering = ["village__path"]
        constraints = [
            models.UniqueConstraint(fields=["matching", "village"], name="pair_village_once"),
            models.UniqueConstraint(fields=["matching", "instructor"], name="pair_instructor_once"),
        ]

    def __str__(self) -> str:
        return f"{self.instructor} → {self.village}"


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
