"""Reads of the instructor programme, always through area scope or the programme roles."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncQuarter
from django.http import Http404
from django.utils import timezone

from grassroots.core.models import AccessGrant, AnyUser
from grassroots.core.subqueries import counted
from grassroots.places.models import Area, AreaKind

from .models import (
    Assessment,
    Call,
    CallStatus,
    DispatchMeeting,
    Instructor,
    Matching,
    MatchingStatus,
    Status,
    TrainingKind,
    TrainingSession,
    UnitReview,
    VillageNeed,
    WorkLog,
)
from .roles import calls_q, instructors_q, villages_q, whole_call_q


def calls_for(user: AnyUser) -> QuerySet[Call]:
    # Each count its own subquery: counted over the joined villages × candidates, a call's rows were
    # their product.
    return (
        Call.objects.filter(calls_q(user))
        .select_related("area")
        .annotate(
            n_villages=counted(Call.villages.through.objects.filter(call=OuterRef("pk"))),
            n_candidates=counted(Instructor.objects.filter(call=OuterRef("pk"))),
        )
        .order_by("-opens_on", "-id")
    )


def call_or_404(user: AnyUser, call_id: int) -> Call:
    call = calls_for(user).filter(pk=call_id).first()
    if call is None:
        raise Http404
    return call


def open_calls() -> QuerySet[Call]:
    """Calls taking applications today: announced to every logged-in user, since anyone may nominate
    themselves. Only the name, county and dates are shown from them."""
    today = timezone.localdate()
    return Call.objects.filter(
        status=CallStatus.OPEN, opens_on__lte=today, closes_on__gte=today
    ).select_related("area")


def call_or_404_for_applicant(user: AnyUser, call_id: int) -> Call:
    reachable = Q(pk__in=Call.objects.filter(calls_q(user)).values("pk")) | Q(
        pk__in=open_calls().values("pk")
    )
    call = Call.objects.filter(reachable, pk=call_id).select_related("area").first()
    if call is None or not user.is_authenticated:
        raise Http404
    return call


def served_elsewhere(
    *, serves_from: date, serves_until: date, village_ids: list[int], exclude_call: Call | None = None
) -> list[Instructor]:
    """Serving instructors of other calls whose service overlaps these dates, in these villages: a
    village has one instructor at a time (the seed's 144 instructors for 144 villages)."""
    found = Instructor.objects.filter(
        status=Status.APPROVED,
        village_id__in=village_ids,
        call__serves_from__lte=serves_until,
        call__serves_until__gte=serves_from,
    )
    if exclude_call is not None:
        found = found.exclude(call=exclude_call)
    return list(found.select_related("village", "call").order_by("village__path"))


# Candidates still in the selection when their call is finished: waiting for a step, or approved and
# placed nowhere. Finishing marks them not selected.
STILL_WAITING = (Status.APPLIED, Status.RECOMMENDED, Status.APPROVED)


@dataclass
class Closing:
    """What finishing a call settles: who serves, which villages nobody serves, who is still waiting."""

    matched: int
    unfilled: list[Area]
    waiting: list[Instructor]
    proposals: int


def call_closing(call: Call) -> Closing:
    """The call as finishing it would leave it (and, once finished, as it stands: a village whose
    instructor left since is listed unfilled, for a supplementary call to cover)."""
    serving = call.instructors.filter(status=Status.APPROVED, village__isnull=False)
    served = set(serving.values_list("village_id", flat=True))
    return Closing(
        matched=len(served),
        unfilled=[v for v in call.villages.select_related("parent").order_by("path") if v.pk not in served],
        waiting=list(
            call.instructors.filter(status__in=STILL_WAITING, village__isnull=True)
            .select_related("user", "call")
            .order_by("pk")
        ),
        proposals=call.matchings.filter(status=MatchingStatus.PROPOSED).count(),
    )


def covering_calls(user: AnyUser, call: Call, villages: list[Area]) -> dict[int, list[Call]]:
    """Village id → the other calls the user sees still selecting for that village (a supplementary call)."""
    found: dict[int, list[Call]] = defaultdict(list)
    others = (
        Call.objects.filter(
            Q(pk__in=Call.objects.filter(calls_q(user)).values("pk")) | Q(pk__in=open_calls().values("pk"))
        )
        .filter(villages__in=villages)
        .exclude(pk=call.pk)
        .exclude(status=CallStatus.FINISHED)
        .annotate(covers=F("villages__id"))
        .order_by("opens_on", "pk")
        .distinct()
    )
    for other in others:
        found[other.covers].append(other)  # type: ignore[attr-defined]
    return found


def instructors_for(
    user: AnyUser, call: Call | None = None, status: str = "", q: str = ""
) -> QuerySet[Instructor]:
    qs = Instructor.objects.filter(instructors_q(user)).select_related(
        "department", "village", "township", "call"
    )
    if call is not None:
        qs = qs.filter(call=call)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(post__contains=q) | Q(department__name__contains=q))
    return qs.distinct()


def instructor_or_404(user: AnyUser, instructor_id: int) -> Instructor:
    found = instructors_for(user).filter(pk=instructor_id).first()
    if found is None:
        raise Http404
    return found


def my_applications(user: AnyUser) -> QuerySet[Instructor]:
    if not user.is_authenticated:
        return Instructor.objects.none()
    return Instructor.objects.filter(user=user).select_related("call", "village").prefetch_related("steps")


def cadre_village_ids(user: AnyUser) -> QuerySet[AccessGrant, int]:
    """The villages the user is a cadre of (an area grant on the village itself)."""
    if not user.is_authenticated:
        return AccessGrant.objects.none().values_list("area_id", flat=True)
    return AccessGrant.objects.filter(user=user, area__kind=AreaKind.VILLAGE).values_list(
        "area_id", flat=True
    )


def taking_applications(call: Call) -> bool:
    """True while the call takes applications today."""
    return call.status == CallStatus.OPEN and call.opens_on <= timezone.localdate() <= call.closes_on


def needs_for(user: AnyUser, call: Call) -> QuerySet[VillageNeed]:
    return VillageNeed.objects.filter(villages_q(user), call=call).select_related("village__parent")


def need_or_404(user: AnyUser, need_id: int) -> VillageNeed:
    need = (
        VillageNeed.objects.filter(villages_q(user), pk=need_id)
        .select_related("village", "call__area")
        .first()
    )
    if need is None:
        raise Http404
    return need


def matchings_for(user: AnyUser, call: Call) -> QuerySet[Matching]:
    """A call's proposals: whole-call results, for those who see the whole call."""
    if not Call.objects.filter(whole_call_q(user), pk=call.pk).exists():
        return Matching.objects.none()
    return Matching.objects.filter(call=call).select_related(
        "created_by__staff", "decided_by__staff", "superseded_by"
    )


def matching_or_404(user: AnyUser, matching_id: int) -> Matching:
    matching = (
        Matching.objects.select_related("call__area", "created_by__staff", "decided_by__staff")
        .filter(pk=matching_id)
        .first()
    )
    if matching is None or not matchings_for(user, matching.call).filter(pk=matching.pk).exists():
        raise Http404
    return matching


def month_summary(instructor: Instructor, month: date) -> dict[str, int]:
    """A month of one instructor's logs: days logged, villages, problems raised."""
    first = month.replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    logs = WorkLog.objects.filter(instructor=instructor, day__gte=first, day__lt=nxt)
    return {
        "log_days": logs.values("day").distinct().count(),
        "villages": logs.values("village").distinct().count(),
        "problems": logs.exclude(problems="").count(),
    }


def missing_logs(user: AnyUser, call: Call, since: date, until: date) -> list[tuple[Area, list[Instructor]]]:
    """Per township, serving instructors the user sees who logged nothing between the two dates."""
    serving = instructors_for(user, call, status=Status.APPROVED).filter(village__isnull=False)
    logged = set(
        WorkLog.objects.filter(instructor__in=serving, day__gte=since, day__lte=until).values_list(
            "instructor_id", flat=True
        )
    )
    by_township: dict[int, list[Instructor]] = defaultdict(list)
    for i in serving.select_related("village__parent").order_by("village__path"):
        if i.pk not in logged and i.village is not None:
            by_township[i.village.parent_id or 0].append(i)
    townships = {a.pk: a for a in Area.objects.filter(pk__in=by_township)}
    return [
        (townships[t], people)
        for t, people in sorted(by_township.items(), key=lambda kv: townships[kv[0]].path)
    ]


def my_instructor(user: AnyUser) -> Instructor | None:
    """The user's serving instructor record, if any (the latest call)."""
    if not user.is_authenticated:
        return None
    return (
        Instructor.objects.filter(user=user, status=Status.APPROVED, village__isnull=False)
        .select_related("village", "call__area")
        .order_by("-call__opens_on")
        .first()
    )


def my_logs(instructor: Instructor) -> QuerySet[WorkLog]:
    return WorkLog.objects.filter(instructor=instructor).select_related("village")[:30]


def training_for(call: Call) -> QuerySet[TrainingSession]:
    return TrainingSession.objects.filter(call=call).annotate(n_attended=Count("attendees"))


def training_totals(call: Call, period: str = "quarter") -> dict[str, Any]:
    """Sessions and attendances per period (month or quarter) and in all, by kind."""
    trunc = TruncMonth if period == "month" else TruncQuarter
    rows = (
        TrainingSession.objects.filter(call=call)
        .annotate(period=trunc("held_on"))
        .values("period", "kind")
        .annotate(sessions=Count("id", distinct=True), attendances=Count("attendees"))
        .order_by("period", "kind")
    )
    sessions = TrainingSession.objects.filter(call=call)
    return {
        "rows": [{**r, "kind_label": TrainingKind(r["kind"]).label} for r in rows],
        "sessions": sessions.count(),
        "attendances": TrainingSession.attendees.through.objects.filter(trainingsession__call=call).count(),
        "hours": sum(s.hours for s in sessions),
    }


def meetings_for(user: AnyUser, call: Call) -> QuerySet[DispatchMeeting]:
    return (
        DispatchMeeting.objects.filter(villages_q(user, "township__path"), call=call)
        .select_related("township")
        .annotate(n_reporters=Count("reporters"))
    )


def reviews_for(user: AnyUser, call: Call) -> QuerySet[UnitReview]:
    visible = instructors_for(user, call).values("pk")
    return (
        UnitReview.objects.filter(instructor__in=visible)
        .select_related("instructor__department", "by")
        .order_by("-month", "instructor__name", "pk")
    )


def townships_of(call: Call) -> QuerySet[Area]:
    return (
        Area.objects.filter(kind=AreaKind.TOWNSHIP, children__instructor_calls=call)
        .distinct()
        .order_by("path")
    )


def assessments_for(
    user: AnyUser, call: Call, year: int, township: Area | None = None, quarter: int = 0
) -> QuerySet[Assessment]:
    """The annual assessments of a year (quarter 0), or the day-to-day ones of one quarter."""
    visible = instructors_for(user, call).values("pk")
    period = Assessment.Period.QUARTER if quarter else Assessment.Period.YEAR
    qs = Assessment.objects.filter(
        instructor__in=visible, year=year, period=period, quarter=quarter
    ).select_related("instructor__village__parent", "instructor__department")
    if township is not None:
        qs = qs.filter(instructor__village__path__startswith=township.path)
    return qs.order_by("instructor__village__path")


def assessment_or_404(user: AnyUser, assessment_id: int) -> Assessment:
    found = (
        Assessment.objects.filter(instructor__in=Instructor.objects.filter(instructors_q(user)).values("pk"))
        .select_related("instructor__village", "instructor__call")
        .filter(pk=assessment_id)
        .first()
    )
    if found is None:
        raise Http404
    return found
