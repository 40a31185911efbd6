from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from grassroots.core.admin_scope import ScopedAdmin

from .models import Area, Post
from .services import area_create, area_update


@admin.register(Area)
class AreaAdmin(ScopedAdmin):
    scope_path = "path"
    list_display = ["name", "kind", "code", "parent", "land_area_m2", "difficulty"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    raw_id_fields = ["parent"]
    readonly_fields = ["path", "depth"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Moving an area would invalidate every path below it; the tree is re-cut by import, not by hand.
        return [*self.readonly_fields, "kind", "parent", "code"] if obj else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: Area, form: Any, change: bool) -> None:
        if change:
            area_update(area=obj, name=obj.name, land_area_m2=obj.land_area_m2, difficulty=obj.difficulty)
        else:
            created = area_create(
                name=obj.name,
                kind=obj.kind,
                parent=obj.parent,
                code=obj.code,
                land_area_m2=obj.land_area_m2,
                difficulty=obj.difficulty,
            )
            obj.pk, obj.path, obj.depth = created.pk, created.path, created.depth


@admin.register(Post)
class PostAdmin(ScopedAdmin):
    list_display = ["name", "kind", "area", "phone"]
    list_filter = ["kind"]
    search_fields = ["name", "address"]
    raw_id_fields = ["area"]
    # Searched, not listed: a district has ~10,000 areas, and listing them made the form take 0.7 s.
    autocomplete_fields = ["covers"]
