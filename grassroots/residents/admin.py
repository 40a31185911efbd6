from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from grassroots.core.admin_scope import ScopedAdmin
from grassroots.core.scope import scoped

from .models import (
    Campaign,
    CareContact,
    CarePair,
    CareTag,
    Household,
    LedgerChange,
    LedgerImport,
    Resident,
    Visit,
)


@admin.register(CareTag)
class CareTagAdmin(admin.ModelAdmin):
    """The editable care dictionary: not personal data, the same for the whole district."""

    list_display = ["name", "contact_every_days"]


@admin.register(Household)
class HouseholdAdmin(ScopedAdmin):
    list_display = ["room", "area", "status", "no_smartphone", "head"]
    list_filter = ["status", "no_smartphone"]
    search_fields = ["room", "notes"]
    raw_id_fields = ["area", "head"]


@admin.register(Resident)
class ResidentAdmin(ScopedAdmin):
    # Edits of people go through the ledger pages (validated, versioned, kept in history); the admin reads.
    scope_path = "household__area__path"
    list_display = ["name", "household", "id_masked", "relation", "residence_type", "phone", "left_at"]
    list_filter = ["relation", "residence_type", "care_tags", "left_reason"]
    search_fields = ["name", "phone"]
    readonly_fields = ["id_masked", "left_at"]
    exclude = ["id_number_encrypted", "id_digest"]
    raw_id_fields = ["household"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Resident]:
        # The whole ledger, people who left it included: the admin is where one looks back.
        return scoped(Resident.everyone.all(), request.user, self.scope_path)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A delete would take the person's care contacts and history with them: they leave the ledger instead.
        return False


@admin.register(Campaign)
class CampaignAdmin(ScopedAdmin):
    list_display = ["name", "area", "starts_on", "ends_on"]
    raw_id_fields = ["area"]
    exclude = ["created_by"]


@admin.register(Visit)
class VisitAdmin(ScopedAdmin):
    scope_path = "household__area__path"
    list_display = ["household", "campaign", "visited_at", "channel", "outcome"]
    list_filter = ["channel", "outcome"]
    raw_id_fields = ["household", "campaign", "visitor"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CarePair)
class CarePairAdmin(ScopedAdmin):
    scope_path = "resident__household__area__path"
    list_display = ["resident", "helper", "started_at", "ended_at"]
    raw_id_fields = ["resident", "helper"]


@admin.register(CareContact)
class CareContactAdmin(ScopedAdmin):
    scope_path = "pair__resident__household__area__path"
    list_display = ["pair", "channel", "contacted_at"]
    raw_id_fields = ["pair", "recorded_by"]


@admin.register(LedgerChange)
class LedgerChangeAdmin(ScopedAdmin):
    scope_path = "household__area__path"
    list_display = ["at", "household", "resident", "field", "old", "new", "via", "actor_name"]
    list_filter = ["via"]
    raw_id_fields = ["household", "resident", "visit", "actor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LedgerImport)
class LedgerImportAdmin(ScopedAdmin):
    list_display = ["filename", "area", "status", "total_rows", "created_at"]
    list_filter = ["status"]
    exclude = ["errors", "created_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
