"""The figures of the areas below the user's own, worst place first."""

from dataclasses import dataclass

from django.db.models import Q

from grassroots.core.models import AnyUser
from grassroots.deployment import coverage
from grassroots.places.models import Area
from grassroots.places.selectors import count_in_subtrees
from grassroots.reporting.selectors import days_window, recent_days, timeliness
from grassroots.services.models import OPEN_STATUSES, Request


@dataclass
class Row:
    area: Area
    coverage: float
    gaps: int
    reports: int
    on_time_rate: float | None
    open_requests: int


def _open_requests(area: Area, children: list[Area]) -> dict[int, int]:
    rows = Request.objects.filter(area__path__startswith=area.path, status__in=OPEN_STATUSES)
    counts = count_in_subtrees(rows, "area__path", children, open=Q())
    return {child.pk: counts[(child.pk, "open")] for child in children}


def child_rows(user: AnyUser, area: Area) -> list[Row]:
    """Each child of `area`: coverage score and gaps, reports and on-time rate over the same local days
    as the timeliness page shows by default, open resident requests; the worst coverage first, then
    the worst timeliness."""
    cover = {r.area.pk: r for r in coverage.report(area).children}
    start, end = days_window(*recent_days())
    window = timeliness(user=user, area=area, start=start, end=end)
    timely = {c["id"]: c for c in window.get("children", [])}
    children = list(area.children.all())
    requests = _open_requests(area, children)
    rows = [
        Row(
            area=child,
            coverage=cover[child.pk].score if child.pk in cover else 100.0,
            gaps=cover[child.pk].gaps if child.pk in cover else 0,
            reports=timely.get(child.pk, {}).get("reports", 0),
            on_time_rate=timely.get(child.pk, {}).get("on_time_rate"),
            open_requests=requests.get(child.pk, 0),
        )
        for child in children
    ]
    no_reports = 101.0  # a place with nothing to report sorts after every rate
    return sorted(
        rows,
        key=lambda r: (r.coverage, r.on_time_rate if r.on_time_rate is not None else no_reports, r.area.path),
    )
