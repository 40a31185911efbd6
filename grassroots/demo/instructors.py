"""The rural instructor programme of 双辽市: a finished call with 144 instructors matched to the 144
villages, the seed's training record (5 sessions, 210 attendances), work logs, dispatch meetings,
unit reviews, villager surveys, cadre reviews and last year's assessment; then a few instructors
leaving their posts this year, and an open supplementary call (补充选派) for the villages they left;
plus logins for each programme role (password demo12345):

- `danwei`: sending unit 双辽市农业农村局; `xiangzhen`: the first township's office;
  `zijian`: a cadre with no area grant who may nominate themselves; `shuangliao` is the city committee.

The first call's record, its rules, applications, steps and needs profiles are written directly: they
happened last year, call_create is written for calls announced from now on, and the services take
applications only while a call is open today. They are written as the services write them (coded
reasons, the rules' order of steps); its matching, its finishing (call_finish: every applicant was
decided and every village placed, so nobody is marked not selected and no village is left unfilled),
training, meetings, reviews, the assessment and everything from this year go through the services.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from grassroots.core.crypto import digest
from grassroots.core.models import AccessGrant, Role, User
from grassroots.instructors.models import (
    CadreReview,
    Call,
    Decision,
    EligibilityRule,
    Field,
    Focus,
    Instructor,
    InstructorRole,
    Method,
    ReasonCode,
    RoleKind,
    SelectionStep,
    Source,
    Status,
    Step,
    SurveyAnswer,
    TrainingKind,
    VillageNeed,
    WorkLog,
)
from grassroots.instructors.selectors import served_elsewhere
from grassroots.instructors.services import call_create, call_finish
from grassroots.instructors.services_assessment import assessment_compute
from grassroots.instructors.services_matching import instructor_leave, matching_decide, matching_propose
from grassroots.instructors.services_work import dispatch_meeting_record, training_record, unit_review_record
from grassroots.people.models import Department
from grassroots.places.models import Area

from .accounts import password_hash
from .context import DemoContext

# The seed: 5 sessions, 210 attendances (everyone at the opening theory course, groups after it).
TRAINING = [
    ("乡村振兴政策与党建业务", TrainingKind.THEORY, 144),
    ("村级组织运行实务", TrainingKind.PRACTICE, 18),
    ("产业项目谋划实务", TrainingKind.PRACTICE, 16),
    ("示范村观摩", TrainingKind.FIELD_VISIT, 16),
    ("庭院经济观摩", TrainingKind.FIELD_VISIT, 16),
]
STRENGTHS = [
    "种植合作社",
    "电商销售",
    "乡村规划",
    "人居环境整治",
    "矛盾调解",
    "文艺宣传",
    "财务管理",
    "养殖技术",
    "党务规范",
]
SPECIAL = ["电商销售", "矛盾调解", "人居环境整治", "养殖技术", "", "", ""]
DONE = [
    "走访脱贫户，了解春耕准备",
    "参加村两委会，研究集体经济项目",
    "指导党支部主题党日",
    "协调合作社对接销售渠道",
    "督导人居环境整治",
    "整理村级党建档案",
]
PROBLEMS = ["", "", "", "村集体收入来源单一", "部分党员年龄偏大", "道路维修资金缺口"]
# Why instructors left their posts this year: the supplementary call fills the villages they left.
LEAVING = [
    "工作调动，回原单位任职",
    "身体原因，不宜继续驻村",
    "提拔任用",
    "家庭原因申请调回",
    "工作调动",
    "借调市直部门",
]
EXTRA_APPLICANTS = [
    (Status.INELIGIBLE, "health"),
    (Status.INELIGIBLE, "max_age"),
    (Status.REJECTED, "unit"),
    (Status.REJECTED, "review"),
]


def build(ctx: DemoContext) -> None:
    rng = ctx.rng
    county, villages, townships = ctx.require("county"), ctx.villages, ctx.townships
    committee: User = ctx.extra["users"]["shuangliao"]
    InstructorRole.objects.create(user=committee, kind=RoleKind.CITY_COMMITTEE, area=county)
    departments = list(Department.objects.filter(area__in=[county, ctx.require("city")]).order_by("pk"))
    password = password_hash(ctx)
    units = _unit_users(departments, password)
    _role_logins(ctx, townships, departments, password)
    today = timezone.localdate()
    last_year = today.year - 1
    call = Call.objects.create(
        name="双辽市乡村振兴党建指导员选派",
        area=county,
        opens_on=date(last_year, 1, 5),
        closes_on=date(last_year, 1, 25),
        serves_from=date(last_year, 3, 1),
        serves_until=date(today.year + 1, 2, 28),
    )
    call.villages.set(villages)
    rules = {
        "political_quality": None,
        "party_member": None,
        "health": None,
        "party_work_years": 2,
        "max_age": 50,
    }
    EligibilityRule.objects.bulk_create(EligibilityRule(call=call, kind=k, value=v) for k, v in rules.items())
    _needs(ctx, call)
    _applicants(ctx, call, departments, password, committee, units, rules)
    proposal = matching_propose(by=committee, call=call, method=Method.OPTIMAL)
    matching_propose(by=committee, call=call, method=Method.STABLE_CANDIDATE)
    matching_decide(by=committee, matching=proposal, approve=True, reason="市委常委会审定")
    call, _closing = call_finish(by=committee, call=call, reason="选派工作全部完成，转入驻村管理")
    serving = list(Instructor.objects.filter(call=call, status=Status.APPROVED).select_related("village"))
    _training(ctx, call, serving, committee)
    _logs(ctx, call, serving)
    _meetings(ctx, call, serving)
    for p in rng.sample(serving, min(12, len(serving))):
        month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        unit_review_record(
            by=units[p.department_id],
            instructor=p,
            month=month,
            notes=rng.choice(["工作扎实，群众认可", "日志记录完整", "需加强产业项目谋划"]),
        )
    _surveys_and_reviews(ctx, serving, last_year, password)
    assessment_compute(by=committee, call=call, year=last_year)
    vacated = _leavers(ctx, serving, committee)
    _open_call(county, vacated, committee, today)
    ctx.extra["instructor_call"] = call


def _unit_users(departments: list[Department], password: str) -> dict[int, User]:
    users = User.objects.bulk_create(
        User(username=f"unit{d.pk}", password=password, first_name=d.name[:30]) for d in departments
    )
    InstructorRole.objects.bulk_create(
        InstructorRole(user=u, kind=RoleKind.SENDING_UNIT, department=d, area=d.area)
        for u, d in zip(users, departments, strict=True)
    )
    return {d.pk: u for u, d in zip(users, departments, strict=True)}


def _role_logins(
    ctx: DemoContext, townships: list[Area], departments: list[Department], password: str
) -> None:
    """One office login per township (the first is `xiangzhen`), `danwei` for the agriculture bureau,
    and `zijian`, a cadre with no grant at all who can still nominate themselves."""
    agri = next((d for d in departments if "农业农村" in d.name), departments[0])
    danwei = User.objects.create(username="danwei", password=password, first_name=agri.name[:30])
    InstructorRole.objects.create(user=danwei, kind=RoleKind.SENDING_UNIT, department=agri, area=agri.area)
    offices = User.objects.bulk_create(
        User(username="xiangzhen" if i == 0 else f"xz{t.code[6:9]}", password=password, first_name=t.name)
        for i, t in enumerate(townships)
    )
    InstructorRole.objects.bulk_create(
        InstructorRole(user=u, kind=RoleKind.TOWNSHIP, area=t)
        for u, t in zip(offices, townships, strict=True)
    )
    User.objects.create(
        username="zijian", password=password, first_name=ctx.fake.first_name(), last_name=ctx.fake.last_name()
    )
    ctx.extra["instructor_logins"] = {"danwei": danwei, "xiangzhen": offices[0]}
    ctx.extra["township_offices"] = {t.pk: u for u, t in zip(offices, townships, strict=True)}


def _needs(ctx: DemoContext, call: Call) -> None:
    rng = ctx.rng
    focuses = Focus.values
    VillageNeed.objects.bulk_create(
        VillageNeed(
            call=call,
            village=v,
            focus=sorted(rng.sample(focuses, rng.choice([1, 2, 2, 3]))),
            households=rng.randrange(150, 900, 10),
            distance_km=rng.randint(5, 75),
            special_needs=rng.choice(SPECIAL),
        )
        for v in ctx.villages
    )


def _applicants(
    ctx: DemoContext,
    call: Call,
    departments: list[Department],
    password: str,
    committee: User,
    units: dict[int, User],
    rules: dict[str, int | None],
) -> list[Instructor]:
    rng, fake = ctx.rng, ctx.fake
    n = len(ctx.villages)
    outcomes = [(Status.APPROVED, "")] * n + EXTRA_APPLICANTS
    users = User.objects.bulk_create(
        User(
            username=f"zdy{i + 1:03d}",
            password=password,
            first_name=fake.first_name(),
            last_name=fake.last_name(),
        )
        for i in range(len(outcomes))
    )
    fields = Field.values
    people = []
    for i, ((status, why), user) in enumerate(zip(outcomes, users, strict=True)):
        source = rng.choice([Source.DEPARTMENT] * 6 + [Source.TOWNSHIP] * 3 + [Source.SELF])
        people.append(
            Instructor(
                call=call,
                user=user,
                name=user.last_name + user.first_name,
                gender=rng.choice(["male", "male", "female"]),
                birth_date=date(1988 if why != "max_age" else 1966, 1, 1)
                + timedelta(days=rng.randint(-3650, 2500)),
                phone=f"139{43000000 + i:08d}",
                source=source,
                department=rng.choice(departments),
                township=rng.choice(ctx.townships) if source == Source.TOWNSHIP else None,
                post=rng.choice(["科员", "副科长", "科长", "主任科员", "四级主任科员"]),
                strengths="、".join(rng.sample(STRENGTHS, 2)),
                fields=sorted(rng.sample(fields, rng.choice([1, 2, 2, 3]))),
                is_party_member=True,
                political_quality_ok=True,
                health_ok=why != "health",
                party_work_years=rng.randint(2, 15),
                service_years=rng.randint(3, 25),
                status=status,
                failed_rule=why if status == Status.INELIGIBLE else "",
            )
        )
    people = Instructor.objects.bulk_create(people)
    steps = []
    for p, (_status, why) in zip(people, outcomes, strict=True):
        # The system's own reasons are codes, put into words in each reader's language (as
        # instructor_apply writes them).
        if why in ("health", "max_age"):
            steps.append(
                SelectionStep(
                    instructor=p,
                    step=Step.APPLICATION,
                    decision=Decision.INELIGIBLE,
                    code=ReasonCode.INELIGIBLE,
                    code_args={"rule": why, "value": rules[why]},
                    by=p.user,
                )
            )
            continue
        steps.append(
            SelectionStep(
                instructor=p,
                step=Step.APPLICATION,
                decision=Decision.SUBMIT,
                code=ReasonCode.ELIGIBLE,
                by=p.user,
            )
        )
        if why == "unit":
            steps.append(
                SelectionStep(
                    instructor=p,
                    step=Step.RECOMMENDATION,
                    decision=Decision.REJECT,
                    reason="本单位工作离不开",
                    by=units[p.department_id],
                )
            )
            continue
        steps.append(
            SelectionStep(
                instructor=p,
                step=Step.RECOMMENDATION,
                decision=Decision.APPROVE,
                reason="政治过硬、业务熟练",
                by=units[p.department_id],
            )
        )
        review, reason = (
            (Decision.REJECT, "综合考量暂不选派") if why == "review" else (Decision.APPROVE, "同意选派")
        )
        steps.append(
            SelectionStep(instructor=p, step=Step.REVIEW, decision=review, reason=reason, by=committee)
        )
    SelectionStep.objects.bulk_create(steps)
    return people


def _training(ctx: DemoContext, call: Call, serving: list[Instructor], committee: User) -> None:
    start = call.serves_from
    for k, (title, kind, n) in enumerate(TRAINING):
        attendees = serving if n >= len(serving) else ctx.rng.sample(serving, n)
        training_record(
            by=committee,
            call=call,
            title=title,
            kind=kind,
            held_on=start + timedelta(days=3 + 20 * k),
            hours=Decimal(8 if kind == TrainingKind.THEORY else 4),
            place="双辽市委党校" if kind == TrainingKind.THEORY else "示范村",
            attendee_ids=[p.pk for p in attendees],
        )


def _logs(ctx: DemoContext, call: Call, serving: list[Instructor]) -> None:
    """Logs each month of service so far; diligence varies so grades and the missing list differ."""
    rng = ctx.rng
    today = timezone.localdate()
    # Below full scale only the last two months of this year are logged: enough for the missing-log
    # list and the monthly reviews, while last year (the assessed one) is always whole.
    recent_from = (
        (today.replace(day=1) - timedelta(days=32)).replace(day=1) if ctx.scale < 1 else call.serves_from
    )
    logs = []
    for p in serving:
        diligence = rng.choice([0.4, 0.75, 0.9, 1.0, 1.0, 1.0])
        month = call.serves_from
        while month <= today:
            nxt = (month + timedelta(days=32)).replace(day=1)
            days = min((nxt - month).days, (today - month).days + 1)
            wanted = 0 if today.year == month.year and month < recent_from else round(8 * diligence)
            for d in sorted(rng.sample(range(days), min(days, wanted))):
                logs.append(
                    WorkLog(
                        instructor=p,
                        village=p.village,
                        day=month + timedelta(days=d),
                        done=rng.choice(DONE),
                        problems=rng.choice(PROBLEMS),
                    )
                )
            month = nxt
    WorkLog.objects.bulk_create(logs, batch_size=2000)


def _meetings(ctx: DemoContext, call: Call, serving: list[Instructor]) -> None:
    """Every township's dispatch meeting each quarter of service so far, most instructors reporting."""
    rng = ctx.rng
    today = timezone.localdate()
    by_township: dict[int, list[Instructor]] = {}
    for p in serving:
        assert p.village is not None
        by_township.setdefault(p.village.parent_id or 0, []).append(p)
    for township in ctx.townships:
        year, quarter = call.serves_from.year, (call.serves_from.month - 1) // 3 + 1
        while date(year, 3 * quarter - 1, 15) <= today:
            dispatch_meeting_record(
                by=ctx.extra["township_offices"][township.pk],
                call=call,
                township=township,
                year=year,
                quarter=quarter,
                held_on=date(year, 3 * quarter - 1, 15),
                minutes=f"{township.name}{year}年第{quarter}季度指导员调度会：各指导员汇报工作进展，研究解决问题。",
                reporter_ids=[p.pk for p in by_township.get(township.pk, []) if rng.random() < 0.85],
            )
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def _surveys_and_reviews(ctx: DemoContext, serving: list[Instructor], year: int, password: str) -> None:
    rng = ctx.rng
    answers, phone = [], 0
    for p in serving:
        base = rng.choice([3, 4, 4, 5, 5])
        for _ in range(ctx.scaled(8, 20)):
            phone += 1
            answers.append(
                SurveyAnswer(
                    instructor=p,
                    village=p.village,
                    year=year,
                    phone_digest=digest(f"survey-phone:137{phone:08d}"),
                    ip_digest=digest("survey-ip:demo"),
                    score=max(1, min(5, base + rng.choice([-1, 0, 0, 1]))),
                )
            )
    SurveyAnswer.objects.bulk_create(answers, batch_size=2000)
    cadres = User.objects.bulk_create(
        User(
            username=f"cgb{i + 1:03d}",
            password=password,
            first_name=ctx.fake.first_name(),
            last_name=ctx.fake.last_name(),
        )
        for i in range(len(serving))
    )
    AccessGrant.objects.bulk_create(
        AccessGrant(user=u, area=p.village, role=Role.COMMUNITY) for u, p in zip(cadres, serving, strict=True)
    )
    CadreReview.objects.bulk_create(
        CadreReview(instructor=p, village=p.village, year=year, by=u, score=rng.randint(62, 98))
        for u, p in zip(cadres, serving, strict=True)
    )


def _leavers(ctx: DemoContext, serving: list[Instructor], committee: User) -> list[Area]:
    """A few instructors leave this year, through the committee as on the pages; their villages stay
    vacant (the finished call takes no more matching), which is what a supplementary call is for."""
    leaving = sorted(ctx.rng.sample(serving, len(LEAVING)), key=lambda p: p.pk)
    vacated = []
    for p, reason in zip(leaving, LEAVING, strict=True):
        assert p.village is not None
        vacated.append(p.village)
        instructor_leave(by=committee, instructor=p, reason=reason)
    return sorted(vacated, key=lambda v: v.path)


def _open_call(county: Area, vacated: list[Area], committee: User, today: date) -> None:
    """The supplementary call, open today, for the villages whose instructors left: a village has one
    instructor at a time, so a call may seat new ones only where nobody serves in its period."""
    serves_from, serves_until = today + timedelta(days=45), today + timedelta(days=45 + 730)
    taken = served_elsewhere(
        serves_from=serves_from, serves_until=serves_until, village_ids=[v.pk for v in vacated]
    )
    if taken:
        raise RuntimeError(f"demo: the supplementary call's villages are still served: {taken}")
    call_create(
        by=committee,
        name="双辽市乡村振兴党建指导员补充选派",
        area=county,
        villages=vacated,
        opens_on=today,
        closes_on=today + timedelta(days=30),
        serves_from=serves_from,
        serves_until=serves_until,
        rules={"political_quality": None, "health": None, "party_work_years": 2, "max_age": 50},
    )
