"""Reads of meetings, action items and decisions; and which stations have missed their morning meeting."""

from collections.abc import Iterable
from datetime import date, datetime, time

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from grassroots.core.models import AnyUser, User
from grassroots.core.scope import scoped
from grassroots.places.models import Area, Post, PostKind
from grassroots.reporting.models import Order
from grassroots.reporting.selectors import order_list

from .models import ActionItem, Decision, Meeting, MeetingKind


def morning_meeting_by() -> time:
    """The local time by which a station's morning meeting must be recorded (MORNING_MEETING_BY, default 10:00)."""
    return time.fromisoformat(getattr(settings, "MORNING_MEETING_BY", "10:00"))


def meeting_list(*, user: AnyUser, area: Area | None = None) -> QuerySet[Meeting]:
    meetings = scoped(Meeting.objects.select_related("post", "area"), user)
    if area is not None:
        meetings = meetings.filter(area__path__startswith=area.path)
    return meetings


def action_items_open(*, user: AnyUser, area: Area | None = None) -> QuerySet[ActionItem]:
    items = scoped(ActionItem.objects.select_related("owner", "meeting__post"), user).filter(done_at=None)
    if area is not None:
        items = items.filter(area__path__startswith=area.path)
    return items.order_by("deadline")


# How many orders the meeting form lists at once: the latest, and as many of those a search finds.
ORDERS_SHOWN = 20


def orders_to_relay(*, user: AnyUser, q: str = "", chosen: Iterable[int] = ()) -> tuple[list[Order], bool]:
    """The orders a meeting form offers, newest first, and whether some that fit were left out: the
    latest ORDERS_SHOWN the user may see, or as many whose title holds `q`, with those already
    ticked (`chosen`), so a form sent back or searched again keeps them. Any order the user may see
    can be relayed; the search reaches those past the latest."""
    visible = order_list(user=user)
    found = visible.filter(title__icontains=q.strip()) if q.strip() else visible
    shown = list(found.order_by("-issued_at", "-id")[: ORDERS_SHOWN + 1])
    more = len(shown) > ORDERS_SHOWN
    ticked = [pk for pk in chosen if pk not in {o.pk for o in shown[:ORDERS_SHOWN]}]
    orders = shown[:ORDERS_SHOWN] + list(visible.filter(pk__in=ticked))
    return sorted(orders, key=lambda o: (o.issued_at, o.pk), reverse=True), more


def decision_list(*, user: AnyUser, area: Area | None = None) -> QuerySet[Decision]:
    decisions = scoped(Decision.objects.select_related("post", "amends"), user)
    if area is not None:
        decisions = decisions.filter(area__path__startswith=area.path)
    return decisions


def recording_posts(*, user: AnyUser) -> QuerySet[Post]:
    """The stations and centres in the user's scope: meetings and decisions are recorded for one."""
    return scoped(Post.objects.filter(kind__in=[PostKind.STATION, PostKind.CENTRE]), user).select_related(
        "area__parent"
    )


def recording_post_default(*, user: AnyUser, posts: QuerySet[Post]) -> Post | None:
    """The post a user most likely records for: the one their office names, else one standing on the
    area of their office (a community's centre), else the one they last recorded a meeting or opened
    a decision for. None when nothing points to one: better they choose than a post be guessed."""
    if not isinstance(user, User):
        return None
    own = posts.filter(grants__user=user).first() or posts.filter(area__grants__user=user).first()
    if own is not None:
        return own
    latest = [
        row
        for row in (
            Meeting.objects.filter(recorded_by=user, post__in=posts)
            .order_by("-recorded_at")
            .values_list("recorded_at", "post")
            .first(),
            Decision.objects.filter(opened_by=user, post__in=posts)
            .order_by("-opened_at")
            .values_list("opened_at", "post")
            .first(),
        )
        if row is not None
    ]
    return posts.filter(pk=max(latest)[1]).first() if latest else None


def stations_missing_morning(
    *, user: AnyUser, area: Area, day: date | None = None, now: datetime | None = None
) -> list[Post]:
    """Stations below `area` with no morning meeting recorded for `day` once its deadline has passed.

    Derived from stored meetings at read time; before the deadline nobody is missing yet."""
    now = now or timezone.now()
    day = day or timezone.localdate(now)
    deadline = datetime.combine(day, morning_meeting_by(), timezone.get_current_timezone())
    if now < deadline:
        return []
    held = Meeting.objects.filter(post=OuterRef("pk"), day=day, kind=MeetingKind.MORNING)
    stations = scoped(Post.objects.filter(kind=PostKind.STATION, area__path__startswith=area.path), user)
    return list(stations.filter(~Exists(held)).select_related("area").order_by("area__path"))
