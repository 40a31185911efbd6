from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from grassroots.core.admin_scope import ScopedAdmin

from .models import Call, Instructor, InstructorRole, Matching, TrainingSession, VillageNeed, WorkLog


class ReadOnlyAdmin(ScopedAdmin):
    """Programme records are written by the services (rules, steps, audit); the admin only shows them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Call)
class CallAdmin(ReadOnlyAdmin):
    scope_path = "area__path"
    list_display = ["name", "area", "opens_on", "closes_on", "status"]
    list_filter = ["status"]


@admin.register(Instructor)
class InstructorAdmin(ReadOnlyAdmin):
    scope_path = "call__area__path"
    list_display = ["name", "call", "department", "status", "village"]
    list_filter = ["status", "source"]
    search_fields = ["name", "post"]


@admin.register(VillageNeed)
class VillageNeedAdmin(ReadOnlyAdmin):
    scope_path = "village__path"
    list_display = ["village", "call", "households", "distance_km"]


@admin.register(Matching)
class MatchingAdmin(ReadOnlyAdmin):
    scope_path = "call__area__path"
    list_display = ["call", "method", "status", "total_fit", "blocking_pairs", "changes", "created_at"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(ReadOnlyAdmin):
    scope_path = "call__area__path"
    list_display = ["title", "kind", "held_on", "call"]


@admin.register(WorkLog)
class WorkLogAdmin(ReadOnlyAdmin):
    scope_path = "village__path"
    list_display = ["instructor", "village", "day"]


@admin.register(InstructorRole)
class InstructorRoleAdmin(ScopedAdmin):
    """Where programme roles are granted: who recommends for a unit, acts for a township, reviews for the city."""

    scope_path = "area__path"
    list_display = ["user", "kind", "department", "area"]
