"""The party models in the Django admin, scoped: a non-superuser sees only rows in their subtrees.
The pages under /party/ are where the work is done (validated, audited by the services); the admin
is for looking things up and for corrections, each change audited by ScopedAdmin."""

from django.contrib import admin

from grassroots.core.admin_scope import ScopedAdmin

from .models import (
    Activity,
    DemonstrationPost,
    PartyMember,
    PartyOrganisation,
    ResponsibilityArea,
    SquadCase,
    VanguardTeam,
)


@admin.register(PartyOrganisation)
class PartyOrganisationAdmin(ScopedAdmin):
    list_display = ["name", "post", "area", "secretary", "founded_on", "dissolved_on"]
    list_filter = ["post__kind"]
    search_fields = ["name", "post__name", "area__name"]
    raw_id_fields = ["post", "area", "secretary"]
    date_hierarchy = "founded_on"


@admin.register(PartyMember)
class PartyMemberAdmin(ScopedAdmin):
    list_display = ["name", "organisation", "duty", "shows_card", "joined_on", "left_on"]
    list_filter = ["shows_card", "shows_phone"]
    search_fields = ["staff__name", "resident__name", "organisation__name", "duty"]
    raw_id_fields = ["organisation", "staff", "resident", "area"]
    readonly_fields = ["card"]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # a member leaves (left_on); the row stays for the activities and history


@admin.register(VanguardTeam)
class VanguardTeamAdmin(ScopedAdmin):
    list_display = ["name", "organisation", "area", "leader", "is_squad"]
    list_filter = ["is_squad"]
    search_fields = ["name", "task", "area__name"]
    raw_id_fields = ["organisation", "area", "leader", "members"]


@admin.register(ResponsibilityArea)
class ResponsibilityAreaAdmin(ScopedAdmin):
    list_display = ["member", "area", "building_manager", "note"]
    search_fields = ["member__staff__name", "member__resident__name", "area__name", "note"]
    raw_id_fields = ["member", "area", "covers", "building_manager"]


@admin.register(DemonstrationPost)
class DemonstrationPostAdmin(ScopedAdmin):
    list_display = ["title", "member", "post", "area"]
    search_fields = ["title", "pledge", "member__staff__name", "member__resident__name"]
    raw_id_fields = ["member", "post", "area"]


@admin.register(Activity)
class ActivityAdmin(ScopedAdmin):
    list_display = ["title", "kind", "organisation", "held_on"]
    list_filter = ["kind"]
    search_fields = ["title", "notes", "organisation__name"]
    raw_id_fields = ["organisation", "area", "attendees"]
    date_hierarchy = "held_on"


@admin.register(SquadCase)
class SquadCaseAdmin(ScopedAdmin):
    list_display = ["title", "team", "area", "status", "routed_at", "closed_at"]
    list_filter = ["status"]
    search_fields = ["title", "note", "team__name"]
    raw_id_fields = ["team", "area", "request", "task", "routed_by"]
    readonly_fields = ["routed_at"]
