from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .admin_scope import ScopedAdmin
from .audit_actions import action_label
from .audit_words import detail_words, object_words
from .models import AccessGrant, AuditLog, ChannelSetting, Delivery, DeliveryStatus, User
from .notify import delivery_retry
from .scope import scope_q


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        # A non-superuser manages only accounts whose every grant lies inside their own subtrees.
        users = super().get_queryset(request)
        if request.user.is_superuser:
            return users
        outside = AccessGrant.objects.exclude(scope_q(request.user, "area__path"))
        return (
            users.filter(grants__in=AccessGrant.objects.filter(scope_q(request.user, "area__path")))
            .exclude(pk__in=outside.values("user"))
            .exclude(is_superuser=True)
            .distinct()
        )


@admin.register(AccessGrant)
class AccessGrantAdmin(ScopedAdmin):
    list_display = ["user", "role", "area", "post"]
    list_filter = ["role"]
    raw_id_fields = ["user", "area", "post"]


class ActionFilter(admin.SimpleListFilter):
    title = _("action")
    parameter_name = "action"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        codes = (
            model_admin.get_queryset(request).order_by("action").values_list("action", flat=True).distinct()
        )
        return [(code, action_label(code)) for code in codes]

    def queryset(self, request: HttpRequest, queryset: QuerySet[AuditLog]) -> QuerySet[AuditLog]:
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditLog)
class AuditLogAdmin(ScopedAdmin):
    """Read only, as the log must stay: nobody adds, changes or deletes a record here."""

    scope_path = "area_path"
    list_display = ["when", "actor_name", "action_words", "object_words", "detail_words", "reason", "ip"]
    list_filter = [ActionFilter]
    search_fields = ["actor_name", "object_repr"]
    # Said in words and in the site's time, as the audit log page says them; the raw detail stays below.
    readonly_fields = (
        "when",
        "actor_name",
        "action_words",
        "object_words",
        "object_key",
        "area",
        "reason",
        "detail_words",
        "detail",
        "ip",
    )
    fields = readonly_fields

    @admin.display(description=_("when"), ordering="at")
    def when(self, record: AuditLog) -> str:
        return f"{timezone.localtime(record.at):%Y-%m-%d %H:%M:%S}"

    @admin.display(description=_("action"), ordering="action")
    def action_words(self, record: AuditLog) -> str:
        return action_label(record.action)

    @admin.display(description=_("object"), ordering="object_repr")
    def object_words(self, record: AuditLog) -> str:
        return object_words(record)

    @admin.display(description=pgettext_lazy("audit", "object ID"))
    def object_key(self, record: AuditLog) -> str:
        return record.object_id

    @admin.display(description=pgettext_lazy("audit", "summary"))
    def detail_words(self, record: AuditLog) -> str:
        return detail_words(record)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ChannelSetting)
class ChannelSettingAdmin(ScopedAdmin):
    # A user's own channels have no area; only superusers manage those here.
    scope_path = "post__area__path"
    list_display = ["channel", "post", "user", "address", "urgent_only", "active"]
    list_filter = ["channel", "active"]
    raw_id_fields = ["user", "post"]


@admin.register(Delivery)
class DeliveryAdmin(ScopedAdmin):
    scope_path = "area_path"
    list_display = [
        "created_at",
        "channel",
        "address",
        "title",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
    ]
    list_filter = ["status", "channel"]
    search_fields = ["title", "address"]
    actions = ["send_again"]
    readonly_fields = [f.name for f in Delivery._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Send again"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        for delivery in queryset.exclude(status=DeliveryStatus.SENT):
            delivery_retry(delivery=delivery, by=request.user)  # type: ignore[arg-type]
