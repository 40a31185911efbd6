"""What each record behind a score's figure says, for the page that traces it: when, where in full,
what it was, and whether it counted for the subject or against them (a meeting missed, a request
done late). One small describer per kind of record, each loading its rows in one query."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from grassroots.deployment.models import Shift
from grassroots.meetings.models import ActionItem, Meeting, MeetingKind
from grassroots.party.models import Activity
from grassroots.places.models import Area, AreaKind
from grassroots.reporting.models import Acknowledgement, Report, TimelinessFinding
from grassroots.residents.models import CareContact, Visit
from grassroots.services.models import Claim, Request

from .models import Rating


@dataclass
class Trace:
    when: datetime  # for ordering; `when_said` is what the page shows
    when_said: str
    what: str
    where: str
    against: bool | None  # None: the record neither counts for nor against (a count, a mark)
    verdict: str = ""


# How a record that counted for, or against, the subject is said, for the indicators that judge each
# record (counts, residents' stars and raters' marks judge none). In a context of their own: other
# rooms translate some of these words as field names ("completed": 完成时间).
VERDICTS: dict[str, tuple[Promise, Promise]] = {
    "visits_verified": (pgettext_lazy("verdict", "verified"), pgettext_lazy("verdict", "not verified")),
    "care_contacts_on_time": (pgettext_lazy("verdict", "on time"), pgettext_lazy("verdict", "late")),
    "requests_on_time": (pgettext_lazy("verdict", "on time"), pgettext_lazy("verdict", "late")),
    "green_channel_in_time": (
        pgettext_lazy("verdict", "accepted in time"),
        pgettext_lazy("verdict", "accepted late"),
    ),
    "tasks_completed": (pgettext_lazy("verdict", "completed"), pgettext_lazy("verdict", "not completed")),
    "shifts_kept": (pgettext_lazy("verdict", "kept"), pgettext_lazy("verdict", "on leave")),
    "meeting_attendance": (pgettext_lazy("verdict", "attended"), pgettext_lazy("verdict", "missed")),
    "action_items_on_time": (
        pgettext_lazy("verdict", "done on time"),
        pgettext_lazy("verdict", "not done on time"),
    ),
    "party_activities": (pgettext_lazy("verdict", "attended"), pgettext_lazy("verdict", "missed")),
    "reports_on_time": (
        pgettext_lazy("verdict", "on time"),
        pgettext_lazy("verdict", "late, missed or concealed"),
    ),
    "reports_late_missed_concealed": (
        pgettext_lazy("verdict", "counted"),
        pgettext_lazy("verdict", "costs points"),
    ),
    "orders_acknowledged": (
        pgettext_lazy("verdict", "acknowledged in time"),
        pgettext_lazy("verdict", "not acknowledged in time"),
    ),
    "meetings_held": (pgettext_lazy("verdict", "held"), pgettext_lazy("verdict", "not held")),
}

Row = tuple[str, datetime | date, str, str]  # record id, when, what, where
Describer = Callable[[str, list[str]], Iterable[Row]]


def _moment(when: datetime | date) -> datetime:
    if isinstance(when, datetime):
        return when
    return datetime.combine(when, time.min, tzinfo=timezone.get_current_timezone())


def _said(when: datetime | date) -> str:
    if isinstance(when, datetime):
        return f"{timezone.localtime(when):%Y-%m-%d %H:%M}"
    return f"{when:%Y-%m-%d}"


def place(area: Area, room: str = "") -> str:
    """A household's or a record's place in full, from its compound down: 幸福小区 3号楼 1单元 102.
    The area's parents must be loaded with it (select_related)."""
    names = []
    at: Area | None = area
    while at is not None and at.kind in (AreaKind.UNIT, AreaKind.BUILDING, AreaKind.COMPOUND):
        names.append(at.name)
        at = at.parent
    names.reverse()
    return " ".join([*(names or [area.name]), *([room] if room else [])])


def _visits(code: str, ids: list[str]) -> Iterator[Row]:
    for v in Visit.objects.filter(pk__in=ids).select_related("household__area__parent__parent"):
        yield str(v.pk), v.visited_at, v.get_outcome_display(), place(v.household.area, v.household.room)


def _care_contacts(code: str, ids: list[str]) -> Iterator[Row]:
    for c in CareContact.objects.filter(pk__in=ids).select_related("pair__resident"):
        yield str(c.pk), c.contacted_at, c.get_channel_display(), c.pair.resident.name


def _requests(code: str, ids: list[str]) -> Iterator[Row]:
    for r in Request.objects.filter(pk__in=ids).select_related("area__parent__parent"):
        when = (r.accepted_at if code == "green_channel_in_time" else r.done_at) or r.created_at
        what = f"{r.reference} · {r.get_category_display()}"
        if code == "request_ratings" and r.rating is not None:
            what += " · " + _("%(n)s of 5 stars") % {"n": r.rating}
        yield str(r.pk), when, what, place(r.area, r.room)


def _claims(code: str, ids: list[str]) -> Iterator[Row]:
    for c in Claim.objects.filter(pk__in=ids).select_related("task__area"):
        yield str(c.pk), c.claimed_at, c.task.title, c.task.area.name


def _shifts(code: str, ids: list[str]) -> Iterator[Row]:
    for s in Shift.objects.filter(pk__in=ids).select_related("rota__post"):
        yield str(s.pk), s.day, s.get_slot_display(), s.rota.post.name


def _meetings(code: str, ids: list[str]) -> Iterator[Row]:
    for m in Meeting.objects.filter(pk__in=ids).select_related("post"):
        yield str(m.pk), m.day, m.get_kind_display(), m.post.name


def _action_items(code: str, ids: list[str]) -> Iterator[Row]:
    for a in ActionItem.objects.filter(pk__in=ids).select_related("meeting__post"):
        yield str(a.pk), a.deadline, a.title, a.meeting.post.name


def _activities(code: str, ids: list[str]) -> Iterator[Row]:
    for a in Activity.objects.filter(pk__in=ids).select_related("organisation"):
        yield str(a.pk), a.held_on, f"{a.title} · {a.get_kind_display()}", a.organisation.name


def _reports(code: str, ids: list[str]) -> Iterator[Row]:
    for r in Report.objects.filter(pk__in=ids).select_related("area"):
        yield str(r.pk), r.reported_at, r.get_category_display(), r.area.name


def _findings(code: str, ids: list[str]) -> Iterator[Row]:
    for f in TimelinessFinding.objects.filter(pk__in=ids).select_related("report", "area"):
        yield (
            str(f.pk),
            f.occurred_at,
            f"{f.get_kind_display()} · {f.report.get_category_display()}",
            f.area.name,
        )


def _acknowledgements(code: str, ids: list[str]) -> Iterator[Row]:
    for a in Acknowledgement.objects.filter(pk__in=ids).select_related("order", "post"):
        yield str(a.pk), a.order.issued_at, a.order.title, a.post.name


def _ratings(code: str, ids: list[str]) -> Iterator[Row]:
    # The rater is not named: a mark is given in confidence.
    for r in Rating.objects.filter(pk__in=ids):
        mark = _("mark %(value)s") % {"value": r.value}
        yield str(r.pk), r.rated_at, f"{r.get_code_display()} · {mark}", ""


DESCRIBERS: dict[str, Describer] = {
    "residents.Visit": _visits,
    "residents.CareContact": _care_contacts,
    "services.Request": _requests,
    "services.Claim": _claims,
    "deployment.Shift": _shifts,
    "meetings.Meeting": _meetings,
    "meetings.ActionItem": _action_items,
    "party.Activity": _activities,
    "reporting.Report": _reports,
    "reporting.TimelinessFinding": _findings,
    "reporting.Acknowledgement": _acknowledgements,
    "evaluation.Rating": _ratings,
}


def traces(code: str, model: str, ids: list[str], against: set[str] | None) -> list[Trace]:
    """The records still kept, against the subject first, then by time. `against` None: the
    indicator judges no record for or against (a count, a mark)."""
    out = []
    for pk, when, what, where in DESCRIBERS[model](code, ids):
        bad = None if against is None else pk in against
        verdict = "" if bad is None else str(VERDICTS[code][1] if bad else VERDICTS[code][0])
        out.append(Trace(_moment(when), _said(when), what, where, bad, verdict))
    return sorted(out, key=lambda t: (not t.against, t.when))


def meetings_not_held(station: str, start: date, end: date, ids: list[str]) -> list[Trace]:
    """The morning and evening meetings a station owed in the period and did not hold: they have no
    record to list, yet each counts against it."""
    held = set(Meeting.objects.filter(pk__in=ids).values_list("day", "kind"))
    not_held = str(VERDICTS["meetings_held"][1])
    missing: list[Trace] = []
    day = start
    while day <= end:
        missing.extend(
            Trace(_moment(day), _said(day), str(kind.label), station, True, not_held)
            for kind in MeetingKind
            if (day, kind.value) not in held
        )
        day += timedelta(days=1)
    return missing
