from typing import Any

from django.contrib import admin
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from grassroots.core.admin_scope import ScopedAdmin
from grassroots.core.requests import signed_in

from . import services
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
        # Sealing is done on the decision's page, which checks the quorum and records the absent.
        return [*super().get_readonly_fields(request, obj), "sealed_at", "sealed_by"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Deleting a sealed decision would delete its members' votes with it.
        return _open(obj) and super().has_delete_permission(request, obj)

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Decision | None:
        decision = super().get_object(request, object_id, from_field)
        if decision is not None and request.method == "POST":
            # Locked for the admin's transaction, so the seal checked and the version saved are the
            # ones a recorder's save made meanwhile left, not those the form was read with.
            return services.decision_lock(decision=decision)
        return decision

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        if formset.model is not Opinion or not formset.has_changed():
            super().save_formset(request, form, formset, change)
            return
        # Rows added, changed or deleted here are the sheet's rows: its version goes up with them.
        services.decision_sheet_edit(
            by=signed_in(request),
            decision=form.instance,
            write=lambda: super(DecisionAdmin, self).save_formset(request, form, formset, change),
        )
