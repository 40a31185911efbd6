"""Daily meetings at each post, their action items, and collective decisions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.people.models import Staff
from grassroots.places.models import Area, Post
from grassroots.reporting.models import Order


class MeetingKind(models.TextChoices):
    MORNING = "morning", _("morning meeting")
    EVENING = "evening", _("evening meeting")


class Meeting(models.Model):
    """A morning or evening meeting 工作例会 at a post."""

    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="meetings")
    # The post's area, so reads are scoped.
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=8, choices=MeetingKind.choices)
    # The local (Asia/Shanghai) day the meeting belongs to.
    day = models.DateField(_("day"))
    held_at = models.DateTimeField(_("held at"))
    attendees = models.ManyToManyField(
        Staff, verbose_name=_("attendees"), blank=True, related_name="meetings"
    )
    orders = models.ManyToManyField(
        Order, verbose_name=_("orders relayed"), blank=True, related_name="meetings"
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("daily meeting")
        verbose_name_plural = _("daily meetings")
        ordering = ["-day", "kind", "post"]
        constraints = [models.UniqueConstraint(fields=["post", "day", "kind"], name="meeting_once_a_day")]

    def __str__(self) -> str:
        return f"{self.post} · {self.day} · {self.get_kind_display()}"


class Problem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="problems")
    problem = models.TextField(_("problem found"))
    solution = models.TextField(_("solution"), blank=True)

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.problem[:60]


class ActionItem(models.Model):
    """Work assigned at a meeting, tracked until done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("task"), max_length=200)
    owner = models.ForeignKey(
        Staff, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="action_items"
    )
    deadline = models.DateTimeField(_("deadline"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_note = models.TextField(_("result"), blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["done_at", "deadline", "id"]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """A matter put to the members for collective deliberation 集体议事; sealed once recorded."""

    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="decisions")
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    matter = models.TextField(_("matter"))
    members = models.ManyToManyField(Staff, verbose_name=_("members"), related_name="decision_seats")
    # Members who must be present for the decision to stand.
    quorum = models.PositiveSmallIntegerField(_("quorum"))
    decision = models.TextField(_("decision"), blank=True)
    # A change of a sealed decision is a new decision that names the one it amends.
    amends = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amended_by",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    sealed_at = models.DateTimeField(_("sealed"), null=True, blank=True)
    sealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sealed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The sheet's version: raised by every save of its rows, so a page opened before another
    # recorder's save is refused rather than written over it.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("collective decision")
        verbose_name_plural = _("collective decisions")
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return self.matter[:60]


class Vote(models.TextChoices):
    FOR = "for", _("for")
    AGAINST = "against", _("against")
    ABSTAIN = "abstain", _("abstain")


class Opinion(models.Model):
    """One member's presence, view and vote on a decision."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="opinions")
    member = models.ForeignKey(Staff, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("present"), default=True)
    vote = models.CharField(_("vote"), max_length=8, choices=Vote.choices, blank=True)
    view = models.TextField(_("view"), blank=True)

    class Meta:
        verbose_name = _("member's view")
        verbose_name_plural = _("members' views")
        constraints = [models.UniqueConstraint(fields=["decision", "member"], name="opinion_once")]

    def __str__(self) -> str:
        return f"{self.member} · {self.get_vote_display()}"
