from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from grassroots.core.scope import area_or_404

from . import selectors

router = Router(tags=["evaluation"])


class ScoreOut(Schema):
    rank: int
    id: int
    person: str
    person_id: int
    area: str
    score: float
    # How much of the scheme the score rests on; one resting on less than half of its weight is
    # ranked after all the others.
    measured: dict[str, int]
    measured_too_little: bool
    indicators: dict[str, Any]


@router.get("/evaluation/periods/{period_id}/scores", response=list[ScoreOut])
def scores(request: HttpRequest, period_id: int, area: int | None = None, limit: int = 100, offset: int = 0):
    """A period's people ranked by score (within the caller's scope, or only their own score), those
    measured on less than half of the scheme's weight after the others, each with its indicators'
    points and the number of records behind each."""
    period = selectors.periods(user=request.user).filter(pk=period_id).first()
    if period is None:
        raise Http404
    within = area_or_404(request.user, area)
    limit, offset = max(1, min(limit, 500)), max(0, offset)
    ranked = selectors.ranking(user=request.user, period=period, area=within)[offset : offset + limit]
    return [
        {
            "rank": offset + i,
            "id": s.pk,
            "person": s.person.name if s.person else "",
            "person_id": s.person_id,
            "area": s.area.name,
            "score": float(s.total),
            "measured": {
                "indicators": s.measured_indicators,
                "of_indicators": len(s.indicators),
                "weight": s.measured_weight,
                "of_weight": s.scheme_weight,
            },
            "measured_too_little": s.measured_too_little,
            "indicators": {
                code: {
                    "points": line["points"],
                    "numerator": line["numerator"],
                    "denominator": line["denominator"],
                    "records": len(line["ids"]),
                }
                for code, line in s.indicators.items()
            },
        }
        for i, s in enumerate(ranked, start=1)
    ]
