"""Assessment in the admin, scoped like every other room. Scores and closed periods are records:
they are changed only by computing and closing through the services, never by hand here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from grassroots.core.admin_scope import ScopedAdmin

from .models import (
    Accountability,
    AssessmentPeriod,
    Honour,
    Nomination,
    Rating,
    Scheme,
    SchemeIndicator,
    Score,
    SelectionCandidate,
)


class SchemeIndicatorInline(admin.TabularInline):
    model = SchemeIndicator
    extra = 0


@admin.register(Scheme)
class SchemeAdmin(ScopedAdmin):
    list_display = ["name", "area"]
    search_fields = ["name"]
    raw_id_fields = ["area"]
    inlines = [SchemeIndicatorInline]


@admin.register(AssessmentPeriod)
class PeriodAdmin(ScopedAdmin):
    list_display = ["name", "kind", "starts_on", "ends_on", "area", "status", "computed_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name"]
    raw_id_fields = ["area", "scheme", "closed_by"]
    readonly_fields = ["status", "scheme_snapshot", "computed_at", "closed_at", "closed_by"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str] | tuple[str, ...]:
        # A closed period's scores are frozen with its dates and scheme: nothing of it changes.
        if obj is not None and obj.is_closed:
            return [f.name for f in AssessmentPeriod._meta.fields]
        return super().get_readonly_fields(request, obj)


@admin.register(Rating)
class RatingAdmin(ScopedAdmin):
    list_display = ["period", "person", "code", "value", "rater", "rated_at"]
    list_filter = ["code"]
    search_fields = ["person__name", "note"]
    raw_id_fields = ["period", "person", "area", "rater"]


@admin.register(Score)
class ScoreAdmin(ScopedAdmin):
    list_display = ["period", "person", "post", "area", "total"]
    search_fields = ["person__name", "post__name"]
    raw_id_fields = ["period", "person", "post", "area"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Nomination)
class NominationAdmin(ScopedAdmin):
    list_display = ["person", "title", "period", "status", "nominated_by", "decided_by"]
    list_filter = ["status"]
    search_fields = ["person__name", "title"]
    raw_id_fields = ["period", "person", "area", "nominated_by", "decided_by"]


@admin.register(Honour)
class HonourAdmin(ScopedAdmin):
    list_display = ["person", "title", "awarded_on", "area"]
    search_fields = ["person__name", "title"]
    raw_id_fields = ["person", "area", "period", "nomination"]


@admin.register(Accountability)
class AccountabilityAdmin(ScopedAdmin):
    list_display = ["person", "title", "source", "status", "outcome", "opened_at"]
    list_filter = ["source", "status", "outcome"]
    search_fields = ["person__name", "title"]
    raw_id_fields = ["person", "post", "area", "period", "finding", "opened_by", "decided_by"]


@admin.register(SelectionCandidate)
class SelectionCandidateAdmin(ScopedAdmin):
    list_display = ["person", "period", "score", "honours", "status", "reviewer"]
    list_filter = ["status"]
    search_fields = ["person__name"]
    raw_id_fields = ["period", "person", "area", "reviewer"]
