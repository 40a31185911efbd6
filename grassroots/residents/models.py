"""The resident ledger: households on the grid, the people in them, door-knocking visits,
one-to-one care, and the history of every change."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from grassroots.people.models import Gender, Staff
from grassroots.places.models import Area


class HouseholdStatus(models.TextChoices):
    OCCUPIED = "occupied", _("occupied")
    VACANT = "vacant", _("long-vacant")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("resident ID card")
    HMT_PERMIT = "hmt_permit", _("Hong Kong/Macao/Taiwan residence permit")
    PASSPORT = "passport", _("passport")
    OTHER = "other", _("other ID")


class ResidenceType(models.TextChoices):
    PERMANENT = "permanent", _("permanent")
    TEMPORARY = "temporary", _("temporary")
    FLOATING = "floating", _("floating")


class Relation(models.TextChoices):
    HEAD = "head", _("head of household")
    SPOUSE = "spouse", _("spouse")
    CHILD = "child", _("child")
    # In context: a bare "parent" is a place's parent area (上级), and export writes this label.
    PARENT = "parent", pgettext_lazy("relation", "parent")
    GRANDPARENT = "grandparent", _("grandparent")
    GRANDCHILD = "grandchild", _("grandchild")
    SIBLING = "sibling", _("sibling")
    TENANT = "tenant", _("tenant")
    OTHER = "other", _("other relation")


class Channel(models.TextChoices):
    VISIT = "visit", _("home visit")
    PHONE = "phone", _("phone call")
    WECHAT = "wechat", _("WeChat group")
    ONE_TO_ONE = "one_to_one", _("one-to-one")


class Outcome(models.TextChoices):
    VERIFIED = "verified", _("verified")
    CORRECTED = "corrected", _("corrected")
    NOBODY_HOME = "nobody_home", _("nobody home")
    VACANT = "vacant", _("vacant")
    REFUSED = "refused", _("refused")


class LeftReason(models.TextChoices):
    MOVED_AWAY = "moved_away", _("moved away")
    DECEASED = "deceased", _("deceased")
    DUPLICATE = "duplicate", _("registered twice")
    OTHER = "other", _("other reason")


class ChangeVia(models.TextChoices):
    EDIT = "edit", _("edit")
    VISIT = "visit", _("visit")
    IMPORT = "import", _("import")


class CareTag(models.Model):
    """An entry of the editable care dictionary (独居老人, 高龄老人, …)."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    contact_every_days = models.PositiveSmallIntegerField(
        _("contact every (days)"), validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("care tag")
        verbose_name_plural = _("care tags")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contact_every_days__gte=1), name="caretag_frequency_positive"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Household(models.Model):
    # The unit (or, for buildings without units, the building) the home is in.
    area = models.ForeignKey(
        Area,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="households",
        db_index=False,  # household_room_unique (area, room) leads with it
    )
    room = models.CharField(_("room"), max_length=20)
    status = models.CharField(
        _("status"), max_length=10, choices=HouseholdStatus.choices, default=HouseholdStatus.OCCUPIED
    )
    no_smartphone = models.BooleanField(_("no smartphone"), default=False)
    head = models.ForeignKey(
        "Resident",
        verbose_name=_("head of household"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["area__path", "room"]
        constraints = [models.UniqueConstraint(fields=["area", "room"], name="household_room_unique")]

    def __str__(self) -> str:
        return f"{self.area.name} {self.room}" if self.area_id else self.room


class CurrentResidents(models.Manager["Resident"]):
    """The people the ledger lists now. Someone who left (moved away, died, was registered twice) is
    kept, since care records, party membership and the history point at them, but is no longer
    listed, counted, exported or cared for."""

    def get_queryset(self) -> models.QuerySet["Resident"]:
        return super().get_queryset().filter(left_at__isnull=True)


class Resident(models.Model):
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="residents"
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices, blank=True)
    id_type = models.CharField(
        _("ID type"), max_length=12, choices=IdType.choices, default=IdType.RESIDENT_ID
    )
    # Fernet token of the normalised number; never the number in clear.
    id_number_encrypted = models.TextField(blank=True, editable=False)
    # Keyed HMAC of the normalised number: lookups and the uniqueness rule work without decrypting.
    id_digest = models.CharField(max_length=64, blank=True, editable=False)
    # What anyone may see (220302********123X), kept so lists and exports need not decrypt.
    id_masked = models.CharField(_("ID number"), max_length=40, blank=True, editable=False)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    relation = models.CharField(
        _("relation to the head"), max_length=12, choices=Relation.choices, default=Relation.OTHER
    )
    residence_type = models.CharField(
        _("residence type"), max_length=10, choices=ResidenceType.choices, default=ResidenceType.PERMANENT
    )
    care_tags = models.ManyToManyField(
        CareTag, verbose_name=_("care tags"), blank=True, related_name="residents"
    )
    is_party_member = models.BooleanField(_("party member"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    left_at = models.DateTimeField(_("left the ledger"), null=True, blank=True, editable=False)
    # A database default too, so an import's COPY, which names only the columns it fills, leaves it empty.
    left_reason = models.CharField(
        _("why they left"), max_length=10, choices=LeftReason.choices, blank=True, default="", db_default="",
        editable=False,
    )  # fmt: skip

    everyone = models.Manager()
    objects = CurrentResidents()

    class Meta:
        default_manager_name = "objects"  # lists, related sets and the admin show the current ledger
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        ordering = ["household_id", "id"]
        permissions = [("unmask_resident", _("Can see full ID numbers of residents"))]
        constraints = [
            models.UniqueConstraint(
                fields=["id_type", "id_digest"],
                condition=~models.Q(id_digest=""),
                name="resident_id_unique_per_type",
            )
        ]
        # No index on name: names are searched by substring (LIKE '%…%'), which a b-tree cannot serve.

    def __str__(self) -> str:
        return self.name


class Campaign(models.Model):
    """A door-knocking campaign (敲门行动): every household in its area is to be visited."""

    name = models.CharField(_("name"), max_length=100)
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="campaigns")
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("door-knocking campaign")
        verbose_name_plural = _("door-knocking campaigns")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="campaign_dates"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Visit(models.Model):
    # Made by the client, so a retried submission names the same visit and never duplicates it.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="visits"
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
    )
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("visitor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    visited_at = models.DateTimeField(_("time"))
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    outcome = models.CharField(pgettext_lazy("visit", "outcome"), max_length=12, choices=Outcome.choices)
    changes = models.JSONField(_("corrected fields"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    # SHA-256 of the submitted content: a retry with the same id must carry the same content.
    fingerprint = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visited_at"]
        indexes = [
            models.Index(fields=["campaign", "household"], name="visit_campaign_household"),
            models.Index(fields=["household", "visited_at"], name="visit_household_time"),
        ]

    def __str__(self) -> str:
        return f"{self.household} · {self.get_outcome_display()}"


class CarePair(models.Model):
    """One-to-one care (一对一帮扶): a helper answers for a care resident."""

    resident = models.ForeignKey(
        Resident, verbose_name=_("resident"), on_delete=models.CASCADE, related_name="care_pairs"
    )
    helper = models.ForeignKey(
        Staff,
        verbose_name=pgettext_lazy("care", "helper"),
        on_delete=models.PROTECT,
        related_name="care_pairs",
    )
    started_at = models.DateTimeField(_("since"), default=timezone.now)
    ended_at = models.DateTimeField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("one-to-one care pair")
        verbose_name_plural = _("one-to-one care pairs")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident"], condition=models.Q(ended_at__isnull=True), name="carepair_one_active"
            )
        ]

    def __str__(self) -> str:
        return f"{self.helper} → {self.resident}"


class CareContact(models.Model):
    pair = models.ForeignKey(
        CarePair, verbose_name=_("care pair"), on_delete=models.CASCADE, related_name="contacts"
    )
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    note = models.TextField(_("note"), blank=True)
    contacted_at = models.DateTimeField(_("time"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("care contact")
        verbose_name_plural = _("care contacts")
        ordering = ["-contacted_at"]
        indexes = [models.Index(fields=["pair", "contacted_at"], name="carecontact_pair_time")]

    def __str__(self) -> str:
        return f"{self.pair} · {self.contacted_at:%Y-%m-%d}"


class LedgerChange(models.Model):
    """One change to a household or resident: who, when, old → new, and through what."""

    # The history outlives what it describes: deleting a household or resident (the admin can) leaves
    # its entries, so household and resident are plain keys without a database constraint. That also
    # spares an import two foreign-key checks per entry: 2 s of a 200,000-row import's commit. The
    # actor likewise (its name is kept beside it; Django itself clears the key if the user is deleted):
    # its check cost a user's 200,000-row import another second at commit.
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # ledgerchange_household_time leads with the household
        related_name="changes",
    )
    # Empty for a change to the household itself.
    resident = models.ForeignKey(
        Resident,
        verbose_name=_("resident"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="changes",
    )
    # The field changed; "created" for a new record.
    field = models.CharField(_("field"), max_length=40)
    old = models.TextField(_("old value"), blank=True)
    new = models.TextField(_("new value"), blank=True)
    via = models.CharField(_("through"), max_length=8, choices=ChangeVia.choices)
    visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(_("who"), max_length=150, blank=True)
    at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        verbose_name = _("ledger change")
        verbose_name_plural = _("ledger changes")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["household", "at"], name="ledgerchange_household_time"),
            # Most entries come from edits and imports, not visits: only those from visits are indexed.
            models.Index(
                fields=["visit"], name="ledgerchange_visit", condition=models.Q(visit__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.field}: {self.old} → {self.new}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    CHECKED = "checked", _("checked")
    FAILED = "failed", _("has errors")
    DONE = "done", _("imported")


class LedgerImport(models.Model):
    """One uploaded ledger file and what became of it (dry run, errors, counts)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(_("file"), max_length=200)
    stored_path = models.CharField(max_length=300, editable=False)
    dry_run = models.BooleanField(_("dry run"), default=True)
    status = models.CharField(
        _("status"), max_length=8, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(default=0)
    done_rows = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ledger import")
        verbose_name_plural = _("ledger imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
