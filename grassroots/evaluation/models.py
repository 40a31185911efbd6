"""考核: assessment periods scored by a weighted scheme, and the three mechanisms that use the
scores: commendation 评优, accountability 问责 and selection 干部选拔."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from grassroots.people.models import Staff
from grassroots.places.models import Area, Post
from grassroots.reporting.models import FindingKind, TimelinessFinding, local


class Scheme(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    # The area whose organisation department keeps the scheme (a district); it assesses periods
    # over that area or below, and only those who see the area see the scheme.
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("assessment scheme")
        verbose_name_plural = _("assessment schemes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SchemeIndicator(models.Model):
    """One weighted line of a scheme: a computed indicator (by its registry code) or a rater's."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("indicator"), max_length=40)
    weight = models.PositiveSmallIntegerField(_("weight"), validators=[MinValueValidator(1)])
    # For count indicators: the count that earns full marks.
    target = models.PositiveIntegerField(_("target"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheme indicator")
        verbose_name_plural = _("scheme indicators")
        ordering = ["scheme", "id"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="scheme_indicator_once")]

    def __str__(self) -> str:
        return f"{self.scheme} · {self.label}"

    @property
    def label(self) -> str:
        from .indicators import REGISTRY  # the registry reads other rooms' models; load it late

        ind = REGISTRY.get(self.code)
        return str(ind.label) if ind else self.code


class PeriodKind(models.TextChoices):
    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")
    YEAR = "year", _("year")


class PeriodStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class AssessmentPeriod(models.Model):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=8, choices=PeriodKind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    # The area assessed (usually a district); people and stations below it are scored.
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="periods"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=PeriodStatus.choices, default=PeriodStatus.OPEN
    )
    # The scheme's lines as they were when the period closed, so later scheme edits change nothing.
    scheme_snapshot = models.JSONField(_("scheme at closing"), default=list, blank=True, editable=False)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("assessment period")
        verbose_name_plural = _("assessment periods")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="period_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.status == PeriodStatus.CLOSED


class RaterIndicator(models.TextChoices):
    """The indicators marked by raters rather than computed from records."""

    CONDUCT = "conduct", _("conduct")
    COMMANDER_RATING = "commander_rating", _("station commander's rating")
    COMMUNITY_RATING = "community_rating", _("community's rating")


class Rating(models.Model):
    """A rater's mark (0-100) for one person on a rater indicator (conduct, commander's, community's)."""

    period = models.ForeignKey(
        AssessmentPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="ratings"
    )
    code = models.CharField(_("indicator"), max_length=40, choices=RaterIndicator.choices)
    person = models.ForeignKey(
        Staff, verbose_name=_("person"), on_delete=models.PROTECT, related_name="ratings"
    )
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("rater"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.PositiveSmallIntegerField(_("mark"), validators=[MaxValueValidator(100)])
    note = models.CharField(_("note"), max_length=200, blank=True)
    rated_at = models.DateTimeField(_("rated at"), auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["period", "person", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "code", "person", "rater"], name="rating_once_per_rater"
            ),
            models.CheckConstraint(condition=models.Q(value__lte=100), name="rating_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_code_display()} · {self.value}"


class Score(models.Model):
    """A person's or a station's score for a period, with every indicator's figure and the ids behind it."""

    period = models.ForeignKey(
        AssessmentPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="scores"
    )
    person = models.ForeignKey(
        Staff,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scores",
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("station"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scores",
    )
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    total = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    # {code: {"value", "points", "weight", "numerator", "denominator", "model", "ids"}}: the inputs too,
    # so a closed period recomputes from here and never from records edited afterwards.
    indicators = models.JSONField(_("indicators"), default=dict)
    # How much of the scheme the total rests on, kept beside it so a ranking can be ordered by it.
    measured_weight = models.PositiveIntegerField(_("weight measured"), default=0)
    scheme_weight = models.PositiveIntegerField(_("weight in the scheme"), default=0)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["period", "-total", "id"]
        constraints = [
            models.UniqueConstraint(fields=["period", "person"], name="score_once_per_person"),
            models.UniqueConstraint(fields=["period", "post"], name="score_once_per_station"),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, post__isnull=True)
                | models.Q(person__isnull=True, post__isnull=False),
                name="score_person_xor_station",
            ),
        ]
        indexes = [models.Index(fields=["period", "total"], name="score_period_total")]

    def __str__(self) -> str:
        return f"{self.person or self.post} · {self.total}"

    @property
    def measured_indicators(self) -> int:
        return sum(1 for line in self.indicators.values() if line.get("points") is not None)

    @property
    def measured_too_little(self) -> bool:
        return 2 * self.measured_weight < self.scheme_weight

    @property
    def measured_said(self) -> str:
        """How much the total rests on, for the ranking and the export."""
        n, m = self.measured_indicators, len(self.indicators)
        return ngettext(
            "measured on %(n)s of %(m)s indicator (weight %(w)s of %(total)s)",
            "measured on %(n)s of %(m)s indicators (weight %(w)s of %(total)s)",
            m,
        ) % {"n": n, "m": m, "w": self.measured_weight, "total": self.scheme_weight}

    @property
    def subject(self) -> Staff | Post:
        subject = self.person or self.post
        assert subject is not None  # the check constraint keeps exactly one
        return subject


# A total is the weighted mean of the indicators that could be scored, so one resting on less than
# half of the scheme's weight says more about what was not measured than about what was: such scores
# are ranked after the others (and marked), never mixed in. The same rule as `measured_too_little`.
MEASURED_TOO_LITTLE = models.Q(scheme_weight__gt=models.F("measured_weight") * 2)


class NominationStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class Nomination(models.Model):
    period = models.ForeignKey(
        AssessmentPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="nominations"
    )
    person = models.ForeignKey(
        Staff, verbose_name=_("person"), on_delete=models.PROTECT, related_name="nominations"
    )
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("honour"), max_length=100)
    reason = models.TextField(_("reason"))
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("nominated by"), on_delete=models.PROTECT, related_name="+"
    )
    nominated_at = models.DateTimeField(_("nominated at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=NominationStatus.choices, default=NominationStatus.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.CharField(_("decision reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-nominated_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["period", "person", "title"], name="nomination_once")]

    def __str__(self) -> str:
        return f"{self.person} · {self.title}"


class Honour(models.Model):
    """A recorded commendation (评优 result)."""

    person = models.ForeignKey(
        Staff, verbose_name=_("person"), on_delete=models.PROTECT, related_name="honours"
    )
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(
        AssessmentPeriod,
        verbose_name=_("period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
    )
    nomination = models.OneToOneField(
        Nomination,
        verbose_name=_("nomination"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honour",
    )
    title = models.CharField(_("honour"), max_length=100)
    awarded_on = models.DateField(_("awarded on"))

    class Meta:
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        ordering = ["-awarded_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person} · {self.title}"


class AccountabilitySource(models.TextChoices):
    MANUAL = "manual", _("opened by hand")
    REPORTING = "reporting", _("reporting chain")


class AccountabilityStatus(models.TextChoices):
    OPEN = "open", _("open")
    CONFIRMED = "confirmed", pgettext_lazy("accountability", "confirmed")
    DISMISSED = "dismissed", _("dismissed")


class AccountabilityOutcome(models.TextChoices):
    NONE = "", _("not decided")
    REMINDER = "reminder", _("reminder")
    CRITICISM = "criticism", _("criticism and education")
    ADMONISHMENT = "admonishment", _("admonishment talk")
    REMOVAL = "removal", _("removed from the post")


class Accountability(models.Model):
    """问责: opened by hand or from a confirmed late, missed or concealed report."""

    person = models.ForeignKey(
        Staff, verbose_name=_("person"), on_delete=models.PROTECT, related_name="accountabilities"
    )
    post = models.ForeignKey(
        Post, verbose_name=_("post"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(
        AssessmentPeriod,
        verbose_name=_("period"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accountabilities",
    )
    source = models.CharField(_("source"), max_length=10, choices=AccountabilitySource.choices)
    # One record per confirmed finding: the reporting chain's late, missed or concealed report.
    finding = models.OneToOneField(
        TimelinessFinding,
        verbose_name=_("finding"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accountability",
    )
    title = models.CharField(_("matter"), max_length=200)
    evidence = models.TextField(_("evidence"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AccountabilityStatus.choices, default=AccountabilityStatus.OPEN
    )
    decision_reason = models.CharField(_("decision reason"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reply = models.TextField(_("the person's reply"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=AccountabilityOutcome.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("accountability record")
        verbose_name_plural = _("accountability records")
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return f"{self.person} · {self.title}"

    # A record the reporting chain opened stores a title and evidence generated in its opener's
    # language; both are said again from the finding's own fields, so every reader reads their own.

    @property
    def matter(self) -> str:
        f = self.finding
        if f is None:
            return self.title
        report = f.report
        return " · ".join(
            [
                f.get_kind_display(),
                report.get_category_display(),
                report.area.name,
                local(report.discovered_at),
            ]
        )

    @property
    def evidence_said(self) -> str:
        f = self.finding
        if f is not None and f.kind in (FindingKind.LATE, FindingKind.MISSED_UPDATE):
            return f.evidence_said or self.evidence
        # Missed and concealed reports carry the evidence a reviewer typed, as typed.
        return self.evidence


class SelectionStatus(models.TextChoices):
    POOLED = "pooled", _("in the pool")
    RECOMMENDED = "recommended", _("recommended")
    NOT_RECOMMENDED = "not_recommended", _("not recommended")


class SelectionCandidate(models.Model):
    """干部选拔: a person in a period's recommendation pool, drawn from scores and honours."""

    period = models.ForeignKey(
        AssessmentPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="candidates"
    )
    person = models.ForeignKey(
        Staff, verbose_name=_("person"), on_delete=models.PROTECT, related_name="selections"
    )
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    honours = models.PositiveSmallIntegerField(_("honours"), default=0)
    status = models.CharField(
        _("status"), max_length=16, choices=SelectionStatus.choices, default=SelectionStatus.POOLED
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    decision_reason = models.CharField(_("decision reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("selection candidate")
        verbose_name_plural = _("selection candidates")
        ordering = ["period", "-score", "id"]
        constraints = [models.UniqueConstraint(fields=["period", "person"], name="selection_once_per_period")]

    def __str__(self) -> str:
        return f"{self.person} · {self.period}"
