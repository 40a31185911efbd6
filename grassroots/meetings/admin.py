from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from grassroots.core.admin_scope import ScopedAdmin

from .models import ActionItem, Decision, Meeting, Opinion, Problem


class ProblemInline(admin.TabularInline):
    model = Problem
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(ScopedAdmin):
    list_display = ["day", "kind", "post", "held_at"]
    list_filter = ["kind"]
    raw_id_fields = ["post", "area", "recorded_by", "attendees", "orders"]
    inlines = [ProblemInline]


@admin.register(ActionItem)
class ActionItemAdmin(ScopedAdmin):
    list_display = ["title", "owner", "deadline", "done_at"]
    raw_id_fields = ["meeting", "area", "owner"]


class OpinionInline(admin.TabularInline):
    model = Opinion
    extra = 0
    raw_id_fields = ["member"]

    # Members' votes on a sealed decision are part of the record too.
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _open(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _open(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _open(obj) and super().has_delete_permission(request, obj)


def _open(decision: Decision | None) -> bool:
    return decision is None or decision.sealed_at is None


@admin.register(Decision)
class DecisionAdmin(ScopedAdmin):
    list_display = ["opened_at", "post", "matter", "quorum", "sealed_at"]
    raw_id_fields = ["post", "area", "members", "amends", "opened_by", "sealed_by"]
    inlines = [OpinionInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str] | tuple[str, ...]:
        # A sealed decision is a record: it changes only by a new decision that amends it.
        if not _open(obj):
            return [f.name for f in Decision._meta.fields]
        return super().get_readonly_fields(request, obj)
