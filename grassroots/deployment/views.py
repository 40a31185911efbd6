import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from grassroots.core.lists import listed
from grassroots.core.requests import signed_in
from grassroots.core.scope import area_or_404, role_at_least, scoped, top_areas
from grassroots.core.services import audit_record
from grassroots.people.models import Staff, StaffKind
from grassroots.places.models import AreaKind, Post, PostKind
from grassroots.places.selectors import ancestors

from . import coverage
from .export import rota_xlsx
from .models import Role, SwapRequest, WorkGroup
from .selectors import (
    latest_rota,
    local_day,
    my_shifts,
    pending_swaps,
    proposal_or_404,
    proposals,
    rota_grid,
    rota_or_404,
    shift_or_404,
    staff_or_404,
    station_leaves,
    station_or_404,
    station_roster,
    swap_or_404,
    untrained,
)
from .services import assignment_create, training_record
from .services_rebalancing import REBALANCE_KINDS, rebalancing_apply, rebalancing_propose, rebalancing_reject
from .services_rota import leave_record, rota_generate, rota_publish, station_staff, swap_decide, swap_request


def _fail(request: HttpRequest, exc: ValidationError) -> None:
    for text in exc.messages:
        messages.error(request, text)


@login_required
def coverage_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    area = area_or_404(user, request.GET.get("area")) or top_areas(user).first()
    if area is None:
        raise Http404
    rep = coverage.report(area)
    req = coverage.requirement_for(area)
    labels = dict(StaffKind.choices) | dict(Role.choices) | dict(WorkGroup.choices)
    gaps = Paginator(rep.gaps, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "deployment/coverage.html",
        {
            "area": area,
            "crumbs": [
                a
                for a in ancestors(area)
                if scoped(type(area).objects.filter(pk=a.pk), user, "path").exists()
            ],
            "report": rep,
            "page": gaps,
            "req": req,
            "req_posts": listed(f"{labels.get(k, k)}×{n}" for k, n in req.required_posts.items()),
            "req_kinds": listed(f"{labels.get(k, k)}×{n}" for k, n in req.required_kinds.items()),
            "req_groups": listed(labels.get(g, g) for g in req.required_groups),
            "can_rebalance": area.kind in REBALANCE_KINDS and role_at_least(user, "street"),
            "can_cross": area.kind in (AreaKind.DISTRICT, AreaKind.COUNTY)
            and role_at_least(user, "district_hq"),
            "recent": proposals(user=user, area=area)[:5],
            "stations": Post.objects.filter(area=area, kind=PostKind.STATION)
            if area.kind == AreaKind.COMPOUND
            else [],
        },
    )


@login_required
@require_POST
def rebalancing_create(request: HttpRequest) -> HttpResponse:
    area = area_or_404(request.user, request.POST.get("area"))
    if area is None:
        raise Http404
    try:
        proposal = rebalancing_propose(
            by=request.user, area=area, cross_streets=request.POST.get("cross") == "1"
        )
    except ValidationError as exc:
        _fail(request, exc)
        return redirect(f"{reverse('deployment-coverage')}?area={area.pk}")
    return redirect("deployment-proposal", proposal_id=proposal.pk)


@login_required
def proposal_page(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = proposal_or_404(request.user, proposal_id)
    labels = dict(StaffKind.choices)
    return render(
        request,
        "deployment/proposal.html",
        {
            "proposal": proposal,
            "moves": proposal.moves.select_related("staff", "from_area", "to_area"),
            "changed": [
                {
                    **c,
                    "kinds": ", ".join(
                        f"{labels.get(k, k)} {c['kinds_before'][k]}→{c['kinds_after'][k]}"
                        for k in c["kinds_before"]
                    ),
                }
                for c in proposal.compounds
                if c["before"] != c["after"] or c["kinds_before"] != c["kinds_after"]
            ],
            "can_decide": role_at_least(request.user, "street")
            and (not proposal.cross_streets or role_at_least(request.user, "district_hq")),
        },
    )


@login_required
@require_POST
def proposal_decide(request: HttpRequest, proposal_id: int, decision: str) -> HttpResponse:
    proposal = proposal_or_404(request.user, proposal_id)
    try:
        if decision == "apply":
            rebalancing_apply(by=request.user, proposal=proposal)
            messages.success(request, _("The moves were applied."))
        else:
            rebalancing_reject(by=request.user, proposal=proposal, reason=request.POST.get("reason", ""))
            messages.success(request, _("The proposal was rejected."))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("deployment-proposal", proposal_id=proposal.pk)


@login_required
def station_page(request: HttpRequest, post_id: int) -> HttpResponse:
    post = station_or_404(request.user, post_id)
    rota = latest_rota(post)
    days, rows = rota_grid(rota) if rota else ([], [])
    roster = list(station_roster(post))
    return render(
        request,
        "deployment/station.html",
        {
            "post": post,
            "leaders": [a for a in roster if a.role != Role.MEMBER],
            "groups": [
                (label, [a for a in roster if a.work_group == value]) for value, label in WorkGroup.choices
            ],
            "untrained": untrained(post),
            "leaves": station_leaves(post),
            "staff_here": [a.staff for a in roster],
            "rota": rota,
            "days": days,
            "rows": rows,
            "swaps": pending_swaps(post),
            "can_plan": role_at_least(request.user, "station"),
            "kinds": StaffKind.choices,
            "roles": [(v, label) for v, label in Role.choices if v != Role.GUARANTOR],
            "work_groups": WorkGroup.choices,
            "candidates": scoped(Staff.objects.filter(area__path__startswith=post.area.path), request.user)[
                :300
            ],
            "today": local_day(),
        },
    )


def _int(request: HttpRequest, name: str, default: int) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.strip().isdigit() else default


@login_required
@require_POST
def station_rota(request: HttpRequest, post_id: int) -> HttpResponse:
    post = station_or_404(request.user, post_id)
    try:
        starts_on = (
            dt.date.fromisoformat(request.POST.get("starts_on", ""))
            if request.POST.get("starts_on")
            else local_day()
        )
        rota_generate(
            by=request.user,
            post=post,
            starts_on=starts_on,
            days=_int(request, "days", 14),
            min_heads=_int(request, "min_heads", 2),
            min_kinds={
                k: _int(request, f"kind_{k}", 0) for k in StaffKind.values if request.POST.get(f"kind_{k}")
            },
            max_consecutive=_int(request, "max_consecutive", 6),
        )
        messages.success(request, _("A new rota was made."))
    except ValueError:
        messages.error(request, _("Enter the start date as YYYY-MM-DD."))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("deployment-station", post_id=post.pk)


@login_required
@require_POST
def station_assign(request: HttpRequest, post_id: int) -> HttpResponse:
    post = station_or_404(request.user, post_id)
    try:
        staff = staff_or_404(request.user, _int(request, "staff", 0))
        assignment_create(
            by=request.user,
            staff=staff,
            area=post.area,
            post=post,
            role=request.POST.get("role", ""),
            work_group=request.POST.get("work_group", "") if request.POST.get("role") == Role.MEMBER else "",
        )
        messages.success(request, _("%(name)s was assigned.") % {"name": staff.name})
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("deployment-station", post_id=post.pk)


@login_required
@require_POST
def station_training(request: HttpRequest, post_id: int) -> HttpResponse:
    post = station_or_404(request.user, post_id)
    try:
        staff = staff_or_404(request.user, _int(request, "staff", 0))
        training_record(
            by=request.user,
            staff=staff,
            held_on=local_day(),
            topic=request.POST.get("topic", "") or _("pre-job training"),
            manual_given=request.POST.get("manual_given") == "1",
        )
        messages.success(request, _("Training recorded for %(name)s.") % {"name": staff.name})
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("deployment-station", post_id=post.pk)


@login_required
@require_POST
def station_leave(request: HttpRequest, post_id: int) -> HttpResponse:
    """Leave for one of the station's people: the next rota keeps them off those days."""
    post = station_or_404(request.user, post_id)
    days: dict[str, dt.date] = {}
    problems = []
    for name, label in (
        ("starts_on", pgettext("leave", "first day")),
        ("ends_on", pgettext("leave", "last day")),
    ):
        try:
            days[name] = dt.date.fromisoformat(request.POST.get(name, ""))
        except ValueError:
            problems.append(_("%(field)s: enter a date as YYYY-MM-DD.") % {"field": label})
    try:
        staff = staff_or_404(request.user, _int(request, "staff", 0))
        if problems:
            raise ValidationError(problems)
        leave_record(
            by=request.user,
            staff=staff,
            starts_on=days["starts_on"],
            ends_on=days["ends_on"],
            reason=request.POST.get("reason", "").strip(),
        )
        messages.success(
            request,
            _("Leave recorded for %(name)s, %(start)s to %(end)s.")
            % {"name": staff.name, "start": days["starts_on"], "end": days["ends_on"]},
        )
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("deployment-station", post_id=post.pk)


@login_required
def rota_export(request: HttpRequest, rota_id: int) -> HttpResponse:
    rota = rota_or_404(request.user, rota_id)
    audit_record(actor=request.user, action="export_rota", obj=rota, area=rota.area)
    response = HttpResponse(
        rota_xlsx(rota, exported_by=signed_in(request)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="rota-{rota.pk}-{rota.starts_on:%Y%m%d}.xlsx"'
    return response


@login_required
@require_POST
def rota_publish_view(request: HttpRequest, rota_id: int) -> HttpResponse:
    rota = rota_or_404(request.user, rota_id)
    try:
        rota_publish(by=request.user, rota=rota)
        messages.success(request, _("The rota was published; everyone sees their shifts."))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("deployment-station", post_id=rota.post_id)


@login_required
@require_POST
def swap_decide_view(request: HttpRequest, swap_id: int) -> HttpResponse:
    swap: SwapRequest = swap_or_404(request.user, swap_id)
    try:
        swap_decide(
            by=request.user,
            swap=swap,
            approve=request.POST.get("approve") == "1",
            note=request.POST.get("note", ""),
        )
        messages.success(request, _("The swap request was decided."))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("deployment-station", post_id=swap.shift.rota.post_id)


@login_required
def rota_home(request: HttpRequest) -> HttpResponse:
    """轮休: my own shifts first; for offices, the stations in scope with their latest rota."""
    user = request.user
    stations = (
        Paginator(
            scoped(Post.objects.filter(kind=PostKind.STATION).select_related("area"), user), 50
        ).get_page(request.GET.get("page"))
        if role_at_least(user, "station")
        else None
    )
    shifts = list(my_shifts(user)[:60])
    colleagues = {}
    for shift in shifts:
        colleagues[shift.pk] = [
            s for s in station_staff(shift.rota.post, shift.day) if s.pk != shift.staff_id
        ]
    return render(
        request,
        "deployment/rota_home.html",
        {"shifts": [(s, colleagues[s.pk]) for s in shifts], "page": stations},
    )


@login_required
@require_POST
def shift_swap(request: HttpRequest, shift_id: int) -> HttpResponse:
    shift = shift_or_404(request.user, shift_id)
    try:
        taker = scoped(Staff.objects.all(), request.user).filter(pk=_int(request, "taker", 0)).first()
        if taker is None:
            raise ValidationError({"taker": _("Choose the colleague who takes the shift.")})
        swap_request(by=request.user, shift=shift, taker=taker, reason=request.POST.get("reason", ""))
        messages.success(request, _("Your swap request was sent to the commander."))
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("deployment-rota")
