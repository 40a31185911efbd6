"""Resident services: requests and the green channel, the task board and its claims, supply
deliveries to households, and the stock of supplies and staff-welfare items at each post."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from grassroots.core.lists import listed
from grassroots.places.models import Area, Post
from grassroots.residents.models import Household, Resident

User = settings.AUTH_USER_MODEL


class RequestKind(models.TextChoices):
    ORDINARY = "ordinary", _("request")
    GREEN_CHANNEL = "green_channel", _("green channel")
    RESUPPLY = "resupply", _("resupply")


class Category(models.TextChoices):
    MEDICINE = "medicine", _("medicine")
    FOOD = "food", _("food and daily supplies")
    MEDICAL_VISIT = "medical_visit", _("medical visit")
    CARE = "care", _("elderly or child care")
    DISPUTE = "dispute", _("dispute mediation")
    REPAIRS = "repairs", _("repairs")
    OTHER = "other", _("other")


class Emergency(models.TextChoices):
    DIALYSIS = "dialysis", _("dialysis")
    CHILDBIRTH = "childbirth", _("childbirth")
    ACUTE_ILLNESS = "acute_illness", _("acute illness")
    CHEMOTHERAPY = "chemotherapy", _("chemotherapy")
    OTHER = "other", _("other emergency")


class RequestChannel(models.TextChoices):
    WECHAT = "wechat", _("WeChat group")
    PHONE = "phone", _("phone call")
    VISIT = "visit", _("home visit")
    ONE_TO_ONE = "one_to_one", _("one-to-one")
    PUBLIC = "public", _("public page")
    STOCK = "stock", _("low-stock alert")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("normal")
    URGENT = "urgent", _("urgent")


class RequestStatus(models.TextChoices):
    NEW = "new", _("new")
    ACCEPTED = "accepted", _("accepted")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    CONFIRMED = "confirmed", _("confirmed")
    CLOSED = "closed", _("closed")


OPEN_STATUSES = (RequestStatus.NEW, RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS)


class Level(models.IntegerChoices):
    """Who answers for a request, from the station up (`rules.LEVELS` says which areas stand at each)."""

    STATION = 0, _("command station")
    COMMUNITY = 1, _("community centre")
    STREET = 2, _("street")
    DISTRICT = 3, _("district")


class Request(models.Model):
    """A resident's need (诉求), or an emergency (绿色通道), or a post's call for more stock."""

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    kind = models.CharField(
        _("kind"), max_length=14, choices=RequestKind.choices, default=RequestKind.ORDINARY
    )
    category = models.CharField(_("category"), max_length=14, choices=Category.choices)
    emergency = models.CharField(_("emergency"), max_length=14, choices=Emergency.choices, blank=True)
    channel = models.CharField(_("channel"), max_length=12, choices=RequestChannel.choices)
    urgency = models.CharField(_("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    # The building (or compound, or a post's area) the request belongs to: it decides who sees it.
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="requests")
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    resident = models.ForeignKey(
        Resident,
        verbose_name=_("resident"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    room = models.CharField(_("room"), max_length=20, blank=True)
    phone = models.CharField(_("phone"), max_length=20)
    details = models.TextField(_("details"))
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    created_at = models.DateTimeField(_("filed"), db_index=True)
    created_by = models.ForeignKey(
        User, verbose_name=_("filed by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Promised at filing from the category's time limit; overdue is derived from it at read time.
    deadline = models.DateTimeField(_("deadline"))
    # Green channel only: when acceptance is due; each missed window moves it a level up.
    accept_by = models.DateTimeField(_("accept by"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        User, verbose_name=_("done by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    result = models.TextField(_("result"), blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    close_reason = models.CharField(_("reason for closing"), max_length=300, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = models.CharField(_("comment"), max_length=300, blank=True)
    escort = models.CharField(_("escort"), max_length=100, blank=True)
    vehicle = models.CharField(_("vehicle"), max_length=100, blank=True)
    hospital = models.CharField(_("destination hospital"), max_length=100, blank=True)
    plan = models.ForeignKey(
        "GreenChannelPlan",
        verbose_name=_("green-channel plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    stock_item = models.ForeignKey(
        "StockItem",
        verbose_name=_("stock item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resupply_requests",
    )
    # The highest level already told about this request being late, so the worker never repeats itself.
    escalation_notified = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "deadline"], name="request_status_deadline"),
            models.Index(fields=["kind", "status"], name="request_kind_status"),
            models.Index(fields=["phone"], name="request_phone"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="request_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="green_channel") | models.Q(accept_by__isnull=False),
                name="request_green_has_accept_by",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.get_category_display()}"


class EventAction(models.TextChoices):
    # A step on the timeline reads as an event (已提交), where the request's own "filed" is the column
    # of when it came in (提交时间).
    FILED = "filed", pgettext_lazy("request step", "filed")
    ACCEPTED = "accepted", _("accepted")
    STARTED = "started", _("started")
    DONE = "done", _("finished")
    CONFIRMED = "confirmed", _("confirmed by the resident")
    CLOSED = "closed", _("closed")
    RATED = "rated", _("rated")
    ESCALATED = "escalated", _("escalated")
    NOTIFIED = "notified", _("notified")
    DISPATCHED = "dispatched", _("escort and vehicle recorded")


class RequestEvent(models.Model):
    """One step of a request's timeline: what happened, when, by whom."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=12, choices=EventAction.choices)
    at = models.DateTimeField(_("when"))
    actor = models.ForeignKey(
        User, verbose_name=_("who"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("who"), max_length=150, blank=True)
    # What a person wrote for this step (the result, the reason for closing, the rating), as written.
    note = models.TextField(_("note"), blank=True)
    # What the system recorded for this step, as codes: the levels told ({"levels": [0, 1, 2]}) or the
    # level reached ({"level": 2}). Readers of different languages share one timeline, so these are
    # said when read (`note_said`), never stored as a sentence in the writer's language.
    params = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request} {self.action}"

    @property
    def action_said(self) -> str:
        """The step's name in the active language; a post confirms a resupply, not a resident."""
        if self.action == EventAction.CONFIRMED and self.request.kind == RequestKind.RESUPPLY:
            return str(_("confirmed by the post"))
        return self.get_action_display()

    @property
    def note_said(self) -> str:
        """The step's note in the active language: a person's words as written, the system's said now."""
        if self.note:
            return self.note
        if "levels" in self.params:
            return listed(Level(n).label for n in self.params["levels"])
        if "level" in self.params:
            return str(Level(self.params["level"]).label)
        return ""

    @property
    def actor_said(self) -> str:
        """Who took the step when no user did: the name kept (a post's), or the resident on the public page."""
        if self.actor_name:
            return self.actor_name
        if self.action == EventAction.FILED and self.request.channel == RequestChannel.PUBLIC:
            return str(_("resident"))
        return ""


class PublicAttemptKind(models.TextChoices):
    FILE = "file", _("filing")
    LOOKUP = "lookup", _("status lookup")


class PublicAttempt(models.Model):
    """One use of the public pages, counted per IP and per phone for the rate limit."""

    kind = models.CharField(max_length=8, choices=PublicAttemptKind.choices)
    ip = models.GenericIPAddressField(null=True, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "ip", "at"], name="publicattempt_ip"),
            models.Index(fields=["kind", "phone", "at"], name="publicattempt_phone"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.ip} {self.at:%H:%M}"


class GreenChannelPlan(models.Model):
    """A standing plan for a care resident's regular trips (dialysis, chemotherapy)."""

    resident = models.ForeignKey(
        Resident, verbose_name=_("resident"), on_delete=models.CASCADE, related_name="green_channel_plans"
    )
    emergency = models.CharField(_("need"), max_length=14, choices=Emergency.choices)
    hospital = models.CharField(_("hospital"), max_length=100)
    # ISO weekdays (1 = Monday) of the regular trip.
    weekdays = models.JSONField(_("weekdays"), default=list)
    depart_time = models.TimeField(_("departure"))
    escort = models.CharField(_("escort"), max_length=100, blank=True)
    vehicle = models.CharField(_("vehicle"), max_length=100, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("green-channel plan")
        verbose_name_plural = _("green-channel plans")
        ordering = ["resident_id", "id"]

    def __str__(self) -> str:
        return f"{self.resident} → {self.hospital}"


class TaskKind(models.TextChoices):
    MEDIATION = "mediation", _("dispute mediation")
    FAMILY = "family", _("guaranteeing a family in difficulty")
    DELIVERY = "delivery", _("supply delivery")
    REQUEST = "request", _("resident request")
    OTHER = "other", _("other")


class Task(models.Model):
    """Work a post publishes for party members and volunteers to claim (认领)."""

    title = models.CharField(_("title"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=TaskKind.choices)
    area = models.ForeignKey(Area, verbose_name=_("place"), on_delete=models.PROTECT, related_name="tasks")
    post = models.ForeignKey(
        Post, verbose_name=_("post"), null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    request = models.ForeignKey(
        Request,
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    details = models.TextField(_("details"), blank=True)
    places = models.PositiveSmallIntegerField(_("people needed"), validators=[MinValueValidator(1)])
    deadline = models.DateTimeField(_("deadline"))
    points = models.PositiveSmallIntegerField(_("points"), default=10)
    created_at = models.DateTimeField(pgettext_lazy("time", "published"))
    created_by = models.ForeignKey(
        User,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["closed_at", "deadline"], name="task_open_deadline")]
        constraints = [models.CheckConstraint(condition=models.Q(places__gte=1), name="task_places_positive")]

    def __str__(self) -> str:
        return self.title


def claim_photo_path(instance: "Claim", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"claims/{instance.task_id}/{uuid.uuid4().hex}.{suffix}"


class Claim(models.Model):
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey(
        User, verbose_name=_("claimed by"), on_delete=models.CASCADE, related_name="claims"
    )
    claimed_at = models.DateTimeField(_("claimed"))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Pillow is not a dependency, so the photo is a plain file checked for type and size on upload.
    photo = models.FileField(_("photo"), upload_to=claim_photo_path, blank=True)
    points = models.PositiveSmallIntegerField(_("points"), default=0)

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["claimed_at", "id"]
        constraints = [models.UniqueConstraint(fields=["task", "user"], name="claim_once_per_task")]

    def __str__(self) -> str:
        return f"{self.user} → {self.task}"


class DeliveryRound(models.Model):
    """One round of supplies to the households of a compound or building."""

    name = models.CharField(_("name"), max_length=100)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="delivery_rounds"
    )
    items = models.CharField(_("items per household"), max_length=300)
    # Helpers are whoever claims this task; the round is split between them by building.
    task = models.OneToOneField(
        Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="delivery_round"
    )
    created_at = models.DateTimeField(_("created"))
    created_by = models.ForeignKey(
        User, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("delivery round")
        verbose_name_plural = _("delivery rounds")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class StopStatus(models.TextChoices):
    PENDING = "pending", _("to deliver")
    DELIVERED = "delivered", _("delivered")
    FAILED = "failed", _("not delivered")


class DeliveryStop(models.Model):
    round = models.ForeignKey(DeliveryRound, on_delete=models.CASCADE, related_name="stops")
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+"
    )
    building = models.ForeignKey(Area, verbose_name=_("building"), on_delete=models.PROTECT, related_name="+")
    helper = models.ForeignKey(
        User, verbose_name=_("helper"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=StopStatus.choices, default=StopStatus.PENDING
    )
    reason = models.CharField(_("why not"), max_length=200, blank=True)
    at = models.DateTimeField(_("when"), null=True, blank=True)
    by = models.ForeignKey(
        User, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("delivery stop")
        verbose_name_plural = _("delivery stops")
        ordering = ["building__path", "household__area__path", "household__room"]
        constraints = [
            models.UniqueConstraint(fields=["round", "household"], name="stop_once_per_round"),
            models.CheckConstraint(
                condition=~models.Q(status="failed") | models.Q(reason__gt=""), name="stop_failed_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.household}"


class StockCategory(models.TextChoices):
    PROTECTIVE = "protective", _("protective supplies")
    OFFICE = "office", _("office supplies")
    MEALS = "meals", _("meals")
    LODGING = "lodging", _("lodging")
    TRANSPORT = "transport", _("transport")
    COLD = "cold", _("cold-weather gear")
    MEDICINE = "medicine", _("emergency medicine")


class StockItem(models.Model):
    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="stock")
    name = models.CharField(_("item"), max_length=60)
    category = models.CharField(_("category"), max_length=10, choices=StockCategory.choices)
    unit = models.CharField(pgettext_lazy("measure", "unit"), max_length=10, default="件")
    quantity = models.PositiveIntegerField(_("in stock"), default=0)
    low_threshold = models.PositiveIntegerField(_("low-stock threshold"), default=0)

    class Meta:
        verbose_name = _("stock item")
        verbose_name_plural = _("stock items")
        ordering = ["post_id", "category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["post", "name"], name="stock_item_unique_per_post"),
            models.CheckConstraint(condition=models.Q(quantity__gte=0), name="stock_never_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.post} · {self.name}"

    @property
    def is_low(self) -> bool:
        return self.quantity <= self.low_threshold


class MoveKind(models.TextChoices):
    RECEIPT = "receipt", _("receipt")
    ISSUE = "issue", _("issue")
    TRANSFER_OUT = "transfer_out", _("transfer out")
    TRANSFER_IN = "transfer_in", _("transfer in")


class StockMove(models.Model):
    # Made by the client when it has one, so a retried submission is recorded once.
    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    item = models.ForeignKey(
        StockItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="moves"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=MoveKind.choices)
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    balance = models.PositiveIntegerField(_("balance after"))
    # The other end of a transfer.
    counterpart = models.ForeignKey(
        StockItem,
        verbose_name=_("other post's item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_whom = models.CharField(_("issued to"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    at = models.DateTimeField(_("when"), db_index=True)
    by = models.ForeignKey(
        User, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("stock move")
        verbose_name_plural = _("stock moves")
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="stock_move_positive")
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.kind} {self.quantity}"
