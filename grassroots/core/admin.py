from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from .admin_scope import ScopedAdmin
from .models import AccessGrant, AuditLog, User
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


@admin.register(AuditLog)
class AuditLogAdmin(ScopedAdmin):
    scope_path = "area_path"
    list_display = ["at", "actor_name", "action", "object_type", "object_repr", "reason", "ip"]
    list_filter = ["action"]
    search_fields = ["actor_name", "object_repr"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
