"""The instructors API: the calls the caller sees, running a matching method on one, finishing one."""

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from grassroots.core.apikit import ErrorOut, page

from .models import Method
from .selectors import call_or_404, calls_for
from .services import call_finish
from .services_matching import matching_propose

router = Router(tags=["instructors"])


class CallOut(Schema):
    id: int
    name: str
    status: str
    villages: int
    candidates: int

    @staticmethod
    def resolve_villages(obj: object) -> int:
        return int(getattr(obj, "n_villages"))  # noqa: B009

    @staticmethod
    def resolve_candidates(obj: object) -> int:
        return int(getattr(obj, "n_candidates"))  # noqa: B009


class CallPage(Schema):
    items: list[CallOut]
    count: int


@router.get("/instructors/calls", response=CallPage)
def calls(request: HttpRequest, limit: int = 100, offset: int = 0):  # type: ignore[no-untyped-def]
    items, count = page(calls_for(request.user), limit, offset)
    return {"items": items, "count": count}


class MatchingIn(Schema):
    call: int
    method: Literal["stable", "optimal"]


class PairOut(Schema):
    candidate: int
    village: int
    fit: int


class MatchingOut(Schema):
    pairs: list[PairOut]
    total_fit: int
    blocking_pairs: int


@router.post("/instructors/matching", response={200: MatchingOut, 400: ErrorOut, 403: ErrorOut})
def matching(request: HttpRequest, data: MatchingIn):  # type: ignore[no-untyped-def]
    """Run stable (candidates propose) or optimal matching; the result is saved as a proposal to approve."""
    call = call_or_404(request.user, data.call)
    method = Method.STABLE_CANDIDATE if data.method == "stable" else Method.OPTIMAL
    try:
        result = matching_propose(by=request.user, call=call, method=method)  # type: ignore[arg-type]
    except PermissionDenied as exc:
        raise HttpError(403, _("Only the city committee runs matching.")) from exc
    pairs = [
        {"candidate": p.instructor_id, "village": p.village_id, "fit": p.fit}
        for p in result.pairs.order_by("village__path")
    ]
    return {"pairs": pairs, "total_fit": result.total_fit, "blocking_pairs": result.blocking_pairs}


class FinishIn(Schema):
    reason: str


class VillageOut(Schema):
    id: int
    name: str


class FinishOut(Schema):
    id: int
    status: str
    matched: int
    unfilled: list[VillageOut]
    not_selected: int
    proposals_rejected: int


@router.post("/instructors/calls/{call_id}/finish", response={200: FinishOut, 400: ErrorOut, 403: ErrorOut})
def finish(request: HttpRequest, call_id: int, data: FinishIn):  # type: ignore[no-untyped-def]
    """Finish a call in matching: candidates still waiting are marked not selected, waiting proposals
    rejected, and the villages nobody serves listed for a supplementary call."""
    call = call_or_404(request.user, call_id)
    try:
        done, closing = call_finish(by=request.user, call=call, reason=data.reason)  # type: ignore[arg-type]
    except PermissionDenied as exc:
        raise HttpError(403, _("Only the city committee finishes a call.")) from exc
    return {
        "id": done.pk,
        "status": done.status,
        "matched": closing.matched,
        "unfilled": [{"id": v.pk, "name": v.name} for v in closing.unfilled],
        "not_selected": len(closing.waiting),
        "proposals_rejected": closing.proposals,
    }
