"""One closed assessment period over 铁东区: the scheme, ratings, scores traced to the other rooms'
demo records, honours from approved nominations, accountability from the reporting chain's
confirmed findings and by hand, and a selection pool. Runs last: it reads every other room's data."""

from datetime import timedelta

from django.utils import timezone

from grassroots.core.models import User
from grassroots.evaluation import services
from grassroots.evaluation.models import AssessmentPeriod, Rating
from grassroots.evaluation.selectors import ranking
from grassroots.people.models import Staff
from grassroots.reporting.models import FindingKind, FindingStatus, TimelinessFinding
from grassroots.reporting.services import finding_review
from grassroots.residents.bulk import insert_rows

from .context import DemoContext

# (indicator, weight, target for counts): the district's 考核办法.
SCHEME = [
    ("visits_done", 10, 30),
    ("visits_verified", 8, None),
    ("care_contacts_on_time", 8, None),
    ("requests_on_time", 10, None),
    ("request_ratings", 6, None),
    ("green_channel_in_time", 8, None),
    ("tasks_claimed", 4, 5),
    ("tasks_completed", 4, None),
    ("shifts_kept", 6, None),
    ("meeting_attendance", 6, None),
    ("party_activities", 4, None),
    ("conduct", 10, None),
    ("commander_rating", 10, None),
    ("community_rating", 6, None),
    ("reports_on_time", 10, None),
    ("reports_late_missed_concealed", 10, 3),
    ("orders_acknowledged", 10, None),
    ("meetings_held", 10, None),
]


def build(ctx: DemoContext) -> None:
    rng = ctx.rng
    users: dict[str, User] = ctx.extra["users"]
    hq, station, community = users["district"], users["station"], users["community"]
    admin = User.objects.get(username="admin")
    district = ctx.require("district")
    today = timezone.localdate()

    scheme = services.scheme_create(by=hq, area=district, name="铁东区下沉干部考核办法", lines=SCHEME)
    period = services.period_open(
        by=hq,
        name=f"{(today - timedelta(days=1)):%Y年%m月}考核",
        kind="month",
        starts_on=today - timedelta(days=30),
        ends_on=today - timedelta(days=1),
        area=district,
        scheme=scheme,
    )

    # The first compound's commander and the first community rate the people they answer for.
    for person in Staff.objects.filter(area=ctx.compounds[0]).exclude(user=station).order_by("pk"):
        for code in ("conduct", "commander_rating"):
            services.rating_record(
                by=station, period=period, person=person, code=code, value=rng.randint(70, 98)
            )
    for person in Staff.objects.filter(area__path__startswith=ctx.communities[0].path).exclude(
        user=community
    ):
        services.rating_record(
            by=community, period=period, person=person, code="community_rating", value=rng.randint(65, 98)
        )

    _ratings(ctx, period)

    # Accountability the reporting chain asks for: the district confirms the late reports it found
    # (the other findings stay open for review), and one record is opened by hand.
    for finding in TimelinessFinding.objects.filter(
        kind=FindingKind.LATE,
        status=FindingStatus.OPEN,
        commander__isnull=False,
        area__path__startswith=district.path,
    ).order_by("pk"):
        finding_review(by=hq, finding=finding, confirm=True, reason="经核实，报告超过时限")
    chain = services.accountability_from_confirmed_findings(by=hq, area=district)
    for record in chain[:1]:
        services.accountability_decide(by=hq, record=record, confirm=True, reason="迟报属实，未说明正当理由")
        services.accountability_set_outcome(by=admin, record=record, outcome="criticism")
    cadre = Staff.objects.filter(user=station).first()
    if cadre is not None:
        record = services.accountability_open(
            by=community,
            person=cadre,
            period=period,
            title="晚间例会未按时召开",
            evidence="11月12日晚间例会推迟两小时召开，未向社区报备。",
        )
        services.accountability_reply(by=station, record=record, reply="当晚转运隔离人员，例会顺延，已补报。")

    services.period_close(by=hq, period=period)

    # 评优: the first of each street's ranking nominated (as its page ranks them: a score resting on
    # too little of the scheme after the rest); all but the last approved.
    nominations = []
    for street in ctx.streets:
        best = ranking(user=hq, period=period, area=street).first()
        if best is not None and best.person is not None:
            nominations.append(
                services.nomination_create(
                    by=hq,
                    period=period,
                    person=best.person,
                    title="优秀下沉干部",
                    reason="考核成绩街道第一，群众评价好",
                )
            )
    for nomination in nominations[:-1]:
        services.nomination_decide(by=admin, nomination=nomination, approve=True)

    # 干部选拔: the pool, two reviewed.
    pool = services.selection_pool_build(by=hq, period=period, area=district, size=10)
    for candidate, recommend in zip(pool[:2], (True, False), strict=False):
        services.selection_decide(
            by=admin,
            candidate=candidate,
            recommend=recommend,
            reason="考核优秀、群众认可，推荐提拔使用" if recommend else "任职年限不足，继续培养",
        )
    ctx.extra["assessment_period"] = period


def _ratings(ctx: DemoContext, period: AssessmentPeriod) -> None:
    """Everyone else is rated for the month as rating_record allows, nobody by themselves: conduct and
    the commander's rating by their station's office; the community's rating by their community's
    desk, which also gives the other two to its own people and to whoever holds a station's office; a
    street's people by its desk, the district's by its HQ. Written at once: 8,000 marks one by one
    through the service would take longer than the rest of the demo."""
    rng = ctx.rng
    stations: dict[int, User] = ctx.extra.get("station_offices", {})
    desks: dict[int, User] = {
        **ctx.extra.get("desks", {}),
        ctx.require("district").pk: ctx.extra["users"]["district"],
    }
    compounds = {c.pk: c for c in ctx.compounds}
    rated = set(Rating.objects.filter(period=period).values_list("person_id", "code"))
    now = timezone.now()
    rows = []
    people = Staff.objects.filter(area__path__startswith=ctx.require("district").path)
    for person, area, login in people.order_by("pk").values_list("pk", "area_id", "user_id"):
        compound = compounds.get(area)
        desk = desks.get(compound.parent_id if compound else area)  # type: ignore[arg-type]
        station = stations.get(area)
        superior = station if station is not None and station.pk != login else desk
        for code, rater in (
            ("conduct", superior),
            ("commander_rating", superior),
            ("community_rating", desk),
        ):
            if rater is not None and (person, code) not in rated:
                rows.append((period.pk, code, person, area, rater.pk, rng.randint(65, 98), "", now))
    insert_rows(Rating, ["period", "code", "person", "area", "rater", "value", "note", "rated_at"], rows)
