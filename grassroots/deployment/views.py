from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.forms import submitted
from grassroots.core.lists import listed
from grassroots.core.requests import signed_in
from grassroots.core.scope import area_or_404, role_at_least, scoped, top_areas
from grassroots.core.services import audit_record
from grassroots.people.models import Staff, StaffKind
from grassroots.places.models import AreaKind, Post, PostKind
from grassroots.places.selectors import ancestors

from . import coverage
from .export import rota_xlsx
from .forms import LeaveForm, RotaForm
from .models import Leave, Role, SwapRequest, WorkGroup
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
    day = local_day()
    rep = coverage.report(area, day)
    req = coverage.requirement_for(area)
    # A compound's few people on leave are named; higher up the count alone says enough.
    away = {
        leave.staff_id: _("%(name)s (until %(day)s)")
        % {"name": leave.staff.name, "day": f"{leave.ends_on:%m-%d}"}
        for leave in coverage.away(area, day)
    }
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
            "away": listed(away.values()) if area.kind == AreaKind.COMPOUND else "",
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


def _station(
    request: HttpRequest,
    post: Post,
    leave: LeaveForm | None = None,
    rota_form: RotaForm | None = None,
) -> HttpResponse:
    """The station page; a leave or rota form sent back with errors shows them beside what was typed."""
    rota = latest_rota(post)
    days, rows = rota_grid(rota) if rota else ([], [])
    roster = list(station_roster(post))
    staff_here = [a.staff for a in roster]
    today = local_day()
    return render(
        request,
        "deployment/station.html",
        {
            "post": post,
            "leaders": [a for a in roster if a.role != Role.MEMBER],
            "groups": [
                (label, listed(a.staff.name for a in roster if a.work_group == value))
                for value, label in WorkGroup.choices
            ],
            "untrained": untrained(post),
            "leaves": station_leaves(post),
            "staff_here": staff_here,
            "leave_form": leave
            or LeaveForm(people=staff_here, initial={"starts_on": today, "ends_on": today}),
            "rota_form": rota_form or RotaForm(initial={"starts_on": today}),
            "rota": rota,
            "days": days,
            "rows": rows,
            "swaps": pending_swaps(post),
            "can_plan": role_at_least(request.user, "station"),
            "roles": [(v, label) for v, label in Role.choices if v != Role.GUARANTOR],
            "work_groups": WorkGroup.choices,
            # Everyone who works under the post's area: a community's few hundred fit one select.
            "candidates": scoped(
                Staff.objects.filter(area__path__startswith=post.area.path).order_by("name", "pk"),
                request.user,
            ),
        },
        status=400 if (leave and leave.errors) or (rota_form and rota_form.errors) else 200,
    )


@login_required
def station_page(request: HttpRequest, post_id: int) -> HttpResponse:
    return _station(request, station_or_404(request.user, post_id))


def _int(request: HttpRequest, name: str, default: int) -> int:
    value = request.POST.get(name, "")
    return int(value) if value.strip().isdigit() else default


@login_required
@require_POST
def station_rota(request: HttpRequest, post_id: int) -> HttpResponse:
    post = station_or_404(request.user, post_id)
    form = RotaForm(request.POST)
    if submitted(
        request,
        form,
        lambda data: rota_generate(
            by=request.user,
            post=post,
            starts_on=data["starts_on"] or local_day(),
            days=data["days"],
            min_heads=data["min_heads"],
            min_kinds=form.min_kinds(),
            max_consecutive=data["max_consecutive"],
        ),
        _("A new rota was made."),
    ):
        return redirect("deployment-station", post_id=post.pk)
    return _station(request, post, rota_form=form)


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
    form = LeaveForm(request.POST, people=[a.staff for a in station_roster(post)])

    def record(data: dict[str, Any]) -> Leave:
        staff = staff_or_404(request.user, data["staff"])
        return leave_record(
            by=request.user,
            staff=staff,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            reason=data["reason"],
        )

    if submitted(
        request,
        form,
        record,
        lambda leave: (
            _("Leave recorded for %(name)s, %(start)s to %(end)s.")
            % {"name": leave.staff.name, "start": leave.starts_on, "end": leave.ends_on}
        ),
    ):
        return redirect("deployment-station", post_id=post.pk)
    return _station(request, post, leave=form)


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
