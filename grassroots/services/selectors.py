"""Reads of requests, tasks, deliveries and stock, always through the user's scope."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, F, Model, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from grassroots.core.models import AnyUser, User
from grassroots.core.scope import role_at_least, scoped, top_areas
from grassroots.places.models import Area, Post
from grassroots.residents.models import Resident

from . import rules
from .models import (
    OPEN_STATUSES,
    Claim,
    DeliveryRound,
    DeliveryStop,
    GreenChannelPlan,
    Request,
    RequestEvent,
    RequestKind,
    RequestStatus,
    StockItem,
    StockMove,
    StopStatus,
    Task,
)

# The most choices one select offers; past it a phone's picker is too long to scroll.
CHOICES_AT_ONCE = 400


@dataclass
class Choices[T: Model]:
    """A select's choices; or, where there are too many, the areas one level down to choose first."""

    options: list[T]
    narrower: list[Area]


def choices_under[T: Model](
    *, user: AnyUser, rows: QuerySet[T], path: str, within: Area | None
) -> Choices[T]:
    """`rows` under `within` (all the user's when None), found by their area's `path`, as a select's
    choices. Where there are more than CHOICES_AT_ONCE, the page offers the areas one level down to
    narrow by first (a district's streets, a street's communities), with the area itself as the one
    choice where rows are areas: no choice is cut off, it is only reached a step later."""
    if within is not None:
        rows = rows.filter(**{f"{path}__startswith": within.path})
    found = list(rows[: CHOICES_AT_ONCE + 1])
    if len(found) <= CHOICES_AT_ONCE:
        return Choices(found, [])
    roots = [within] if within is not None else list(top_areas(user))
    below = list(Area.objects.filter(parent=roots[0]).order_by("path")) if len(roots) == 1 else roots
    if not below:
        return Choices(list(rows), [])
    itself = list(rows.filter(pk__in=[r.pk for r in roots])) if rows.model is Area else []
    return Choices(itself, below)


def person_name(user: User | None) -> str:
    """A person as a page names them: their staff record's name, else their full name (family name
    first), else the login."""
    return user.display_name if user is not None else ""


def with_times(requests: list[Request], now: datetime | None = None) -> list[Request]:
    """Attach what is derived from the stored times: overdue, the answering level, its label."""
    now = now or timezone.now()
    for req in requests:
        level = rules.level_at(req, now)
        # A resupply request starts one level up by design; only a rise beyond that is an escalation.
        start = rules.level_of(req.area) + 1 if req.kind == RequestKind.RESUPPLY else 0
        req.overdue = rules.is_overdue(req, now)  # type: ignore[attr-defined]
        req.level = level  # type: ignore[attr-defined]
        req.level_label = rules.level_label(level)  # type: ignore[attr-defined]
        req.escalated = level > start  # type: ignore[attr-defined]
    return requests


def _visible(requests: QuerySet[Request], user: AnyUser) -> QuerySet[Request]:
    """Staff see every request in their areas; a volunteer only those they filed (residents' phones
    and needs are not for every helper)."""
    if role_at_least(user, "staff"):
        return requests
    return requests.filter(created_by_id=getattr(user, "pk", None) or 0)


def request_list(
    *,
    user: AnyUser,
    area: Area | None = None,
    status: str = "",
    kind: str = "",
    q: str = "",
) -> QuerySet[Request]:
    requests = _visible(scoped(Request.objects.select_related("area"), user, "area__path"), user)
    if area is not None:
        requests = requests.filter(area__path__startswith=area.path)
    if status == "open":
        requests = requests.filter(status__in=OPEN_STATUSES)
    elif status:
        requests = requests.filter(status=status)
    if kind:
        requests = requests.filter(kind=kind)
    if q:
        requests = requests.filter(Q(reference__iexact=q) | Q(name__contains=q) | Q(details__contains=q))
    return requests


@dataclass
class Board:
    """A post's page of requests: green-channel cases first, then overdue, then the rest of the open ones,
    then finished ones waiting for the resident. Each is a whole query, for the page to take a page of
    it at a time (then `with_times` on the rows shown): nothing past a fixed number of rows is dropped."""

    green: QuerySet[Request]
    overdue: QuerySet[Request]
    open: QuerySet[Request]
    awaiting: QuerySet[Request]


def request_board(*, user: AnyUser, area: Area | None = None, now: datetime | None = None) -> Board:
    now = now or timezone.now()
    mine = request_list(user=user, area=area)
    live = mine.filter(status__in=OPEN_STATUSES).order_by("deadline", "id")
    others = live.exclude(kind=RequestKind.GREEN_CHANNEL)
    # Overdue as rules.is_overdue says it: still open and past the deadline.
    return Board(
        green=live.filter(kind=RequestKind.GREEN_CHANNEL),
        overdue=others.filter(deadline__lt=now),
        open=others.filter(deadline__gte=now),
        awaiting=mine.filter(status=RequestStatus.DONE).order_by("done_at", "id"),
    )


def request_get(*, user: AnyUser, pk: int, now: datetime | None = None) -> Request:
    req = (
        _visible(
            scoped(
                Request.objects.select_related("area", "household", "resident", "plan", "stock_item"),
                user,
                "area__path",
            ),
            user,
        )
        .filter(pk=pk)
        .first()
    )
    if req is None:
        raise Http404
    return with_times([req], now or timezone.now())[0]


def request_timeline(req: Request) -> list[RequestEvent]:
    return list(req.events.select_related("actor__staff"))


def task_list(
    *, user: AnyUser, area: Area | None = None, status: str = "", now: datetime | None = None
) -> QuerySet[Task]:
    """Tasks in the user's scope, each with `n_claims`, `mine` (the user holds a place) and `mine_done`
    (the user has reported their part done)."""
    now = now or timezone.now()
    own = Q(claims__user_id=getattr(user, "pk", None))
    tasks = scoped(Task.objects.select_related("area", "post"), user, "area__path").annotate(
        n_claims=Count("claims", distinct=True),
        mine=Count("claims", filter=own, distinct=True),
        mine_done=Count("claims", filter=own & Q(claims__completed_at__isnull=False), distinct=True),
    )
    if area is not None:
        tasks = tasks.filter(area__path__startswith=area.path)
    if status == "open":
        tasks = tasks.filter(closed_at__isnull=True, deadline__gt=now).exclude(n_claims__gte=F("places"))
    elif status == "closed":
        tasks = tasks.filter(Q(closed_at__isnull=False) | Q(deadline__lte=now))
    return tasks.order_by("deadline", "id")


def task_get(*, user: AnyUser, pk: int) -> Task:
    task = task_list(user=user).filter(pk=pk).first()
    if task is None:
        raise Http404
    return task


def task_claims(task: Task) -> list[Claim]:
    return list(task.claims.select_related("user__staff").order_by("claimed_at", "id"))


def claims_held(*, user: AnyUser) -> QuerySet[Claim]:
    """The user's claims not yet reported done, the nearest deadline first ("My claims")."""
    own = Claim.objects.filter(user_id=getattr(user, "pk", None) or 0, completed_at__isnull=True)
    return scoped(own.select_related("task__area"), user, "task__area__path").order_by("task__deadline", "id")


def leaderboard(*, user: AnyUser, area: Area | None = None, limit: int = 20) -> list[dict[str, object]]:
    """People ranked by the points of their completed claims on tasks in the area, each named as
    person_name names them (one query for the ranking, one for the people on it)."""
    claims = scoped(Claim.objects.filter(completed_at__isnull=False), user, "task__area__path")
    if area is not None:
        claims = claims.filter(task__area__path__startswith=area.path)
    rows = list(
        claims.values("user_id")
        .annotate(points=Sum("points"), tasks=Count("id"))
        .order_by("-points", "user__username")[:limit]
    )
    people = User.objects.select_related("staff").in_bulk([r["user_id"] for r in rows])
    return [
        {
            "user_id": r["user_id"],
            "name": person_name(people.get(r["user_id"])),
            "points": r["points"],
            "tasks": r["tasks"],
        }
        for r in rows
    ]


def round_list(*, user: AnyUser) -> QuerySet[DeliveryRound]:
    return (
        scoped(DeliveryRound.objects.select_related("area", "task"), user, "area__path")
        .annotate(
            n_stops=Count("stops"),
            n_delivered=Count("stops", filter=Q(stops__status=StopStatus.DELIVERED)),
            n_failed=Count("stops", filter=Q(stops__status=StopStatus.FAILED)),
        )
        .order_by("-created_at", "-id")
    )


def round_get(*, user: AnyUser, pk: int) -> DeliveryRound:
    rnd = round_list(user=user).filter(pk=pk).first()
    if rnd is None:
        raise Http404
    return rnd


@dataclass
class Progress:
    total: int
    delivered: int
    failed: int
    pending: int
    by_building: list[dict[str, Any]]


def round_progress(rnd: DeliveryRound) -> Progress:
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in DeliveryStop.objects.filter(round=rnd)
        .values("building_id", "building__name", "helper_id")
        .annotate(
            total=Count("id"),
            delivered=Count("id", filter=Q(status=StopStatus.DELIVERED)),
            failed=Count("id", filter=Q(status=StopStatus.FAILED)),
        )
        .order_by("building__name")
    ]
    helpers = User.objects.select_related("staff").in_bulk({r["helper_id"] for r in rows} - {None})
    for r in rows:
        r["helper"] = person_name(helpers.get(r["helper_id"]))
    total = sum(r["total"] for r in rows)
    delivered = sum(r["delivered"] for r in rows)
    failed = sum(r["failed"] for r in rows)
    return Progress(total, delivered, failed, total - delivered - failed, rows)


def helper_progress(rnd: DeliveryRound, helper: AnyUser) -> Progress:
    """One helper's share of the round: what the task page tells them before they report it done."""
    counts = DeliveryStop.objects.filter(round=rnd, helper_id=getattr(helper, "pk", None) or 0).aggregate(
        total=Count("id"),
        delivered=Count("id", filter=Q(status=StopStatus.DELIVERED)),
        failed=Count("id", filter=Q(status=StopStatus.FAILED)),
    )
    total, delivered, failed = counts["total"], counts["delivered"], counts["failed"]
    return Progress(total, delivered, failed, total - delivered - failed, [])


def round_stops(rnd: DeliveryRound, *, helper: User | None = None) -> QuerySet[DeliveryStop]:
    stops = DeliveryStop.objects.filter(round=rnd).select_related(
        "household__area", "building", "helper__staff"
    )
    if helper is not None:
        stops = stops.filter(helper=helper)
    return stops


def stop_get(*, user: AnyUser, pk: int) -> DeliveryStop:
    stop = (
        scoped(DeliveryStop.objects.select_related("round__area"), user, "round__area__path")
        .filter(pk=pk)
        .first()
    )
    if stop is None:
        raise Http404
    return stop


def stock_posts(*, user: AnyUser) -> QuerySet[Post]:
    return scoped(
        Post.objects.filter(kind__in=("station", "centre")).select_related("area"), user, "area__path"
    )


def stock_list(*, user: AnyUser, post: Post | None = None, low: bool = False) -> QuerySet[StockItem]:
    items = scoped(StockItem.objects.select_related("post__area"), user, "post__area__path")
    if post is not None:
        items = items.filter(post=post)
    if low:
        items = items.filter(quantity__lte=F("low_threshold"))
    return items.order_by("post__area__path", "post_id", "category", "name")


def stock_item_get(*, user: AnyUser, pk: int) -> StockItem:
    item = stock_list(user=user).filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def stock_moves(item: StockItem) -> QuerySet[StockMove]:
    return item.moves.select_related("by__staff", "counterpart__post")


def plan_list(*, user: AnyUser) -> QuerySet[GreenChannelPlan]:
    """Active plans of people still in the ledger: someone who moved away or died makes no more trips."""
    return scoped(
        GreenChannelPlan.objects.select_related("resident__household__area"),
        user,
        "resident__household__area__path",
    ).filter(active=True, resident__left_at__isnull=True)


def care_residents(*, user: AnyUser) -> QuerySet[Resident]:
    """Residents with a care tag in the user's areas: who may get a standing green-channel plan
    (the plan page narrows them by area with choices_under)."""
    return (
        scoped(Resident.objects.filter(care_tags__isnull=False), user, "household__area__path")
        .select_related("household__area")
        .distinct()
        .order_by("household__area__path", "household__room", "pk")
    )


def plan_get(*, user: AnyUser, pk: int) -> GreenChannelPlan:
    plan = plan_list(user=user).filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan
