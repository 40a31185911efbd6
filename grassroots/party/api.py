from django.http import HttpRequest
from ninja import Router, Schema

from grassroots.core.scope import area_or_404

from .selectors import party_stats

router = Router(tags=["party"])


class StatsOut(Schema):
    area: int | None
    name: str
    organisations: int
    teams: int
    responsibility_areas: int
    demonstration_posts: int
    children: list["StatsOut"]


@router.get("/party/stats", response=StatsOut)
def stats(request: HttpRequest, area: int | None = None):
    """Counts of party building in an area (rolled up its subtree), with each child area's counts."""
    within = area_or_404(request.user, area)
    return party_stats(user=request.user, area=within).as_dict()
