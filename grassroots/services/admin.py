"""Admin for services: requests, tasks and stock are changed through their pages (lifecycle and stock rules
live in the services), so here they are read-only; standing green-channel plans are edited here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from grassroots.core.admin_scope import ScopedAdmin
from grassroots.core.scope import scoped
from grassroots.residents.models import Resident

from .models import GreenChannelPlan, Request, StockItem, Task


class ReadOnlyAdmin(ScopedAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Request)
class RequestAdmin(ReadOnlyAdmin):
    list_display = ["reference", "kind", "category", "status", "area", "name", "created_at", "deadline"]
    list_filter = ["kind", "status", "category", "channel"]
    search_fields = ["reference", "name", "phone"]


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "area", "places", "deadline", "points", "closed_at"]
    list_filter = ["kind"]
    search_fields = ["title"]


@admin.register(StockItem)
class StockItemAdmin(ReadOnlyAdmin):
    scope_path = "post__area__path"
    list_display = ["name", "post", "category", "quantity", "unit", "low_threshold"]
    list_filter = ["category"]
    search_fields = ["name", "post__name"]


@admin.register(GreenChannelPlan)
class GreenChannelPlanAdmin(ScopedAdmin):
    scope_path = "resident__household__area__path"
    list_display = [
        "resident",
        "emergency",
        "hospital",
        "weekdays",
        "depart_time",
        "escort",
        "vehicle",
        "active",
    ]
    list_filter = ["emergency", "active"]
    raw_id_fields = ["resident"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # A typed-in resident id outside the user's areas fails validation like any missing one.
        if db_field.name == "resident":
            kwargs["queryset"] = scoped(Resident.objects.all(), request.user, "household__area__path")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
