"""Django admin, scoped: a non-superuser's admin lists and choices show only their subtrees."""

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from grassroots.places.models import Area

from .scope import scope_q, scoped
from .services import audit_record


class ScopedAdmin(admin.ModelAdmin):
    # The path of the area each row belongs to, e.g. "area__path" (or "path" for areas themselves).
    scope_path = "area__path"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scoped(super().get_queryset(request), request.user, self.scope_path)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.related_model is Area:
            kwargs["queryset"] = Area.objects.filter(scope_q(request.user, "path"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.related_model is Area:
            kwargs["queryset"] = Area.objects.filter(scope_q(request.user, "path"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        # Initial values come from the query string; an area outside scope must not even be named.
        initial = super().get_changeform_initial_data(request)
        visible = Area.objects.filter(scope_q(request.user, "path"))
        for field in self.model._meta.get_fields():
            if getattr(field, "related_model", None) is Area and field.name in initial:
                ids = str(initial[field.name]).split(",")
                if visible.filter(pk__in=[i for i in ids if i.isdigit()]).count() != len(ids):
                    del initial[field.name]
        return initial

    def log_addition(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        audit_record(actor=request.user, action="admin_create", obj=obj)
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        audit_record(
            actor=request.user, action="admin_update", obj=obj, detail={"change": str(message)[:500]}
        )
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        for obj in queryset:
            audit_record(actor=request.user, action="admin_delete", obj=obj)
        return super().log_deletions(request, queryset)
