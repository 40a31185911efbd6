"""Reads of reports, findings, the timeliness roll-up and orders; always through the user's scope."""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.models import AccessGrant, AnyUser, User
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
    ReportStep,
    Source,
    TimelinessFinding,
)

# The timeliness figures' default period: this many local days, today included.
TIMELINESS_DAYS = 14


def recent_days(today: date | None = None) -> tuple[date, date]:
    """The default period of the timeliness figures: the last TIMELINESS_DAYS local days, today included."""
    today = today or timezone.localdate()
    return today - timedelta(days=TIMELINESS_DAYS - 1), today


def days_window(first: date, last: date) -> tuple[datetime, datetime]:
    """Local days `first` to `last`, both included, as [start, end) from midnight to midnight."""
    tz = timezone.get_current_timezone()
    return datetime.combine(first, time.min, tz), datetime.combine(last + timedelta(days=1), time.min, tz)


def _my_levels(user: AnyUser) -> QuerySet[Area]:
    """The areas of the user's offices: the levels of the chain at which they acknowledge."""
    return Area.objects.filter(grants__user=user) if isinstance(user, User) else Area.objects.none()


def report_list(
    *,
    user: AnyUser,
    area: Area | None = None,
    status: str = "",
    category: str = "",
    awaiting_me: bool = False,
) -> QuerySet[Report]:
    """Reports in the user's scope, each marked `awaiting_me` when it is open and a level the user sits
    at has not acknowledged it; `awaiting_me=True` keeps only those."""
    waiting = ReportStep.objects.filter(
        report=OuterRef("pk"), level__in=_my_levels(user), acknowledged_at__isnull=True
    )
    reports = scoped(Report.objects.select_related("area", "holder", "post"), user).annotate(
        awaiting_me=ExpressionWrapper(
            Exists(waiting) & Q(status=ReportStatus.OPEN), output_field=BooleanField()
        )
    )
    if area is not None:
        reports = reports.filter(area__path__startswith=area.path)
    if status:
        reports = reports.filter(status=status)
    if category:
        reports = reports.filter(category=category)
    if awaiting_me:
        reports = reports.filter(awaiting_me=True)
    return reports


def report_get(*, user: AnyUser, report_id: int) -> Report | None:
    return report_list(user=user).select_related("filed_by__staff", "commander").filter(pk=report_id).first()


def findings_list(
    *, user: AnyUser, area: Area | None = None, status: str = ""
) -> QuerySet[TimelinessFinding]:
    found = scoped(
        TimelinessFinding.objects.select_related("area", "report", "commander", "reviewed_by__staff"), user
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


class Waiting(TextChoices):
    """What an order still asks of the user's own posts."""

    ACKNOWLEDGE = "acknowledge", _("waiting for my acknowledgement")
    CARRY_OUT = "carry_out", _("acknowledged, waiting to be carried out")


def my_receipts(*, user: AnyUser) -> QuerySet[Acknowledgement]:
    """The receipts the user answers for: those of the posts their offices name, and where an office
    names no post, those in its area."""
    if not isinstance(user, User):
        return Acknowledgement.objects.none()
    grants = AccessGrant.objects.filter(user=user)
    return Acknowledgement.objects.filter(
        Q(post__in=grants.exclude(post=None).values("post"))
        | Q(area__in=grants.filter(post=None).values("area"))
    )


def receipts_waiting(*, user: AnyUser, waiting: str) -> QuerySet[Acknowledgement]:
    """The user's receipts still owing what `waiting` names. Carrying out counts once the order is
    acknowledged: before that the receipt already waits for acknowledgement, and carrying-out is never
    due before it."""
    rows = my_receipts(user=user)
    if waiting == Waiting.ACKNOWLEDGE:
        return rows.filter(acknowledged_at__isnull=True)
    return rows.filter(
        acknowledged_at__isnull=False, order__carry_out_deadline__isnull=False, carried_out_at__isnull=True
    )


def order_list(*, user: AnyUser, waiting: str = "") -> QuerySet[Order]:
    """Orders issued within the user's areas, and orders sent to a post within them; with `waiting`,
    only those whose receipt at the user's own post still owes that."""
    received = scoped(Acknowledgement.objects.all(), user).values("order")
    orders = Order.objects.filter(Q(scope_q(user, "area__path")) | Q(pk__in=received)).select_related("area")
    if waiting in Waiting.values:
        orders = orders.filter(pk__in=receipts_waiting(user=user, waiting=waiting).values("order"))
    return orders


def order_get(*, user: AnyUser, order_id: int) -> Order | None:
    return order_list(user=user).select_related("issued_by__staff").filter(pk=order_id).first()


def order_receipts(*, user: AnyUser, order: Order) -> QuerySet[Acknowledgement]:
    """The order's receiving posts the user may see, laggards first."""
    return scoped(order.acknowledgements.select_related("post", "area"), user).order_by(
        F("acknowledged_at").asc(nulls_first=True), "area__path"
    )


_COUNTS = {
    "total": Count("pk"),
    "acknowledged": Count("pk", filter=Q(acknowledged_at__isnull=False)),
    "carried_out": Count("pk", filter=Q(carried_out_at__isnull=False)),
}


def order_counts(*, user: AnyUser, order: Order) -> dict[str, int]:
    """How many of the order's receipts the user may see, and how many are acknowledged and carried out."""
    return scoped(order.acknowledgements.all(), user).aggregate(**_COUNTS)


def order_counts_many(*, user: AnyUser, orders: Iterable[Order]) -> dict[int, dict[str, int]]:
    """order_counts for a page of orders, in one grouped query."""
    ids = [o.pk for o in orders]
    rows = (
        scoped(Acknowledgement.objects.filter(order__in=ids), user)
        .values_list("order")
        .annotate(**_COUNTS)
        .order_by()
    )
    found = {row[0]: dict(zip(_COUNTS, row[1:], strict=True)) for row in rows}
    return {pk: found.get(pk, dict.fromkeys(_COUNTS, 0)) for pk in ids}
