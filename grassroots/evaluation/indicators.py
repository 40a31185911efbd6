"""The computed indicators: small functions, one per figure, each reading one room's records
through its models for every subject of a period at once, and handing back the figure together
with the ids of the records behind it (so a click on a score shows them).

A rate indicator scores numerator / denominator; a count indicator scores count / the scheme's
target. A subject with nothing to count (denominator 0) is not scored on that indicator, and the
scheme's other weights carry its total.

Some rooms key their records by login (a visit's visitor, a request's handler, a task's claimant)
and have no staff column to fall back on: only someone with a login can have made them. Those
indicators are marked `needs_login`; a staff member without a login is not scored on them (and the
score says why) rather than counted as having done nothing. The staff-keyed records (shifts, care
pairs, meetings, action items, party activities) score everybody.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from grassroots.deployment.models import Assignment, Leave, RotaStatus, Shift
from grassroots.meetings.models import ActionItem, Meeting
from grassroots.party.models import Activity, PartyMember
from grassroots.people.models import Staff
from grassroots.places.models import Post
from grassroots.reporting.models import Acknowledgement, FindingStatus, Report, TimelinessFinding
from grassroots.residents.models import CareContact, Outcome, Visit
from grassroots.services.models import Claim, Request, RequestKind

from .models import RaterIndicator

PERSON, STATION = "person", "station"


@dataclass
class Figure:
    numerator: int = 0
    denominator: int | None = 0  # None for a count indicator
    ids: list[str] = field(default_factory=list)
    # Of `ids`, the records that counted against the subject (a meeting missed, a request done late),
    # so the page that traces a figure can say which they were.
    against: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Indicator:
    code: str
    label: Promise
    subject: str  # PERSON or STATION
    model: str  # "app.Model" of the records behind the figure
    compute: Callable[[list, date, date], dict[int, Figure]] | None  # None: entered by raters
    is_count: bool = False
    # A count where fewer is better: full marks at 0, none at the scheme's target or more.
    is_penalty: bool = False
    # The records name a login, not a staff member: people without a login cannot be measured.
    needs_login: bool = False

    @property
    def is_computed(self) -> bool:
        """Read from records rather than entered by raters (a template cannot test `compute`: it would
        call it)."""
        return self.compute is not None


REGISTRY: dict[str, Indicator] = {}


def register(
    code: str,
    label: Promise,
    subject: str,
    model: str,
    *,
    count: bool = False,
    penalty: bool = False,
    login: bool = False,
):  # type: ignore[no-untyped-def]
    def wrap(fn):  # type: ignore[no-untyped-def]
        REGISTRY[code] = Indicator(code, label, subject, model, fn, count or penalty, penalty, login)
        return fn

    return wrap


# Rater indicators: marks 0-100 entered by a rater other than the person (the mean is scored).
RATER_INDICATORS = {choice.value: choice.label for choice in RaterIndicator}
for _code, _label in RATER_INDICATORS.items():
    REGISTRY[_code] = Indicator(_code, _label, PERSON, "evaluation.Rating", None)


def window(start: date, end: date) -> tuple[datetime, datetime]:
    """The period as an aware [from, to) range in local time."""
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    )


def _users(people: list[Staff]) -> dict[int, int]:
    """user id → staff id, for the records that name a login rather than a staff member."""
    return {p.user_id: p.pk for p in people if p.user_id}


def _rate(rows: Iterable[tuple[int, object, bool]]) -> dict[int, Figure]:
    """(subject, record id, counts as good) rows → a rate figure per subject."""
    out: dict[int, Figure] = defaultdict(Figure)
    for subject, pk, good in rows:
        f = out[subject]
        f.denominator = (f.denominator or 0) + 1
        f.numerator += int(good)
        f.ids.append(str(pk))
        if not good:
            f.against.append(str(pk))
    return dict(out)


def _count(rows: Iterable[tuple[int, object]]) -> dict[int, Figure]:
    out: dict[int, Figure] = defaultdict(lambda: Figure(denominator=None))
    for subject, pk in rows:
        out[subject].numerator += 1
        out[subject].ids.append(str(pk))
    return dict(out)


# residents


@register("visits_done", _("door-knocking visits done"), PERSON, "residents.Visit", count=True, login=True)
def visits_done(people: list[Staff], start: date, end: date) -> dict[int, Figure]:
    users = _users(people)
    since, until = window(start, end)
    rows = Visit.objects.filter(visitor_id__in=users, visited_at__gte=since, visited_at__lt=until)
    return _count((users[v], pk) for pk, v in rows.values_list("pk", "visitor_id"))


@register("visits_verified", _("visits that verified the household"), PERSON, "residents.Visit", login=True)
def visits_verified(people: list[Staff], start: date, end: date) -> dict[int, Figure]:
    users = _users(people)
    since, until = window(start, end)
    rows = Visit.objects.filter(visitor_id__in=users, visited_at__gte=since, visited_at__lt=until)
    return _rate(
        (users[v], pk, outcome in (Outcome.VERIFIED, Outcome.CORRECTED))
        for pk, v, outcome in rows.values_list("pk", "visitor_id", "outcome")
    )


@register("care_contacts_on_time", _("care contacts on time"), PERSON, "residents.CareContact")
def care_contacts_on_time(people: list[Staff], start: date, end: date) -> dict[int, Figure]:
    """A contact is on time when it came within the resident's contact interval (the tightest of
    their care tags) of the previous contact, or of the pairing's start."""
    since, until = window(start, end)
    contacts = (
        CareContact.objects.filter(pair__helper__in=people, contacted_at__lt=until)
        .select_related("pair")
        .order_by("pair_id", "contacted_at")
    )
    every: dict[int, int] = {}
    for pair_id, days in contacts.values_list("pair_id", "pair__resident__care_tags__contact_every_days"):
        if days:
            every[pair_id] = min(days, every.get(pair_id, days))
    rows = []
    last: dict[int, datetime] = {}
    for c in contacts.distinct():
        previous = last.get(c.pair_id, c.pair.started_at)
        last[c.pair_id] = c.contacted_at
        if c.contacted_at >= since:
            limit = timedelta(days=every.get(c.pair_id, 7))
            rows.append((c.pair.helper_id, c.pk, c.contacted_at - previous <= limit))
    return _rate(rows)


# services


@register("requests_on_time", _("requests finished on time"), PERSON, "services.Request", login=True)
def requests_on_time(people: list[Staff], start: date, end: date) -> dict[int, Figure]:
    users = _users(people)
    since, until = window(start, end)
    rows = Request.objects.filter(done_by_id__in=users, done_at__gte=since, done_at__lt=until)
    return _rate(
        (users[u], pk, done is not None and done <= deadline)
        for pk, u, done, deadline in rows.values_list("pk", "done_by_id", "done_at", "deadline")
    )


@register("request_ratings", _("residents' ratings of requests"), PERSON, "services.Request", login=True)
def request_ratings(people: list[Staff], start: date, end: date) -> dict[int, Figure]:
    """Stars given by residents (1-5): the figure is stars earned over stars possible."""
    users = _users(people)
    since, until = window(start, end)
    rows = Request.objects.filter(
        done_by_id__in=users, done_at__gte=since, done_at__lt=until, rating__isnull=False
    ).values_list("pk", "done_by_id", "rating")
    out: dict[int, Figure] = defaultdict(Figure)
    for pk, u, stars in rows:
        f = out[users[u]]
        f.numerator += stars or 0
        f.denominator = (f.denominator or 0) + 5
        f.ids.append(str(pk))
    return dict(out)


@register(
    "green_channel_in_time", _("green-channel cases accepted in time"), PERSON, "services.Request", login=True
)
def green_channel_in_time(people: list[Staff], start: date, end: date) -> dict[int, Figure]:
    users = _users(people)
    since, until = window(start, end)
    rows = Request.objects.filter(
        kind=RequestKind.GREEN_CHANNEL,
        accepted_by_id__in=users,
        accepted_at__gte=since,
        accepted_at__lt=until,
    )
    return _rate(
        (users[u], pk, accept_by is None or (accepted is not None and accepted <= accept_by))
        for pk, u, accepted, accept_by in rows.values_list("pk", "accepted_by_id", "accepted_at", "accept_by")
    )


@register("tasks_claimed", _("tasks claimed"), PERSON, "services.Claim", count=True, login=True)
def tasks_claimed(people: list[Staff], start: date, end: date) -> dict[int, Figure]:
    users = _users(people)
    since, until = window(start, end)
    rows = Claim.objects.filter(user_id__in=users, claimed_at__gte=since, claimed_at__lt=until)
    return _count((users[u], pk) for pk, u in rows.values_list("pk", "user_id"))


@register("tasks_completed", _("claimed tasks completed"), PERSON, "services.Claim", login=True)
def tasks_completed(people: list[Staff], start: date, end: date) -> dict[int, Figure]:
    users = _users(people)
    since, until = window(start, end)
    rows = Claim.objects.filter(user_id__in=users, claimed_at__gte=since, claimed_at__lt=until)
    return _rate(
        (users[u], pk, done is not None and done < until)
        for pk, u, done in rows.values_list("pk", "user_id", "completed_at")
    )


# deployment


@register("shifts_kept", _("rota shifts kept"), PERSON, "deployment.Shift")
def shifts_kept(people: list[Staff], start: date, end: date) -> dict[int, Figure]:
    """A published shift is kept unless the person was on leave that day."""
    shifts = Shift.objects.filter(
        staff__in=people, day__gte=start, day__lte=end, rota__status=RotaStatus.PUBLISHED
    ).values_list("pk", "staff_id", "day")
    leaves: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for staff_id, s, e in Leave.objects.filter(
        staff__in=people, starts_on__lte=end, ends_on__gte=start
    ).values_list("staff_id", "starts_on", "ends_on"):
        leaves[staff_id].append((s, e))
    return _rate(
        (staff_id, pk, not any(s <= day <= e for s, e in leaves[staff_id])) for pk, staff_id, day in shifts
    )


# meetings


@register("meeting_attendance", _("daily meetings attended"), PERSON, "meetings.Meeting")
def meeting_attendance(people: list[Staff], start: date, end: date) -> dict[int, Figure]:
    """Of the meetings held at the posts a person was assigned to on the day, those they attended."""
    posts: dict[int, list[tuple[int, date, date | None]]] = defaultdict(list)
    for staff_id, post_id, s, e in (
        Assignment.objects.filter(staff__in=people, post__isnull=False, starts_on__lte=end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=start))
        .values_list("staff_id", "post_id", "starts_on", "ends_on")
    ):
        posts[post_id].append((staff_id, s, e))
    meetings = Meeting.objects.filter(post_id__in=posts, day__gte=start, day__lte=end).prefetch_related(
        "attendees"
    )
    rows = []
    for m in meetings:
        present = {a.pk for a in m.attendees.all()}
        for staff_id, s, e in posts[m.post_id]:
            if s <= m.day and (e is None or m.day < e):
                rows.append((staff_id, m.pk, staff_id in present))
    return _rate(rows)


@register("action_items_on_time", _("meeting action items done on time"), PERSON, "meetings.ActionItem")
def action_items_on_time(people: list[Staff], start: date, end: date) -> dict[int, Figure]:
    """Work assigned to a person at a meeting and due in the period: done by its deadline or not.
    Keyed by staff member, so it measures people with no login too."""
    since, until = window(start, end)
    rows = ActionItem.objects.filter(owner__in=people, deadline__gte=since, deadline__lt=until)
    return _rate(
        (owner, pk, done is not None and done <= deadline)
        for pk, owner, done, deadline in rows.values_list("pk", "owner_id", "done_at", "deadline")
    )


# party


@register("party_activities", _("party activities attended"), PERSON, "party.Activity")
def party_activities(people: list[Staff], start: date, end: date) -> dict[int, Figure]:
    """Of the activities held by the organisations a person belongs to, those they attended."""
    members = PartyMember.objects.filter(staff__in=people).values_list("pk", "staff_id", "organisation_id")
    by_org: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for member_id, staff_id, org_id in members:
        by_org[org_id].append((member_id, staff_id))
    activities = Activity.objects.filter(organisation_id__in=by_org, held_on__gte=start, held_on__lte=end)
    rows = []
    for a in activities.prefetch_related("attendees"):
        present = {m.pk for m in a.attendees.all()}
        for member_id, staff_id in by_org[a.organisation_id]:
            rows.append((staff_id, a.pk, member_id in present))
    return _rate(rows)


# reporting (stations)


@register(
    "reports_on_time", _("reports on time (not late, missed or concealed)"), STATION, "reporting.Report"
)
def reports_on_time(stations: list[Post], start: date, end: date) -> dict[int, Figure]:
    """Every report a station owes in the period, counting the missed ones the chain found; one with
    a late, missed or concealed finding (not dismissed) is not on time."""
    since, until = window(start, end)
    owed = Report.objects.filter(
        post__in=stations, reported_at__gte=since, reported_at__lt=until
    ).values_list("pk", "post_id")
    bad = set(
        TimelinessFinding.objects.filter(report__post__in=stations, kind__in=["late", "missed", "concealed"])
        .exclude(status=FindingStatus.DISMISSED)
        .values_list("report_id", flat=True)
    )
    return _rate((post_id, pk, pk not in bad) for pk, post_id in owed)


@register(
    "reports_late_missed_concealed",
    _("late, missed and concealed reports"),
    STATION,
    "reporting.TimelinessFinding",
    penalty=True,
)
def reports_late_missed_concealed(stations: list[Post], start: date, end: date) -> dict[int, Figure]:
    """Confirmed findings against the station: each costs points, down to none at the target."""
    since, until = window(start, end)
    rows = TimelinessFinding.objects.filter(
        post__in=stations, occurred_at__gte=since, occurred_at__lt=until, status=FindingStatus.CONFIRMED
    ).values_list("post_id", "pk")
    figures = _count(rows)
    for f in figures.values():
        f.against = list(f.ids)
    return figures


@register("orders_acknowledged", _("orders acknowledged in time"), STATION, "reporting.Acknowledgement")
def orders_acknowledged(stations: list[Post], start: date, end: date) -> dict[int, Figure]:
    since, until = window(start, end)
    rows = Acknowledgement.objects.filter(
        post__in=stations, order__issued_at__gte=since, order__issued_at__lt=until
    ).values_list("pk", "post_id", "acknowledged_at", "order__ack_deadline")
    return _rate((post_id, pk, at is not None and at <= deadline) for pk, post_id, at, deadline in rows)


@register("meetings_held", _("daily meetings held (morning and evening)"), STATION, "meetings.Meeting")
def meetings_held(stations: list[Post], start: date, end: date) -> dict[int, Figure]:
    days = (end - start).days + 1
    out = {s.pk: Figure(numerator=0, denominator=2 * days) for s in stations}
    for pk, post_id in Meeting.objects.filter(post__in=stations, day__gte=start, day__lte=end).values_list(
        "pk", "post_id"
    ):
        out[post_id].numerator += 1
        out[post_id].ids.append(str(pk))
    return out
