"""Selection: who may apply to a call, the candidates and their three steps, village needs, matchings."""

from collections.abc import Callable

from django.conf import settings
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
