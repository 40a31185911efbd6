"""Who answers for which place: assignments (包保, station posts, work groups), pre-job training,
coverage requirements, rebalancing proposals and the rest rotation (轮休)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from grassroots.people.models import Staff
from grassroots.places.models import Area, Post


class Role(models.TextChoices):
    GUARANTOR = "guarantor", _("guarantor")
    COMMANDER = "commander", _("commander")
    FIRST_SECRETARY = "first_secretary", _("first secretary")
    SECOND_SECRETARY = "second_secretary", _("second secretary")
    DEPUTY_COMMANDER = "deputy_commander", _("deputy commander")
    BUILDING_MANAGER = "building_manager", _("building manager")
    UNIT_MANAGER = "unit_manager", _("unit manager")
    MEMBER = "member", _("work-group member")


# The station's leadership posts; the rest of a station's people are work-group members.
STATION_POSTS = (Role.COMMANDER, Role.FIRST_SECRETARY, Role.SECOND_SECRETARY, Role.DEPUTY_COMMANDER)


class WorkGroup(models.TextChoices):
    STATIC_MANAGEMENT = "static_management", _("static management")
    TESTING_DISINFECTION = "testing_disinfection", _("testing and disinfection")
    LIVELIHOOD = "livelihood", _("livelihood support")
    COMPREHENSIVE_SERVICE = "comprehensive_service", _("comprehensive service")


class Assignment(models.Model):
    """A staff member on an area (or a post on it) with a role, from a day until the day it ended.

    Never deleted: ending an assignment sets `ends_on`, the first day the person is off it, so
    a successor can start on that same day without overlap.
    """

    staff = models.ForeignKey(
        Staff, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="assignments"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="assignments"
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(pgettext_lazy("job", "role"), max_length=20, choices=Role.choices)
    work_group = models.CharField(_("work group"), max_length=24, choices=WorkGroup.choices, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("ended on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["area__path", "role", "starts_on", "id"]
        indexes = [
            models.Index(fields=["area", "role", "ends_on"], name="assignment_area_role"),
            models.Index(fields=["staff", "ends_on"], name="assignment_staff"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="assignment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(role="member") & ~Q(work_group="")) | (~Q(role="member") & Q(work_group="")),
                name="assignment_group_iff_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff} · {self.get_role_display()} · {self.area}"


class Training(models.Model):
    """A person's pre-job training (岗前培训), and whether they were handed the work manual."""

    staff = models.ForeignKey(
        Staff, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="trainings"
    )
    held_on = models.DateField(_("trained on"))
    topic = models.CharField(_("topic"), max_length=100)
    manual_given = models.BooleanField(_("manual handed out"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("pre-job training")
        verbose_name_plural = _("pre-job training")
        ordering = ["-held_on", "id"]

    def __str__(self) -> str:
        return f"{self.staff} · {self.topic} · {self.held_on}"


def default_required_posts() -> dict[str, int]:
    return {"commander": 1, "first_secretary": 1, "second_secretary": 1, "deputy_commander": 2}


def default_required_kinds() -> dict[str, int]:
    return {"medic": 1, "police": 1}


def default_required_groups() -> list[str]:
    return [g.value for g in WorkGroup]


class CoverageRequirement(models.Model):
    """What every station must have (人手足、种类全、全覆盖、无死角), and how need is weighed.

    One row on the district holds its defaults; a row on a street overrides them for that street.
    The nearest row up the tree applies, whole.
    """

    area = models.OneToOneField(
        Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="coverage_requirement"
    )
    required_posts = models.JSONField(
        _("posts every station fills"), default=default_required_posts, help_text=_("role → how many")
    )
    required_kinds = models.JSONField(
        _("staff kinds every station has"), default=default_required_kinds, help_text=_("kind → how many")
    )
    required_groups = models.JSONField(_("work groups every station has"), default=default_required_groups)
    households_per_staff = models.PositiveIntegerField(
        _("households per staff member at most"), default=100, validators=[MinValueValidator(1)]
    )
    building_managers = models.BooleanField(_("every building has a manager"), default=True)
    weight_land = models.FloatField(
        _("need weight: land area"), default=1.0, validators=[MinValueValidator(0)]
    )
    weight_population = models.FloatField(
        _("need weight: population"), default=2.0, validators=[MinValueValidator(0)]
    )
    weight_difficulty = models.FloatField(
        _("need weight: management difficulty"), default=1.0, validators=[MinValueValidator(0)]
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("coverage requirement")
        verbose_name_plural = _("coverage requirements")

    def __str__(self) -> str:
        return str(self.area)


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    APPLIED = "applied", pgettext_lazy("proposal", "applied")
    REJECTED = "rejected", _("rejected")


class RebalanceProposal(models.Model):
    """A solver's proposal of moves of sent-down staff between compounds of one area."""

    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="rebalance_proposals"
    )
    cross_streets = models.BooleanField(_("moves across streets allowed"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    # Lexicographic objective values: kind shortfall, largest need shortfall, moves.
    objective = models.JSONField(_("objective"), default=dict)
    weights = models.JSONField(_("need weights"), default=dict)
    # Per compound: {"id", "name", "need", "before", "after", "kinds_before", "kinds_after"}.
    compounds = models.JSONField(_("compounds"), default=list)
    solve_seconds = models.FloatField(_("solver time (s)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("rebalancing proposal")
        verbose_name_plural = _("rebalancing proposals")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.area} · {self.created_at:%Y-%m-%d %H:%M}"


class RebalanceMove(models.Model):
    proposal = models.ForeignKey(RebalanceProposal, on_delete=models.CASCADE, related_name="moves")
    staff = models.ForeignKey(
        Staff, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="+"
    )
    from_area = models.ForeignKey(Area, verbose_name=_("from"), on_delete=models.PROTECT, related_name="+")
    to_area = models.ForeignKey(Area, verbose_name=_("to"), on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("move")
        verbose_name_plural = _("moves")
        ordering = ["proposal", "id"]
        constraints = [models.UniqueConstraint(fields=["proposal", "staff"], name="move_once_per_proposal")]

    def __str__(self) -> str:
        return f"{self.staff}: {self.from_area} → {self.to_area}"


class Slot(models.TextChoices):
    DAY = "day", _("day shift")
    NIGHT = "night", _("night shift")


class RotaStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class Rota(models.Model):
    """A station's rest rotation (轮休) over a period, generated by the solver."""

    post = models.ForeignKey(Post, verbose_name=_("station"), on_delete=models.PROTECT, related_name="rotas")
    area = models.ForeignKey(Area, verbose_name=_("compound"), on_delete=models.PROTECT, related_name="rotas")
    starts_on = models.DateField(_("from"))
    days = models.PositiveSmallIntegerField(
        _("days"), default=14, validators=[MinValueValidator(1), MaxValueValidator(62)]
    )
    min_heads = models.PositiveSmallIntegerField(_("people per shift at least"), default=2)
    # Staff kind → how many of that kind every shift needs.
    min_kinds = models.JSONField(_("kinds every shift needs"), default=dict, blank=True)
    max_consecutive = models.PositiveSmallIntegerField(
        _("consecutive working days at most"), default=6, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RotaStatus.choices, default=RotaStatus.DRAFT
    )
    # Shifts per person, smallest and largest: how fairly the load is spread.
    load_min = models.PositiveSmallIntegerField(_("fewest shifts"), default=0)
    load_max = models.PositiveSmallIntegerField(_("most shifts"), default=0)
    solve_seconds = models.FloatField(_("solver time (s)"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rota")
        verbose_name_plural = _("rotas")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return f"{self.post} · {self.starts_on}"


class Shift(models.Model):
    rota = models.ForeignKey(Rota, on_delete=models.CASCADE, related_name="shifts")
    staff = models.ForeignKey(
        Staff, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="shifts"
    )
    day = models.DateField(_("day"))
    slot = models.CharField(_("shift"), max_length=5, choices=Slot.choices)

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["day", "slot", "staff__name"]
        constraints = [models.UniqueConstraint(fields=["rota", "staff", "day"], name="shift_one_per_day")]
        indexes = [models.Index(fields=["staff", "day"], name="shift_staff_day")]

    def __str__(self) -> str:
        return f"{self.staff} · {self.day} · {self.get_slot_display()}"


class Leave(models.Model):
    """Leave or other unavailability: the rota never puts the person on these days (inclusive)."""

    staff = models.ForeignKey(
        Staff, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="leaves"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("leave")
        verbose_name_plural = _("leave")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="leave_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} · {self.starts_on}–{self.ends_on}"


class SwapStatus(models.TextChoices):
    PENDING = "pending", _("waiting for the commander")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class SwapRequest(models.Model):
    """One person asks to hand a shift to a colleague (or trade it for one of theirs)."""

    shift = models.ForeignKey(Shift, verbose_name=_("shift"), on_delete=models.CASCADE, related_name="swaps")
    taker = models.ForeignKey(Staff, verbose_name=_("taken by"), on_delete=models.PROTECT, related_name="+")
    # The taker's own shift the asker takes in return; none when it is a plain hand-over.
    other_shift = models.ForeignKey(
        Shift,
        verbose_name=_("in return for"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SwapStatus.choices, default=SwapStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("swap request")
        verbose_name_plural = _("swap requests")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.shift} → {self.taker}"
