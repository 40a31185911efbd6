"""Pages for requests and the green channel: the post's board, filing, one request with its timeline."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.forms import submitted
from grassroots.core.scope import area_or_404, role_at_least, scoped_areas
from grassroots.places.models import Area, AreaKind

from . import rules, selectors
from .forms import WEEKDAYS, PlanForm, errors_beside, show_errors
from .models import Category, Emergency, Request, RequestChannel, RequestStatus, Urgency
from .plan_services import green_channel_from_plan, green_channel_plan_create, plan_next_trip
from .selectors import Choices
from .services import (
    green_channel_dispatch,
    green_channel_file,
    request_accept,
    request_close,
    request_confirm,
    request_file,
    request_finish,
    request_start,
)


def _staff(request: HttpRequest) -> None:
    if not role_at_least(request.user, "staff"):
        raise PermissionDenied


def _places(request: HttpRequest) -> Choices[Area]:
    """Compounds and buildings the user may file for, as the form's choices; a wide office picks the
    street or community first (`?area=`)."""
    rows = scoped_areas(request.user).filter(kind__in=(AreaKind.COMPOUND, AreaKind.BUILDING)).order_by("path")
    within = area_or_404(request.user, request.GET.get("area"))
    return selectors.choices_under(user=request.user, rows=rows, path="path", within=within)


BOARD_PAGE = 50  # rows of each of the board's sections at a time


def _paged(request: HttpRequest, rows: QuerySet[Request], param: str, now: datetime) -> Page[Request]:
    page = Paginator(rows, BOARD_PAGE).get_page(request.GET.get(param))
    page.object_list = selectors.with_times(list(page.object_list), now)
    return page


@login_required
def board(request: HttpRequest) -> HttpResponse:
    _staff(request)
    area = area_or_404(request.user, request.GET.get("area"))
    now = timezone.now()
    found = selectors.request_board(user=request.user, area=area, now=now)
    # Each section pages on its own (`<section>_page`), so paging one keeps the others where they were.
    sections = {
        name: _paged(request, getattr(found, name), f"{name}_page", now)
        for name in ("green", "overdue", "open", "awaiting")
    }
    return render(request, "services/board.html", {"board": sections, "area": area})


@login_required
def request_index(request: HttpRequest) -> HttpResponse:
    _staff(request)
    area = area_or_404(request.user, request.GET.get("area"))
    status, kind, q = (
        request.GET.get("status", ""),
        request.GET.get("kind", ""),
        request.GET.get("q", "").strip(),
    )
    found = selectors.request_list(user=request.user, area=area, status=status, kind=kind, q=q)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    page.object_list = selectors.with_times(list(page.object_list))
    return render(
        request,
        "services/request_list.html",
        {
            "page": page,
            "area": area,
            "status": status,
            "kind": kind,
            "q": q,
            "statuses": RequestStatus.choices,
        },
    )


# The boxes of the new-request page a refusal is shown beside, keeping what was typed.
NEW_FIELDS = (
    "area",
    "emergency",
    "hospital",
    "category",
    "urgency",
    "channel",
    "name",
    "room",
    "phone",
    "details",
)


@login_required
def request_new(request: HttpRequest) -> HttpResponse:
    if not role_at_least(request.user, "volunteer"):
        raise PermissionDenied
    green = request.GET.get("kind") == "green" or request.POST.get("kind") == "green"
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        area = area_or_404(request.user, request.POST.get("area"))
        post = request.POST
        try:
            if area is None:
                raise ValidationError({"area": _("Choose the compound or building.")})
            if green:
                req = green_channel_file(
                    by=request.user,
                    area=area,
                    emergency=request.POST.get("emergency", ""),
                    hospital=post.get("hospital", ""),
                    name=post.get("name", ""),
                    phone=post.get("phone", ""),
                    details=post.get("details", ""),
                    room=post.get("room", ""),
                    channel=post.get("channel", ""),
                )
            else:
                req = request_file(
                    by=request.user,
                    area=area,
                    category=request.POST.get("category", ""),
                    urgency=post.get("urgency", Urgency.NORMAL),
                    name=post.get("name", ""),
                    phone=post.get("phone", ""),
                    details=post.get("details", ""),
                    room=post.get("room", ""),
                    channel=post.get("channel", ""),
                )
        except ValidationError as exc:
            errors = errors_beside(request, exc, NEW_FIELDS)
        else:
            messages.success(request, _("Request %(ref)s filed.") % {"ref": req.reference})
            return redirect("services-request", request_id=req.pk)
    return render(
        request,
        "services/request_new.html",
        {
            "green": green,
            "places": _places(request),
            "categories": Category.choices,
            "emergencies": Emergency.choices,
            "channels": [(c.value, c.label) for c in RequestChannel if c not in ("public", "stock")],
            "urgencies": Urgency.choices,
            "values": request.POST,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


ACTIONS = {
    "accept": lambda user, req, post: request_accept(by=user, request=req),
    "start": lambda user, req, post: request_start(by=user, request=req),
    "finish": lambda user, req, post: request_finish(by=user, request=req, result=post.get("result", "")),
    "confirm": lambda user, req, post: request_confirm(by=user, request=req),
    "close": lambda user, req, post: request_close(by=user, request=req, reason=post.get("reason", "")),
    "dispatch": lambda user, req, post: green_channel_dispatch(
        by=user,
        request=req,
        escort=post.get("escort", ""),
        vehicle=post.get("vehicle", ""),
        hospital=post.get("hospital", ""),
    ),
}


# The fields of the request page a refusal is shown beside, keeping what was typed.
DETAIL_FIELDS = ("result", "reason", "escort", "vehicle", "hospital")


@login_required
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    req = selectors.request_get(user=request.user, pk=request_id)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        action = ACTIONS.get(request.POST.get("action", ""))
        if action is None:
            messages.error(request, _("Unknown action."))
            return redirect("services-request", request_id=req.pk)
        try:
            action(request.user, req, request.POST)
        except ValidationError as exc:
            errors = errors_beside(request, exc, DETAIL_FIELDS)
        if not errors:
            return redirect("services-request", request_id=req.pk)
    return render(
        request,
        "services/request_detail.html",
        {
            "req": req,
            "events": selectors.request_timeline(req),
            "can_work": role_at_least(request.user, "staff"),
            "can_publish": role_at_least(request.user, "station"),  # as the task page asks
            "next_escalation": rules.next_escalation_at(req, timezone.now()),
            "values": request.POST,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@login_required
def plan_index(request: HttpRequest) -> HttpResponse:
    _staff(request)
    patients = selectors.care_residents(user=request.user)
    form = PlanForm(request.POST if request.method == "POST" else None, patients=patients)
    if submitted(
        request, form, lambda data: green_channel_plan_create(by=request.user, **data), _("Plan saved.")
    ):
        return redirect("services-plans")
    now = timezone.now()
    plans = Paginator(selectors.plan_list(user=request.user), 50).get_page(request.GET.get("page"))
    for plan in plans:
        plan.next_trip = plan_next_trip(plan, now)  # type: ignore[attr-defined]
    within = area_or_404(request.user, request.GET.get("area"))
    return render(
        request,
        "services/plans.html",
        {
            "plans": plans,
            "patients": selectors.choices_under(
                user=request.user, rows=patients, path="household__area__path", within=within
            ),
            "emergencies": Emergency.choices,
            "weekdays": WEEKDAYS,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def plan_file(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, pk=plan_id)
    try:
        req = green_channel_from_plan(by=request.user, plan=plan)
    except ValidationError as exc:
        show_errors(request, exc)
        return redirect("services-plans")
    return redirect("services-request", request_id=req.pk)
