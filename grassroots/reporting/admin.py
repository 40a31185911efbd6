from django.contrib import admin

from grassroots.core.admin_scope import ScopedAdmin

from .models import Acknowledgement, DeadlineRule, Order, Report, ReportStep, TimelinessFinding


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ["category", "severity", "report_within", "update_every"]


class StepInline(admin.TabularInline):
    model = ReportStep
    extra = 0
    readonly_fields = ["level", "acknowledged_at", "acknowledged_by", "action", "note", "acted_at"]
    can_delete = False


@admin.register(Report)
class ReportAdmin(ScopedAdmin):
    list_display = ["reported_at", "category", "severity", "area", "deadline", "holder", "status"]
    list_filter = ["category", "severity", "status", "source"]
    search_fields = ["text", "location"]
    raw_id_fields = ["area", "post", "filed_by", "holder", "commander"]
    inlines = [StepInline]


@admin.register(TimelinessFinding)
class FindingAdmin(ScopedAdmin):
    list_display = ["occurred_at", "kind", "area", "commander", "late_by", "status"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["area", "post", "report", "commander", "recorded_by", "reviewed_by"]


class AcknowledgementInline(admin.TabularInline):
    model = Acknowledgement
    extra = 0
    raw_id_fields = ["post", "area", "acknowledged_by"]


@admin.register(Order)
class OrderAdmin(ScopedAdmin):
    list_display = ["issued_at", "title", "area", "ack_deadline", "carry_out_deadline"]
    search_fields = ["title", "text"]
    raw_id_fields = ["area", "issued_by"]
    inlines = [AcknowledgementInline]
