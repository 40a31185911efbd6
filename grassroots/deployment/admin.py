from django.contrib import admin

from grassroots.core.admin_scope import ScopedAdmin

from .models import Assignment, CoverageRequirement, Leave, RebalanceProposal, Rota, SwapRequest, Training


@admin.register(Assignment)
class AssignmentAdmin(ScopedAdmin):
    list_display = ["staff", "role", "work_group", "area", "starts_on", "ends_on"]
    list_filter = ["role", "work_group"]
    search_fields = ["staff__name", "area__name"]
    raw_id_fields = ["staff", "area", "post", "created_by"]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # history is kept: an assignment is ended, never deleted


@admin.register(CoverageRequirement)
class CoverageRequirementAdmin(ScopedAdmin):
    list_display = [
        "area",
        "households_per_staff",
        "building_managers",
        "weight_land",
        "weight_population",
        "weight_difficulty",
    ]
    raw_id_fields = ["area"]


@admin.register(Training)
class TrainingAdmin(ScopedAdmin):
    scope_path = "staff__area__path"
    list_display = ["staff", "topic", "held_on", "manual_given"]
    list_filter = ["manual_given"]
    search_fields = ["staff__name", "topic"]
    raw_id_fields = ["staff", "recorded_by"]


@admin.register(Leave)
class LeaveAdmin(ScopedAdmin):
    scope_path = "staff__area__path"
    list_display = ["staff", "starts_on", "ends_on", "reason"]
    search_fields = ["staff__name"]
    raw_id_fields = ["staff", "recorded_by"]


@admin.register(RebalanceProposal)
class RebalanceProposalAdmin(ScopedAdmin):
    list_display = ["area", "status", "created_at", "created_by"]
    list_filter = ["status"]
    readonly_fields = ["objective", "weights", "compounds", "solve_seconds"]
    raw_id_fields = ["area", "created_by", "decided_by"]


@admin.register(Rota)
class RotaAdmin(ScopedAdmin):
    list_display = ["post", "starts_on", "days", "status", "load_min", "load_max"]
    list_filter = ["status"]
    raw_id_fields = ["post", "area", "created_by"]


@admin.register(SwapRequest)
class SwapRequestAdmin(ScopedAdmin):
    scope_path = "shift__rota__area__path"
    list_display = ["shift", "taker", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["shift", "taker", "other_shift", "requested_by", "decided_by"]
