"""Reads of reports, findings, the timeliness roll-up and orders; always through the user's scope."""

from datetime import datetime
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from grassroots.core.models import AnyUser
from grassroots.core.scope import scope_q, scoped
from grassroots.places.models import Area
from grassroots.places.selectors import count_in_subtrees

from .models import (
    Acknowledgement,
    FindingKind,
    FindingStatus,
    Order,
    ProgressUpdate,
    Report,
    ReportStatus,
    Source,
    TimelinessFinding,
)


def report_list(
    *, user: AnyUser, area: Area | None = None, status: str = "", category: str = ""
) -> QuerySet[Report]:
    reports = scoped(Report.objects.select_related("area", "holder", "post"), user)
    if area is not None:
        reports = reports.filter(area__path__startswith=area.path)
    if status:
        reports = reports.filter(status=status)
    if category:
        reports = reports.filter(category=category)
    return reports


def report_get(*, user: AnyUser, report_id: int) -> Report | None:
    return report_list(user=user).select_related("filed_by", "commander").filter(pk=report_id).first()


def findings_list(
    *, user: AnyUser, area: Area | None = None, status: str = ""
) -> QuerySet[TimelinessFinding]:
    found = scoped(
        TimelinessFinding.objects.select_related("area", "report", "commander", "reviewed_by"), user
    )
    if area is not None:
        found = found.filter(area__path__startswith=area.path)
    if status:
        found = found.filter(status=status)
    return found


def _rollup(
    top: Area, areas: list[Area], start: datetime, end: datetime, now: datetime
) -> dict[int, dict[str, Any]]:
    """The figures of each area (its whole subtree), in four grouped queries over the top area's subtree."""
    window = Q(discovered_at__gte=start, discovered_at__lt=end)
    own = Report.objects.filter(window, source=Source.OWN, area__path__startswith=top.path)
    last = Subquery(
        ProgressUpdate.objects.filter(report=OuterRef("pk"))
        .order_by()
        .values("report")
        .annotate(m=Max("at"))
        .values("m")
    )
    counts = count_in_subtrees(
        own,
        "area__path",
        areas,
        reports=Q(),
        on_time=Q(reported_at__lte=F("deadline")),
        late=Q(reported_at__gt=F("deadline")),
    )
    # Only open reports can be overdue now; computing their next due time for them alone keeps the scan cheap.
    counts |= count_in_subtrees(
        own.filter(status=ReportStatus.OPEN).annotate(
            next_due=ExpressionWrapper(
                Coalesce(last, F("reported_at")) + F("update_every"), output_field=DateTimeField()
            )
        ),
        "area__path",
        areas,
        overdue_updates=Q(next_due__lt=now),
    )
    counts |= count_in_subtrees(
        TimelinessFinding.objects.exclude(status=FindingStatus.DISMISSED).filter(
            report__discovered_at__gte=start, report__discovered_at__lt=end, area__path__startswith=top.path
        ),
        "area__path",
        areas,
        missed=Q(kind=FindingKind.MISSED),
        concealed=Q(kind=FindingKind.CONCEALED),
    )
    counts |= count_in_subtrees(
        ProgressUpdate.objects.filter(
            report__discovered_at__gte=start,
            report__discovered_at__lt=end,
            report__source=Source.OWN,
            report__area__path__startswith=top.path,
            at__gt=F("due_at"),
        ),
        "report__area__path",
        areas,
        late_updates=Q(),
    )
    out = {}
    for area in areas:
        c = {name: counts[(area.pk, name)] for (pk, name) in counts if pk == area.pk}
        expected = c["reports"] + c["missed"]
        out[area.pk] = {
            "id": area.pk,
            "name": area.name,
            "kind": area.kind,
            "reports": c["reports"],
            "on_time": c["on_time"],
            "late": c["late"],
            "missed": c["missed"],
            "concealed": c["concealed"],
            "missed_updates": c["late_updates"] + c["overdue_updates"],
            # DHIS2's "reporting rate on time": events reported on time out of all that should have been.
            "on_time_rate": round(100 * c["on_time"] / expected, 1) if expected else None,
        }
    return out


def timeliness(
    *, user: AnyUser, area: Area, start: datetime, end: datetime, now: datetime | None = None
) -> dict[str, Any]:
    """Reports discovered in [start, end) in `area`'s subtree, and the same for each child area.

    Late and on time compare the stored report time with the stored deadline; a missed update is an
    update made after its due time, or an open report whose next update is overdue at `now`."""
    if not scoped(Area.objects.filter(pk=area.pk), user, "path").exists():
        return {}
    children = list(scoped(area.children.all(), user, "path").order_by("name"))
    figures = _rollup(area, [area, *children], start, end, now or timezone.now())
    return {**figures[area.pk], "children": [figures[c.pk] for c in children]}


def order_list(*, user: AnyUser) -> QuerySet[Order]:
    """Orders issued within the user's areas, and orders sent to a post within them."""
    received = scoped(Acknowledgement.objects.all(), user).values("order")
    return Order.objects.filter(Q(scope_q(user, "area__path")) | Q(pk__in=received)).select_related("area")


def order_get(*, user: AnyUser, order_id: int) -> Order | None:
    return order_list(user=user).select_related("issued_by").filter(pk=order_id).first()


def order_receipts(*, user: AnyUser, order: Order) -> QuerySet[Acknowledgement]:
    """The order's receiving posts the user may see, laggards first."""
    return scoped(order.acknowledgements.select_related("post", "area", "acknowledged_by"), user).order_by(
        F("acknowledged_at").asc(nulls_first=True), "area__path"
    )


def order_counts(*, user: AnyUser, order: Order) -> dict[str, int]:
    return scoped(order.acknowledgements.all(), user).aggregate(
        total=Count("pk"),
        acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
        carried_out=Count("pk", filter=Q(carried_out_at__isnull=False)),
    )
