"""Pages for reports up the chain, the timeliness report and findings. Orders are in views_orders.py."""

import uuid
from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from grassroots.core.forms import day_param, submitted
from grassroots.core.requests import signed_in
from grassroots.core.scope import area_or_404, in_scope, role_at_least, top_areas

from . import services
from .chain import level_of
from .forms import MissedForm, ReportForm
from .models import Category, FindingStatus, ReportStatus, Source, StepAction
from .selectors import days_window, findings_list, recent_days, report_get, report_list, timeliness


@login_required
def report_list_page(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    area = area_or_404(user, request.GET.get("area"))
    status = request.GET.get("status", "")
    category = request.GET.get("category", "")
    awaiting_me = request.GET.get("awaiting") == "me"
    reports = report_list(user=user, area=area, status=status, category=category, awaiting_me=awaiting_me)
    page = Paginator(reports, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "reporting/report_list.html",
        {
            "page": page,
            "area": area,
            "status": status,
            "category": category,
            "awaiting_me": awaiting_me,
            "categories": Category.choices,
            "statuses": ReportStatus.choices,
            "can_record_missed": role_at_least(user, "community"),
            "now": timezone.now(),
        },
    )


@login_required
def report_new(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    tops = list(top_areas(user))
    if not tops:
        raise PermissionDenied
    area = area_or_404(user, request.GET.get("area")) or tops[0]
    form = ReportForm(
        request.POST or None, initial={"client_id": uuid.uuid4(), "discovered_at": timezone.localtime()}
    )
    report = submitted(
        request,
        form,
        lambda data: services.report_file(by=user, area=area, **data),
        _("Report filed; every level above has been notified."),
    )
    if report is not None:
        return redirect("report-detail", report_id=report.pk)
    return render(request, "reporting/report_form.html", {"form": form, "area": area, "missed": False})


@login_required
def report_missed_new(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    area = area_or_404(user, request.GET.get("area"))
    if area is None or not role_at_least(user, "community"):
        raise Http404
    form = MissedForm(request.POST or None, initial={"client_id": uuid.uuid4()})
    finding = submitted(
        request,
        form,
        lambda data: services.report_record_missed(by=user, area=area, **data),
        _("Missed report recorded for review."),
    )
    if finding is not None:
        return redirect("report-detail", report_id=finding.report_id)
    return render(request, "reporting/report_form.html", {"form": form, "area": area, "missed": True})


@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    user = signed_in(request)
    report = report_get(user=user, report_id=report_id)
    if report is None:
        raise Http404
    steps = list(report.steps.select_related("level", "acknowledged_by__staff"))
    mine = level_of(user, [s.level for s in steps])
    return render(
        request,
        "reporting/report_detail.html",
        {
            "report": report,
            "steps": steps,
            "my_step": next((s for s in steps if mine and s.level_id == mine.pk), None),
            "updates": report.updates.select_related("by__staff"),
            "findings": report.findings.select_related("commander"),
            # Only a place's own open report owes progress updates; a record by another channel owes none.
            "next_due": services.next_update_due(report)
            if report.status == ReportStatus.OPEN and report.source == Source.OWN
            else None,
            "now": timezone.now(),
            "can_review": role_at_least(user, "community") and user.pk != report.filed_by_id,
            "actions": StepAction.choices,
        },
    )


@login_required
@require_POST
def report_act(request: HttpRequest, report_id: int) -> HttpResponse:
    user = signed_in(request)
    report = report_get(user=user, report_id=report_id)
    if report is None:
        raise Http404
    do = request.POST.get("do", "")
    text = request.POST.get("text", "")
    try:
        if do == "acknowledge":
            services.report_acknowledge(by=user, report=report)
        elif do in StepAction.values:
            services.report_route(by=user, report=report, action=do, note=text)
        elif do == "progress":
            services.report_progress(
                by=user, report=report, measures=text, status_text=request.POST.get("status", "")
            )
        elif do == "close":
            services.report_close(by=user, report=report, outcome=text)
        elif do == "concealed":
            services.report_record_concealed(by=user, report=report, evidence=text)
        else:
            raise ValidationError({"do": _("Unknown action.")})
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Saved."))
    return redirect("report-detail", report_id=report.pk)


def _period(request: HttpRequest) -> tuple[datetime, datetime]:
    first, last = recent_days()
    start = day_param(request, "from", pgettext("period", "from"), first)
    end = day_param(request, "to", pgettext("period", "to"), last)
    if start > end:
        messages.error(request, _("The period ended before it began: the two dates were swapped."))
        start, end = end, start
    return days_window(start, end)


@login_required
def timeliness_page(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    tops = list(top_areas(user))
    area = area_or_404(user, request.GET.get("area")) or (tops[0] if tops else None)
    if area is None:
        raise PermissionDenied
    start, end = _period(request)
    figures = timeliness(user=user, area=area, start=start, end=end)
    return render(
        request,
        "reporting/timeliness.html",
        {
            "area": area,
            "figures": figures,
            "start": start.date(),
            "end": (end - timedelta(days=1)).date(),
            "can_go_up": area.parent is not None and in_scope(user, area.parent),
        },
    )


@login_required
def finding_list_page(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    area = area_or_404(user, request.GET.get("area"))
    status = request.GET.get("status", "")
    page = Paginator(findings_list(user=user, area=area, status=status), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "reporting/finding_list.html",
        {
            "page": page,
            "area": area,
            "status": status,
            "statuses": FindingStatus.choices,
            "can_review": role_at_least(user, "street"),
        },
    )


@login_required
@require_POST
def finding_review(request: HttpRequest, finding_id: int) -> HttpResponse:
    user = signed_in(request)
    finding = findings_list(user=user).filter(pk=finding_id).first()
    if finding is None:
        raise Http404
    confirm = request.POST.get("do") == "confirm"
    try:
        services.finding_review(
            by=user, finding=finding, confirm=confirm, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Finding confirmed.") if confirm else _("Finding dismissed."))
    # Back to the list as the reviewer filtered it (the form posts to an address carrying the filter).
    back = reverse("finding-list")
    return redirect(f"{back}?{request.GET.urlencode()}" if request.GET else back)
