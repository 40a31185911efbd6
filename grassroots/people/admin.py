from django.contrib import admin

from grassroots.core.admin_scope import ScopedAdmin

from .models import Department, Staff


@admin.register(Department)
class DepartmentAdmin(ScopedAdmin):
    list_display = ["name", "level", "area"]
    list_filter = ["level"]
    search_fields = ["name"]
    raw_id_fields = ["area"]


@admin.register(Staff)
class StaffAdmin(ScopedAdmin):
    list_display = ["name", "kind", "rank", "department", "area", "phone", "is_party_member"]
    list_filter = ["kind", "rank", "is_party_member"]
    search_fields = ["name", "phone"]
    raw_id_fields = ["area", "department", "user"]
