"""Users, who sees what, the audit log, the in-app inbox and API tokens."""

import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from grassroots.places.models import Area, Post

from .audit_actions import action_label


class Role(models.TextChoices):
    # Ordered from the widest office to the narrowest; a user's role is the widest they hold.
    DISTRICT_HQ = "district_hq", _("district headquarters")
    STREET = "street", _("street")
    COMMUNITY = "community", _("community")
    STATION = "station", _("command station")
    STAFF = "staff", _("staff member")
    VOLUNTEER = "volunteer", _("volunteer")


ROLE_RANK = {role.value: rank for rank, role in enumerate(Role)}


class User(AbstractUser):
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        # A Chinese name: family name first, no space (Django's default reads "博 何" for 何博).
        return f"{self.last_name}{self.first_name}".strip()

    @property
    def display_name(self) -> str:
        """The person as pages name them: their staff record's name (people.Staff, one to one, when
        they serve), else their full name, else the login."""
        staff = getattr(self, "staff", None)
        if staff is not None:
            return str(staff.name)
        return self.get_full_name() or self.get_username()


# What `request.user` may be: every scope check accepts either and treats anonymous as seeing nothing.
type AnyUser = User | AnonymousUser


class AccessGrant(models.Model):
    """A user's office over an area (and optionally one post on it): they see that subtree."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="grants")
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="grants")
    post = models.ForeignKey(
        Post, verbose_name=_("post"), null=True, blank=True, on_delete=models.CASCADE, related_name="grants"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("access grant")
        verbose_name_plural = _("access grants")
        constraints = [models.UniqueConstraint(fields=["user", "area", "role"], name="grant_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.area}"


class AuditLog(models.Model):
    actor = models.ForeignKey(
        User, verbose_name=_("who"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("who"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=40, db_index=True)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    # The area the object belongs to, so the log itself is read through scope.
    area = models.ForeignKey(
        Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    area_path = models.CharField(max_length=255, blank=True, db_index=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip = models.GenericIPAddressField(pgettext_lazy("address", "from"), null=True, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        # The admin's title for a record: its time where the site is, and the action in words.
        at = timezone.localtime(self.at)
        return f"{at:%Y-%m-%d %H:%M} {self.actor_name} {action_label(self.action)} {self.object_repr}"


class Notification(models.Model):
    """One message in one person's inbox. Its sender and its reader may read different languages, so
    the words are kept in each language of the site, `{code: {"title", "body"}}` (see `core.notify`),
    and each reader reads their own."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    texts = models.JSONField(_("message"), default=dict)
    link = models.CharField(_("link"), max_length=300, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title

    def _said(self) -> dict[str, str]:
        """The words in the active language, else in the site's, else in any language kept."""
        try:
            language = translation.get_supported_language_variant(translation.get_language() or "")
        except LookupError:
            language = settings.LANGUAGE_CODE
        texts: dict[str, dict[str, str]] = self.texts or {}
        return texts.get(language) or texts.get(settings.LANGUAGE_CODE) or next(iter(texts.values()), {})

    @property
    def title(self) -> str:
        return self._said().get("title", "")

    @property
    def body(self) -> str:
        return self._said().get("body", "")


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Channel(models.TextChoices):
    """Where a notification goes besides the in-app inbox."""

    EMAIL = "email", _("email")
    WECOM = "wecom", _("WeCom group robot")
    DINGTALK = "dingtalk", _("DingTalk group robot")
    SMS = "sms", _("SMS")


class ChannelSetting(models.Model):
    """One extra channel for a user (their email, their phone) or a post (its group robot)."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), null=True, blank=True, on_delete=models.CASCADE, related_name="channels"
    )
    post = models.ForeignKey(
        Post, verbose_name=_("post"), null=True, blank=True, on_delete=models.CASCADE, related_name="channels"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    # An email address, a phone number or a webhook URL; blank means the user's own email or phone.
    address = models.CharField(_("address"), max_length=500, blank=True)
    urgent_only = models.BooleanField(_("urgent only"), default=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("notification channel")
        verbose_name_plural = _("notification channels")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=True, post__isnull=False)
                | models.Q(user__isnull=False, post__isnull=True),
                name="channel_user_xor_post",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user or self.post} · {self.get_channel_display()}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("delivery status", "pending")
    SENT = "sent", pgettext_lazy("delivery status", "sent")
    RETRYING = "retrying", _("failed, will retry")
    FAILED = "failed", _("failed, gave up")


class Delivery(models.Model):
    """One message on one external channel, with its attempts; failures stay visible here."""

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=500)
    user = models.ForeignKey(
        User, verbose_name=_("user"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    post = models.ForeignKey(
        Post, verbose_name=_("post"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The area of the post or of the user's office, so failures are read through scope.
    area_path = models.CharField(max_length=255, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.address}: {self.title}"
