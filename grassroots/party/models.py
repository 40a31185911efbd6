"""树旗: temporary party organisations, their members' public cards, vanguard teams, responsibility
areas, demonstration posts, activities, and the hard cases routed to a service squad."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.people.models import Staff
from grassroots.places.models import Area, Post, PostKind
from grassroots.residents.models import Resident
from grassroots.services.models import Request, Task

# Where temporary organisations stand: compounds (at their station), isolation points, checkpoints.
ORGANISATION_POSTS = (PostKind.STATION, PostKind.ISOLATION_POINT, PostKind.CHECKPOINT)


class PartyOrganisation(models.Model):
    """临时党组织, standing at a command station, an isolation point or a checkpoint."""

    name = models.CharField(_("name"), max_length=100)
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="party_organisations"
    )
    # The post's area, copied so counts roll up the tree with one prefix query.
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="party_organisations"
    )
    secretary = models.ForeignKey(
        "PartyMember",
        verbose_name=_("secretary"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    founded_on = models.DateField(_("founded on"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("temporary party organisation")
        verbose_name_plural = _("temporary party organisations")
        ordering = ["area__path", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dissolved_on__isnull=True)
                | models.Q(dissolved_on__gte=models.F("founded_on")),
                name="party_org_dissolved_after_founded",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PartyMember(models.Model):
    """A party member serving in an organisation, with the card they show the public (亮身份、亮职责、亮承诺)."""

    organisation = models.ForeignKey(
        PartyOrganisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="members"
    )
    # Exactly one of the two: a staff member who is a party member, or a resident party member.
    staff = models.ForeignKey(
        Staff,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="party_memberships",
    )
    resident = models.ForeignKey(
        Resident,
        verbose_name=_("resident"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="party_memberships",
    )
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    duty = models.CharField(_("duty"), max_length=100, blank=True)
    pledge = models.CharField(_("pledge"), max_length=200, blank=True)
    # What the member chose to show on the public card; the name and post are always shown.
    shows_phone = models.BooleanField(_("show my phone on the card"), default=False)
    shows_department = models.BooleanField(_("show my department on the card"), default=False)
    # The member's own choice to show the card at all. Whether they are on duty is not stored: it is
    # read from the command network each day (see selectors.on_duty_q).
    shows_card = models.BooleanField(_("show my card while I am on duty"), default=True)
    card = models.UUIDField(_("card code"), default=uuid.uuid4, unique=True, editable=False)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        ordering = ["organisation", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "staff"], name="party_member_staff_once"),
            models.UniqueConstraint(fields=["organisation", "resident"], name="party_member_resident_once"),
            models.CheckConstraint(
                condition=models.Q(staff__isnull=False, resident__isnull=True)
                | models.Q(staff__isnull=True, resident__isnull=False),
                name="party_member_staff_xor_resident",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def person(self) -> Staff | Resident:
        person = self.staff or self.resident
        assert person is not None  # the check constraint keeps exactly one
        return person

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def phone(self) -> str:
        return self.person.phone


class VanguardTeam(models.Model):
    """党员先锋队; a team flagged as squad is a 党员服务突击队 that takes hard cases."""

    name = models.CharField(_("name"), max_length=100)
    organisation = models.ForeignKey(
        PartyOrganisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="teams",
    )
    area = models.ForeignKey(Area, verbose_name=_("task area"), on_delete=models.PROTECT, related_name="+")
    task = models.CharField(_("task"), max_length=200, blank=True)
    leader = models.ForeignKey(
        PartyMember,
        verbose_name=_("leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    members = models.ManyToManyField(PartyMember, verbose_name=_("members"), blank=True, related_name="teams")
    is_squad = models.BooleanField(_("service squad"), default=False)

    class Meta:
        verbose_name = _("vanguard team")
        verbose_name_plural = _("vanguard teams")
        ordering = ["area__path", "name"]

    def __str__(self) -> str:
        return self.name


class ResponsibilityArea(models.Model):
    """党员责任区: a member answers for some buildings or units, working with the building manager."""

    member = models.ForeignKey(
        PartyMember,
        verbose_name=_("party member"),
        on_delete=models.CASCADE,
        related_name="responsibility_areas",
    )
    # The compound the covered buildings stand in: the row's place on the tree.
    area = models.ForeignKey(Area, verbose_name=_("compound"), on_delete=models.PROTECT, related_name="+")
    covers = models.ManyToManyField(
        Area, verbose_name=_("buildings or units"), related_name="responsibility_areas"
    )
    building_manager = models.ForeignKey(
        Staff,
        verbose_name=_("building manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("responsibility area")
        verbose_name_plural = _("responsibility areas")
        ordering = ["area__path", "id"]

    def __str__(self) -> str:
        return f"{self.member} · {self.area}"


class DemonstrationPost(models.Model):
    """党员示范岗: a member standing at a post with a public pledge."""

    member = models.ForeignKey(
        PartyMember,
        verbose_name=_("party member"),
        on_delete=models.CASCADE,
        related_name="demonstration_posts",
    )
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="demonstration_posts"
    )
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=100)
    pledge = models.CharField(_("pledge"), max_length=200)

    class Meta:
        verbose_name = _("demonstration post")
        verbose_name_plural = _("demonstration posts")
        ordering = ["area__path", "id"]

    def __str__(self) -> str:
        return self.title


class ActivityKind(models.TextChoices):
    OATH = "oath", _("renewing the party oath")
    STUDY = "study", _("study session")
    SERVICE_DAY = "service_day", _("service day")
    OTHER = "other", _("other")


class Activity(models.Model):
    organisation = models.ForeignKey(
        PartyOrganisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="activities"
    )
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=100)
    held_on = models.DateField(_("date"))
    attendees = models.ManyToManyField(
        PartyMember, verbose_name=_("attendees"), blank=True, related_name="activities"
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("party activity")
        verbose_name_plural = _("party activities")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["organisation", "held_on"], name="party_activity_org_date")]

    def __str__(self) -> str:
        return self.title


class SquadCase(models.Model):
    """A hard case routed to a service squad: the last hundred metres, door to door."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")

    team = models.ForeignKey(
        VanguardTeam, verbose_name=_("squad"), on_delete=models.PROTECT, related_name="cases"
    )
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("case"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    # The resident request or board task the case came from, when it came from one.
    request = models.ForeignKey(
        Request,
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="squad_cases",
    )
    task = models.ForeignKey(
        Task,
        verbose_name=_("task"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="squad_cases",
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("routed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    routed_at = models.DateTimeField(_("routed at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("squad case")
        verbose_name_plural = _("squad cases")
        ordering = ["-routed_at", "-id"]

    def __str__(self) -> str:
        return self.title
