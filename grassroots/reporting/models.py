"""Reports up the chain with their timeliness findings; orders down the chain with acknowledgements."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from grassroots.people.models import Staff
from grassroots.places.models import Area, Post


def local(at: datetime) -> str:
    """A stored time as the site's clock shows it (times are stored in UTC)."""
    return f"{timezone.localtime(at):%Y-%m-%d %H:%M}"


class Category(models.TextChoices):
    EPIDEMIC_CASE = "epidemic_case", pgettext_lazy("report category", "epidemic case")
    EMERGENCY = "emergency", pgettext_lazy("report category", "emergency")
    SAFETY = "safety", pgettext_lazy("report category", "safety")
    PUBLIC_ORDER = "public_order", pgettext_lazy("report category", "public order")
    LIVELIHOOD = "livelihood", pgettext_lazy("report category", "livelihood")
    PUBLIC_OPINION = "public_opinion", pgettext_lazy("report category", "public opinion")
    OTHER = "other", pgettext_lazy("report category", "other")


class Severity(models.TextChoices):
    GENERAL = "general", _("general")
    MAJOR = "major", _("major")
    SEVERE = "severe", _("severe")


class DeadlineRule(models.Model):
    """How soon after discovery a report is due and how often progress must follow.

    A blank category or severity matches any; when several rules match, the strictest applies."""

    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, blank=True)
    report_within = models.DurationField(_("report within"))
    update_every = models.DurationField(_("progress every"))

    class Meta:
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")
        constraints = [models.UniqueConstraint(fields=["category", "severity"], name="deadline_rule_unique")]

    def __str__(self) -> str:
        return f"{self.get_category_display() or '*'} / {self.get_severity_display() or '*'}"


class ReportStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", pgettext_lazy("report status", "closed")


class Source(models.TextChoices):
    OWN = "own", _("reported by the place itself")
    OTHER = "other", _("recorded by a higher level or another channel")


class Report(models.Model):
    """A major problem or emergency reported up the chain (请示报告)."""

    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # Where it happened; reads are scoped by this area.
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="reports")
    post = models.ForeignKey(
        Post, verbose_name=_("post"), null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.OWN)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("filed by"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    discovered_at = models.DateTimeField(_("discovered"))
    reported_at = models.DateTimeField(_("reported"), db_index=True)
    location = models.CharField(_("where"), max_length=200, blank=True)
    text = models.TextField(_("what happened"))
    measures = models.TextField(_("measures taken"), blank=True)
    # Fixed when filed from the rules then in force, so later rule changes never rewrite history.
    deadline = models.DateTimeField(_("report deadline"))
    update_every = models.DurationField(_("progress every"))
    # The level now answering for it: the first level above the filer, then each level it is passed to.
    holder = models.ForeignKey(
        Area, verbose_name=_("handled at"), on_delete=models.PROTECT, related_name="held_reports"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    closed_at = models.DateTimeField(pgettext_lazy("time", "closed"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    commander = models.ForeignKey(
        Staff,
        verbose_name=_("commander in charge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-reported_at", "-id"]
        indexes = [
            models.Index(fields=["status", "reported_at"], name="report_status_at"),
            # The timeliness report selects by discovery time.
            models.Index(fields=["discovered_at"], name="report_discovered"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} · {self.area} · {local(self.discovered_at)}"

    @property
    def late_by(self) -> timedelta | None:
        return self.reported_at - self.deadline if self.reported_at > self.deadline else None


class StepAction(models.TextChoices):
    HANDLED = "handled", _("handled here")
    PASSED_UP = "passed_up", _("passed up")


class ReportStep(models.Model):
    """One level of the chain above the filer: when it saw (acknowledged) the report and what it did."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="steps")
    level = models.ForeignKey(Area, verbose_name=_("level"), on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(
        pgettext_lazy("response", "action"), max_length=10, choices=StepAction.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    acted_at = models.DateTimeField(_("acted"), null=True, blank=True)

    class Meta:
        verbose_name = _("report step")
        verbose_name_plural = _("report steps")
        ordering = ["report", "-level__depth"]
        constraints = [models.UniqueConstraint(fields=["report", "level"], name="report_step_unique")]

    def __str__(self) -> str:
        return f"{self.report_id} @ {self.level}"


class ProgressUpdate(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="updates")
    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    at = models.DateTimeField(_("when"))
    # When this update was due (the previous update plus the cadence): missed if `at` is later.
    due_at = models.DateTimeField(pgettext_lazy("progress update", "due"))
    measures = models.TextField(_("measures"))
    status_text = models.TextField(_("situation"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    closing = models.BooleanField(_("closing"), default=False)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["report", "at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} · {local(self.at)}"

    @property
    def late_by(self) -> timedelta | None:
        return self.at - self.due_at if self.at > self.due_at else None


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", _("on time")
    LATE = "late", pgettext_lazy("timeliness", "late")
    MISSED = "missed", pgettext_lazy("timeliness", "missed")
    CONCEALED = "concealed", _("concealed")


class FindingKind(models.TextChoices):
    LATE = "late", _("late report")
    MISSED = "missed", _("missed report")
    CONCEALED = "concealed", _("concealed facts")
    MISSED_UPDATE = "missed_update", _("missed progress update")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("awaiting review")
    CONFIRMED = "confirmed", pgettext_lazy("finding", "confirmed")
    DISMISSED = "dismissed", _("dismissed")


class TimelinessFinding(models.Model):
    """A late, missed or concealed report (or a missed update), held against the commander in charge then.

    The evaluation room turns confirmed findings into accountability records."""

    kind = models.CharField(_("kind"), max_length=14, choices=FindingKind.choices)
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    post = models.ForeignKey(
        Post, verbose_name=_("post"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The report found late or concealing, or (for a missed report) the record made by another channel.
    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.PROTECT, related_name="findings"
    )
    # When the fact happened (the missed deadline, the due update), never when it was noticed.
    occurred_at = models.DateTimeField(_("when"))
    late_by = models.DurationField(_("late by"), null=True, blank=True)
    # The evidence a person gave, as given; blank where the finding's own times say it (`evidence_said`).
    evidence = models.TextField(_("evidence"), blank=True)
    commander = models.ForeignKey(
        Staff,
        verbose_name=_("commander in charge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="timeliness_findings",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    status = models.CharField(
        _("review"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("timeliness finding")
        verbose_name_plural = _("timeliness findings")
        ordering = ["-occurred_at", "-id"]
        constraints = [
            # The worker may notice the same missed update twice; it is one finding.
            models.UniqueConstraint(fields=["report", "kind", "occurred_at"], name="finding_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.area} · {local(self.occurred_at)}"

    @property
    def evidence_said(self) -> str:
        """What the finding rests on. A person's evidence (a missed or concealed report) as typed; a
        late report or a missed update is said from its stored times, in the reader's language."""
        if self.evidence:
            return self.evidence
        if self.kind == FindingKind.LATE and self.late_by is not None:
            return gettext("Reported at %(reported)s; due by %(deadline)s.") % {
                "reported": local(self.occurred_at + self.late_by),
                "deadline": local(self.occurred_at),
            }
        if self.kind == FindingKind.MISSED_UPDATE:
            return gettext("Progress update due by %(due)s.") % {"due": local(self.occurred_at)}
        return ""


class Order(models.Model):
    """An order or notice passed down the chain (传达上级要求)."""

    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # The issuing level; the order's recipients lie below it.
    area = models.ForeignKey(
        Area, verbose_name=_("issued by level"), on_delete=models.PROTECT, related_name="orders"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    issued_at = models.DateTimeField(_("issued"), db_index=True)
    ack_deadline = models.DateTimeField(_("acknowledge by"))
    carry_out_deadline = models.DateTimeField(_("carry out by"), null=True, blank=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return self.title


class OrderAttachment(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="orders/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class Acknowledgement(models.Model):
    """One receiving post of an order: its read receipt by a named person, and where asked, carrying out."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="acknowledgements")
    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="+")
    # The post's area, so reads of acknowledgements are scoped like everything else.
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    acknowledged_name = models.CharField(_("read by (name)"), max_length=50, blank=True)
    carried_out_at = models.DateTimeField(_("carried out"), null=True, blank=True)
    carried_out_note = models.TextField(_("how it was carried out"), blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    escalated_at = models.DateTimeField(pgettext_lazy("order", "escalated"), null=True, blank=True)

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["order", "area__path"]
        constraints = [models.UniqueConstraint(fields=["order", "post"], name="acknowledgement_unique")]

    def __str__(self) -> str:
        return f"{self.order} → {self.post}"
