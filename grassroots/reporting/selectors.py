"""Reads of reports, findings, the timeliness roll-up and orders; always through the user's scope."""

from datetime import datetime
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from grassroots.core.models import AnyUser
from grassroots.core.scope import scope_q, scoped
from grassroots.places.models import Area

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


class SubqueryCount(Subquery):
    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def _count(queryset: QuerySet[Any], path: str) -> Coalesce:
    return Coalesce(
        SubqueryCount(queryset.filter(area__path__startswith=OuterRef(path)).values("pk")), Value(0)
    )


def _with_timeliness(areas: QuerySet[Area], start: datetime, end: datetime, now: datetime) -> QuerySet[Area]:
    """Annotate each area with its subtree's counts, one correlated count per figure (prefix queries)."""
    window = Q(discovered_at__gte=start, discovered_at__lt=end)
    own = Report.objects.filter(window, source=Source.OWN)
    standing = TimelinessFinding.objects.exclude(status=FindingStatus.DISMISSED).filter(
        report__discovered_at__gte=start, report__discovered_at__lt=end
    )
    late_updates = ProgressUpdate.objects.filter(
        report__in=own, at__gt=F("due_at"), report__area__path__startswith=OuterRef("path")
    )
    last = Subquery(
        ProgressUpdate.objects.filter(report=OuterRef("pk"))
        .order_by()
        .values("report")
        .annotate(m=Max("at"))
        .values("m")
    )
    overdue_now = (
        own.filter(status=ReportStatus.OPEN)
        .annotate(
            next_due=ExpressionWrapper(
                Coalesce(last, F("reported_at")) + F("update_every"), output_field=DateTimeField()
            )
        )
        .filter(next_due__lt=now)
    )
    return areas.annotate(
        t_reports=_count(own, "path"),
        t_on_time=_count(own.filter(reported_at__lte=F("deadline")), "path"),
        t_late=_count(own.filter(reported_at__gt=F("deadline")), "path"),
        t_missed=_count(standing.filter(kind=FindingKind.MISSED), "path"),
        t_concealed=_count(standing.filter(kind=FindingKind.CONCEALED), "path"),
        t_late_updates=Coalesce(SubqueryCount(late_updates.values("pk")), Value(0)),
        t_overdue_updates=_count(overdue_now, "path"),
    )


def _figures(area: Area) -> dict[str, Any]:
    a: Any = area
    expected = a.t_reports + a.t_missed
    return {
        "id": area.pk,
        "name": area.name,
        "kind": area.kind,
        "reports": a.t_reports,
        "on_time": a.t_on_time,
        "late": a.t_late,
        "missed": a.t_missed,
        "concealed": a.t_concealed,
        "missed_updates": a.t_late_updates + a.t_overdue_updates,
        # DHIS2's "reporting rate on time": events reported on time out of all events that should have been.
        "on_time_rate": round(100 * a.t_on_time / expected, 1) if expected else None,
    }


def timeliness(
    *, user: AnyUser, area: Area, start: datetime, end: datetime, now: datetime | None = None
) -> dict[str, Any]:
    """Reports discovered in [start, end) in `area`'s subtree, and the same for each child area.

    Late and on time compare the stored report time with the stored deadline; a missed update is an
    update made after its due time, or an open report whose next update is overdue at `now`."""
    now = now or timezone.now()
    own = _with_timeliness(scoped(Area.objects.filter(pk=area.pk), user, "path"), start, end, now).first()
    if own is None:
        return {}
    children = _with_timeliness(scoped(area.children.all(), user, "path"), start, end, now).order_by("name")
    return {**_figures(own), "children": [_figures(c) for c in children]}


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
