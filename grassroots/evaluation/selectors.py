"""Reads of assessment. Superiors (a station or above) read within their scope; anyone else reads
only their own records: their scores, honours, nominations, accountability and candidacies."""

from typing import TypeVar

from django.db.models import Case, Model, Q, QuerySet, When

from grassroots.core.models import AnyUser, User
from grassroots.core.scope import role_at_least, scope_q, scoped
from grassroots.people.models import Staff
from grassroots.places.models import Area

from .indicators import RATER_INDICATORS, REGISTRY, Indicator
from .models import (
    MEASURED_TOO_LITTLE,
    Accountability,
    AssessmentPeriod,
    Honour,
    Nomination,
    Rating,
    Scheme,
    Score,
    SelectionCandidate,
)
from .traces import DESCRIBERS, VERDICTS, Trace, meetings_not_held, traces

M = TypeVar("M", bound=Model)


def _visible(qs: QuerySet[M], user: AnyUser, person_field: str = "person") -> QuerySet[M]:
    if not user.is_authenticated:
        return qs.none()
    own = Q(**{f"{person_field}__user": user})
    if role_at_least(user, "station"):
        return qs.filter(scope_q(user, "area__path") | own)
    return qs.filter(own)


def periods(*, user: AnyUser) -> QuerySet[AssessmentPeriod]:
    """Periods over an area the user sees, or over which the user sees a part, or holds a score in."""
    if not user.is_authenticated:
        return AssessmentPeriod.objects.none()
    mine = Score.objects.filter(person__user=user).values("period")
    inside = AssessmentPeriod.objects.filter(scope_q(user, "area__path"))
    # A station or community sees the district's period, restricted below to its own part.
    above = [
        p.pk
        for p in AssessmentPeriod.objects.select_related("area")
        if role_at_least(user, "station") and _sees_part(user, p.area)
    ]
    return AssessmentPeriod.objects.filter(
        Q(pk__in=inside.values("pk")) | Q(pk__in=mine) | Q(pk__in=above)
    ).select_related("area", "scheme")


def _sees_part(user: AnyUser, area: Area) -> bool:
    return Area.objects.filter(scope_q(user, "path"), path__startswith=area.path).exists()


def ranking(
    *, user: AnyUser, period: AssessmentPeriod, area: Area | None = None, stations: bool = False
) -> QuerySet[Score]:
    """Highest first, those whose score rests on too little of the scheme after all the others."""
    scores = _visible(period.scores.all(), user)
    scores = scores.filter(post__isnull=False) if stations else scores.filter(person__isnull=False)
    if area is not None:
        scores = scores.filter(area__path__startswith=area.path)
    return (
        scores.select_related("person", "post", "area")
        .alias(too_little=Case(When(MEASURED_TOO_LITTLE, then=1), default=0))
        .order_by("too_little", "-total", "id")
    )


def may_export(*, user: AnyUser) -> bool:
    """The ranking workbook is for superiors (a station or above), who read others' scores; anyone
    else reads only their own, on the page."""
    return role_at_least(user, "station")


def score_get(*, user: AnyUser, score_id: int) -> Score | None:
    return (
        _visible(Score.objects.select_related("period", "person", "post", "area"), user)
        .filter(pk=score_id)
        .first()
    )


def score_records(score: Score, code: str) -> tuple[Indicator | None, list[Trace], bool]:
    """The records behind one indicator of a score, as stored with it, those that counted against
    the subject first: (the indicator, the records, whether for and against had to be judged from
    the records as they are now, for a score computed before it was stored)."""
    line = score.indicators.get(code)
    if line is None or code not in REGISTRY or line["model"] not in DESCRIBERS:
        return None, [], False
    ind, judged_now = REGISTRY[code], False
    against: set[str] | None = None
    if code in VERDICTS:
        if "against" in line or code == "meetings_held":
            against = set(line.get("against", []))
        else:
            against, judged_now = _against_now(score, ind, line["ids"]), True
    rows = traces(code, line["model"], line["ids"], against)
    if code == "meetings_held" and score.post is not None:
        period = score.period
        rows = meetings_not_held(score.post.name, period.starts_on, period.ends_on, line["ids"]) + rows
    return ind, rows, judged_now


def _against_now(score: Score, ind: Indicator, ids: list[str]) -> set[str]:
    """Which of `ids` count against the subject, by the indicator's own rule over today's records."""
    assert ind.compute is not None
    subject = score.subject
    figure = ind.compute([subject], score.period.starts_on, score.period.ends_on).get(subject.pk)
    return set(figure.against) & set(ids) if figure else set()


def honours(*, user: AnyUser) -> QuerySet[Honour]:
    return _visible(Honour.objects.select_related("person", "period", "area"), user)


def nominations(*, user: AnyUser, period: AssessmentPeriod | None = None) -> QuerySet[Nomination]:
    qs = _visible(Nomination.objects.select_related("person", "period", "area", "nominated_by"), user)
    return qs.filter(period=period) if period else qs


def accountabilities(*, user: AnyUser) -> QuerySet[Accountability]:
    return _visible(
        Accountability.objects.select_related("person", "post", "area", "finding__report__area"), user
    )


def candidates(*, user: AnyUser, period: AssessmentPeriod) -> QuerySet[SelectionCandidate]:
    return _visible(period.candidates.select_related("person", "area", "reviewer"), user).order_by(
        "-score", "id"
    )


def candidate_get(*, user: AnyUser, candidate_id: int) -> SelectionCandidate | None:
    return (
        _visible(SelectionCandidate.objects.select_related("person", "area"), user)
        .filter(pk=candidate_id)
        .first()
    )


def ranking_of(*, user: AnyUser) -> QuerySet[Score]:
    """The user's own scores, newest period first."""
    if not user.is_authenticated:
        return Score.objects.none()
    return Score.objects.filter(person__user=user).select_related("period").order_by("-period__starts_on")


def child_areas(*, user: AnyUser, period: AssessmentPeriod, area: Area | None) -> QuerySet[Area]:
    """Where to drill down in a ranking: the children of the chosen area (or of the period's),
    those the user sees."""
    parent = area or period.area
    return Area.objects.filter(scope_q(user, "path"), parent=parent).order_by("code", "pk")


def schemes(*, user: AnyUser) -> QuerySet[Scheme]:
    """The schemes kept for an area the user sees (a district's organisation department)."""
    return scoped(Scheme.objects.select_related("area"), user).prefetch_related("indicators")


def rater_codes(*, user: AnyUser) -> list[str]:
    """The rater indicators this user may enter: the community's rating from the community or above,
    conduct and the commander's rating from a station or above (the rules of `rating_record`)."""
    if not role_at_least(user, "station"):
        return []
    return [c for c in RATER_INDICATORS if c != "community_rating" or role_at_least(user, "community")]


def rateable_people(
    *, user: AnyUser, period: AssessmentPeriod, area: Area | None = None, q: str = ""
) -> QuerySet[Staff]:
    """The people assessed in the period whom the user may rate: in their scope, never themselves."""
    if not isinstance(user, User) or not rater_codes(user=user):
        return Staff.objects.none()
    people = scoped(Staff.objects.filter(area__path__startswith=period.area.path), user).exclude(user=user)
    if area is not None:
        people = people.filter(area__path__startswith=area.path)
    if q.strip():
        people = people.filter(name__icontains=q.strip())
    return people.select_related("area").order_by("area__path", "name", "pk")


def ratings_by(*, user: AnyUser, period: AssessmentPeriod) -> dict[tuple[int, str], Rating]:
    """The marks this user has given in the period, by (person, indicator)."""
    if not user.is_authenticated:
        return {}
    return {(r.person_id, r.code): r for r in Rating.objects.filter(period=period, rater=user)}
