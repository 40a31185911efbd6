import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from grassroots.core.apikit import ErrorOut, page
from grassroots.core.scope import area_or_404, role_at_least, scoped_areas, top_areas
from grassroots.people.models import Staff
from grassroots.places.models import Post

from . import coverage
from .models import RebalanceProposal, Shift
from .selectors import (
    assignment_list,
    assignment_or_404,
    my_shifts,
    proposal_or_404,
    shift_or_404,
    staff_or_404,
    swap_or_404,
)
from .services import assignment_create, assignment_end
from .services_rebalancing import rebalancing_apply, rebalancing_propose, rebalancing_reject
from .services_rota import swap_decide, swap_request

router = Router(tags=["deployment"])


class GapOut(Schema):
    area: int
    area_name: str
    kind: str
    missing: str


class ChildOut(Schema):
    area: int
    area_name: str
    score: float
    gaps_count: int


class CoverageOut(Schema):
    area: int
    area_name: str
    score: float
    # People holding a place inside the area who are on leave today: counted for no requirement.
    on_leave: int
    gaps: list[GapOut]
    children: list[ChildOut]


@router.get("/coverage", response=CoverageOut)
def coverage_report(request: HttpRequest, area: int | None = None):
    user = request.user
    within = area_or_404(user, area) or top_areas(user).first()
    if within is None:
        raise Http404
    rep = coverage.report(within)
    return {
        "area": within.pk,
        "area_name": within.name,
        "score": rep.total.score,
        "on_leave": rep.on_leave,
        "gaps": [
            {"area": g.area_id, "area_name": g.name, "kind": g.kind, "missing": g.missing} for g in rep.gaps
        ],
        "children": [
            {"area": c.area.pk, "area_name": c.area.name, "score": c.score, "gaps_count": c.gaps}
            for c in rep.children
        ],
    }


class AssignmentOut(Schema):
    id: int
    staff: int
    staff_name: str
    area: int
    post: int | None
    role: str
    work_group: str
    starts_on: dt.date
    ends_on: dt.date | None

    @staticmethod
    def resolve_staff(obj) -> int:  # type: ignore[no-untyped-def]
        return obj.staff_id

    @staticmethod
    def resolve_staff_name(obj) -> str:  # type: ignore[no-untyped-def]
        return obj.staff.name

    @staticmethod
    def resolve_area(obj) -> int:  # type: ignore[no-untyped-def]
        return obj.area_id

    @staticmethod
    def resolve_post(obj) -> int | None:  # type: ignore[no-untyped-def]
        return obj.post_id


class AssignmentPage(Schema):
    items: list[AssignmentOut]
    count: int


class AssignmentIn(Schema):
    staff: int
    area: int
    role: str
    post: int | None = None
    work_group: str = ""
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    note: str = ""


@router.get("/assignments", response=AssignmentPage)
def assignments(
    request: HttpRequest,
    area: int | None = None,
    role: str = "",
    current: bool = True,
    limit: int = 100,
    offset: int = 0,
):
    within = area_or_404(request.user, area)
    items, count = page(
        assignment_list(user=request.user, area=within, role=role, current_only=current), limit, offset
    )
    return {"items": items, "count": count}


@router.post("/assignments", response={201: AssignmentOut, 400: ErrorOut})
def assignment_add(request: HttpRequest, data: AssignmentIn):
    user = request.user
    area = scoped_areas(user).filter(pk=data.area).first()
    if area is None:
        raise Http404
    staff: Staff = staff_or_404(user, data.staff)
    post = Post.objects.filter(pk=data.post, area=area).first() if data.post else None
    made = assignment_create(
        by=user,
        staff=staff,
        area=area,
        role=data.role,
        post=post,
        work_group=data.work_group,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        note=data.note,
    )
    return Status(201, made)


class EndIn(Schema):
    on: dt.date | None = None
    reason: str = ""


@router.post("/assignments/{assignment_id}/end", response={200: AssignmentOut, 400: ErrorOut})
def assignment_finish(request: HttpRequest, assignment_id: int, data: EndIn):
    assignment = assignment_or_404(request.user, assignment_id)
    if not role_at_least(request.user, "station"):
        raise Http404
    return assignment_end(by=request.user, assignment=assignment, on=data.on, reason=data.reason)


class ProposalOut(Schema):
    id: int
    area: int
    status: str
    cross_streets: bool
    moves: list[dict[str, object]]
    objective: dict[str, object]
    weights: dict[str, object]
    compounds: list[dict[str, object]]
    solve_seconds: float


class ProposalIn(Schema):
    area: int
    cross_streets: bool = False


def _proposal(p: RebalanceProposal) -> dict[str, object]:
    return {
        "id": p.pk,
        "area": p.area_id,
        "status": p.status,
        "cross_streets": p.cross_streets,
        "moves": [
            {
                "staff": m.staff_id,
                "staff_name": m.staff.name,
                "from": m.from_area_id,
                "to": m.to_area_id,
                "reason": m.reason,
            }
            for m in p.moves.select_related("staff")
        ],
        "objective": p.objective,
        "weights": p.weights,
        "compounds": p.compounds,
        "solve_seconds": p.solve_seconds,
    }


@router.post("/rebalancing", response={201: ProposalOut, 400: ErrorOut})
def rebalancing_create(request: HttpRequest, data: ProposalIn):
    area = scoped_areas(request.user).filter(pk=data.area).first()
    if area is None:
        raise Http404
    return Status(
        201, _proposal(rebalancing_propose(by=request.user, area=area, cross_streets=data.cross_streets))
    )


@router.get("/rebalancing/{proposal_id}", response=ProposalOut)
def rebalancing_detail(request: HttpRequest, proposal_id: int):
    return _proposal(proposal_or_404(request.user, proposal_id))


@router.post("/rebalancing/{proposal_id}/apply", response={200: ProposalOut, 400: ErrorOut})
def rebalancing_apply_api(request: HttpRequest, proposal_id: int):
    proposal = proposal_or_404(request.user, proposal_id)
    return _proposal(rebalancing_apply(by=request.user, proposal=proposal))


@router.post("/rebalancing/{proposal_id}/reject", response={200: ProposalOut, 400: ErrorOut})
def rebalancing_reject_api(request: HttpRequest, proposal_id: int):
    proposal = proposal_or_404(request.user, proposal_id)
    return _proposal(rebalancing_reject(by=request.user, proposal=proposal))


class ShiftOut(Schema):
    id: int
    day: dt.date
    slot: str
    station: str


@router.get("/my-shifts", response=list[ShiftOut])
def my_shifts_api(request: HttpRequest):
    return [
        {"id": s.pk, "day": s.day, "slot": s.slot, "station": s.rota.post.name}
        for s in my_shifts(request.user)
    ]


class SwapIn(Schema):
    taker: int
    other_shift: int | None = None
    reason: str = ""


class DecideIn(Schema):
    approve: bool
    note: str = ""


class SwapOut(Schema):
    id: int
    shift: int
    taker: int
    other_shift: int | None
    status: str

    @staticmethod
    def resolve_shift(obj) -> int:  # type: ignore[no-untyped-def]
        return obj.shift_id

    @staticmethod
    def resolve_taker(obj) -> int:  # type: ignore[no-untyped-def]
        return obj.taker_id

    @staticmethod
    def resolve_other_shift(obj) -> int | None:  # type: ignore[no-untyped-def]
        return obj.other_shift_id


@router.post("/shifts/{shift_id}/swap", response={201: SwapOut, 400: ErrorOut})
def shift_swap(request: HttpRequest, shift_id: int, data: SwapIn):
    shift = shift_or_404(request.user, shift_id)
    taker = staff_or_404(request.user, data.taker)
    other = Shift.objects.filter(pk=data.other_shift, rota=shift.rota).first() if data.other_shift else None
    if data.other_shift and other is None:
        raise Http404
    return Status(
        201, swap_request(by=request.user, shift=shift, taker=taker, other_shift=other, reason=data.reason)
    )


@router.post("/swaps/{swap_id}/decide", response={200: SwapOut, 400: ErrorOut})
def swap_decision(request: HttpRequest, swap_id: int, data: DecideIn):
    swap = swap_or_404(request.user, swap_id)
    return swap_decide(by=request.user, swap=swap, approve=data.approve, note=data.note)
