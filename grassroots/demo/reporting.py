"""A fortnight of the reporting chain in the first two communities: reports (most on time, some late, one
missed, one concealed) with acknowledgements and progress, orders with some posts never acknowledging,
morning and evening meetings with a few missing, and collective decisions."""

from datetime import datetime, timedelta

from django.utils import timezone

from grassroots.core.models import User
from grassroots.meetings.models import MeetingKind
from grassroots.meetings.services import (
    action_item_done,
    decision_open,
    decision_opinion,
    decision_seal,
    meeting_record,
)
from grassroots.people.models import Staff
from grassroots.places.models import Post, PostKind
from grassroots.reporting import orders as order_services
from grassroots.reporting.chain import deadline_rule
from grassroots.reporting.models import Category, Order, Report, StepAction
from grassroots.reporting.services import (
    report_acknowledge,
    report_close,
    report_file,
    report_progress,
    report_record_concealed,
    report_record_missed,
    report_route,
)

from .context import DemoContext

DAYS = 14

EVENTS = [
    (Category.EPIDEMIC_CASE, "核酸检测发现一例阳性, 已转运", "密接人员居家隔离, 楼栋消杀"),
    (Category.EMERGENCY, "楼道电动车充电起火", "已扑灭, 疏散本单元住户"),
    (Category.SAFETY, "外墙瓷砖脱落", "拉警戒线, 通知物业"),
    (Category.PUBLIC_ORDER, "居民因停车纠纷发生争执", "民警到场调解"),
    (Category.LIVELIHOOD, "独居老人断药", "联系社区医生送药上门"),
    (Category.PUBLIC_OPINION, "业主群传播不实封控消息", "在群内发布官方通知澄清"),
]
PROBLEMS = [
    ("3号楼独居老人需要代购", "志愿者每日上门代购"),
    ("东门卡口夜间人手不足", "调配物业保安轮班"),
    ("防护服库存偏低", "向社区申领两箱"),
    ("部分住户未完成核酸", "网格员逐户电话提醒"),
]


def build(ctx: DemoContext) -> None:
    now = timezone.now()
    start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=DAYS)
    logins = ctx.extra["users"]
    community, street, district = logins["community"], logins["street"], logins["district"]
    posts = list(
        Post.objects.filter(pk__in=[s.pk for s in ctx.stations], area__parent__in=ctx.communities[:2])
        .select_related("area")
        .order_by("area__path")[:8]
    )
    # Each station's office (its commander; `station` at the first) files, meets and decides.
    users = {p.pk: ctx.extra["station_offices"][p.area_id] for p in posts}
    staff = {p.pk: list(Staff.objects.filter(area=p.area).order_by("pk")[:5]) for p in posts}
    orders = _orders(ctx, district, street, start, now)
    _meetings(ctx, posts, users, staff, orders, start, now)
    reports = _reports(ctx, posts, users, community, street, start, now)
    if reports:
        report_record_concealed(
            by=district, report=reports[len(reports) // 2], evidence="现场核查: 实际受影响住户12户, 报告称3户"
        )
    missed_day = start + timedelta(days=DAYS - 5, hours=21)
    report_record_missed(
        by=community,
        area=posts[0].area,
        category=Category.PUBLIC_ORDER,
        severity="major",
        discovered_at=missed_day,
        text="小区门口居民聚集, 要求解除封控",
        evidence="12345热线工单 No.20260778, 派出所出警记录",
        now=missed_day + timedelta(hours=10),
    )
    _decisions(posts[0], users[posts[0].pk], staff[posts[0].pk])


def _reports(
    ctx: DemoContext,
    posts: list[Post],
    users: dict[int, User],
    community: User,
    street: User,
    start: datetime,
    now: datetime,
) -> list[Report]:
    rng = ctx.rng
    filed = []
    for day in range(DAYS):
        for _ in range(rng.choice([0, 1, 1, 2])):
            post = rng.choice(posts)
            category, text, measures = rng.choice(EVENTS)
            severity = rng.choice(["general", "general", "major", "severe"])
            discovered = start + timedelta(days=day, hours=rng.randint(7, 19), minutes=rng.randint(0, 59))
            within, every = deadline_rule(category, severity)
            late = rng.random() < 0.2
            delay = (
                within + timedelta(minutes=rng.randint(15, 180)) if late else within * rng.uniform(0.2, 0.9)
            )
            reported = discovered + delay
            if reported >= now:
                continue
            by = users[post.pk]
            report = report_file(
                by=by,
                area=post.area,
                category=category,
                severity=severity,
                discovered_at=discovered,
                text=text,
                location=f"{post.area.name}{rng.randint(1, 12)}号楼",
                measures=measures,
                now=reported,
            )
            filed.append(report)
            in_first = post.area.parent_id == ctx.communities[0].pk
            if in_first:
                report_acknowledge(
                    by=community, report=report, now=reported + timedelta(minutes=rng.randint(3, 30))
                )
                up = severity == "severe"
                report_route(
                    by=community,
                    report=report,
                    action=StepAction.PASSED_UP if up else StepAction.HANDLED,
                    note="需街道协调力量" if up else "社区已安排处置",
                    now=reported + timedelta(minutes=40),
                )
            report_acknowledge(by=street, report=report, now=reported + timedelta(minutes=rng.randint(5, 60)))
            at = reported
            for n in range(rng.randint(1, 3)):
                # Most updates come inside the cadence; now and then one slips.
                step = every * (rng.uniform(1.05, 1.5) if rng.random() < 0.15 else rng.uniform(0.5, 0.95))
                if at + step >= now:
                    break
                at += step
                report_progress(by=by, report=report, measures=f"{measures}; 第{n + 1}次续报", now=at)
            if at + timedelta(hours=1) < now - timedelta(hours=12):
                report_close(
                    by=by, report=report, outcome="处置完毕, 无次生问题", now=at + timedelta(hours=1)
                )
    return filed


def _orders(ctx: DemoContext, district: User, street: User, start: datetime, now: datetime) -> list[Order]:
    """Orders down the chain, read at most posts in time. The 1,000-odd read receipts are written as
    order_acknowledge and order_carry_out write them, by each post's login (a station's office, the
    desk of the community or street a centre, zone or checkpoint stands in), without a call each."""
    rng = ctx.rng
    offices, desks = ctx.extra["station_offices"], ctx.extra["desks"]
    readers = {
        p.pk: offices[p.area_id] if p.kind == PostKind.STATION else desks.get(p.area_id)
        for p in Post.objects.filter(area__path__startswith=ctx.require("district").path)
    }
    made = []
    for day, by, area, title in (
        (1, district, ctx.require("district"), "关于进一步加强小区封控管理的通知"),
        (5, street, ctx.streets[0], "本周末开展全员核酸检测的安排"),
        (9, district, ctx.require("district"), "关于做好一线人员轮休调休的通知"),
        (DAYS - 1, street, ctx.streets[0], "加强独居老人等重点人群走访"),
    ):
        issued = start + timedelta(days=day, hours=9)
        if issued >= now:
            continue
        order = order_services.order_issue(
            by=by,
            area=area,
            title=title,
            text=f"{title}。请各指挥站于规定时间内签收并落实。",
            ack_deadline=issued + timedelta(hours=6),
            carry_out_deadline=issued + timedelta(days=2) if day % 2 else None,
            now=issued,
        )
        made.append(order)
        for row in order.acknowledgements.select_related("post"):
            if rng.random() < 0.12:
                continue  # never acknowledged
            at = issued + timedelta(minutes=rng.randint(10, 420))
            if at < now:
                # As order_acknowledge records it: the post's login, and the name of who read it.
                row.acknowledged_by = readers.get(row.post_id)
                row.acknowledged_at, row.acknowledged_name = at, ctx.fake.name()
                if order.carry_out_deadline and rng.random() < 0.8 and at + timedelta(hours=20) < now:
                    row.carried_out_at, row.carried_out_note = at + timedelta(hours=20), "已按要求落实"
                row.save(
                    update_fields=[
                        "acknowledged_by",
                        "acknowledged_at",
                        "acknowledged_name",
                        "carried_out_at",
                        "carried_out_note",
                    ]
                )
        if order.ack_deadline < now:
            order_services.order_remind(order_id=order.pk, now=order.ack_deadline - timedelta(hours=1))
            order_services.order_escalate(order_id=order.pk, now=order.ack_deadline)
    return made


def _meetings(
    ctx: DemoContext,
    posts: list[Post],
    users: dict[int, User],
    staff: dict[int, list[Staff]],
    orders: list[Order],
    start: datetime,
    now: datetime,
) -> None:
    rng = ctx.rng
    for day in range(DAYS + 1):
        for post in posts:
            people = staff[post.pk]
            if not people:
                continue
            for kind, hour in ((MeetingKind.MORNING, 8), (MeetingKind.EVENING, 18)):
                held = start + timedelta(days=day, hours=hour, minutes=rng.randint(0, 40))
                # A few meetings are never held, and today one station misses its morning meeting.
                if held >= now or rng.random() < 0.06 or (day == DAYS and post == posts[-1]):
                    continue
                relayed = [
                    o.pk for o in orders if kind == MeetingKind.EVENING and o.issued_at.date() == held.date()
                ]
                problem = rng.choice(PROBLEMS)
                items = []
                if kind == MeetingKind.MORNING:
                    items = [
                        {
                            "title": problem[1],
                            "owner": rng.choice(people).pk,
                            "deadline": held + timedelta(hours=8),
                        }
                    ]
                meeting = meeting_record(
                    by=users[post.pk],
                    post=post,
                    kind=kind,
                    held_at=held,
                    attendee_ids=[p.pk for p in people if rng.random() < 0.85] or [people[0].pk],
                    order_ids=relayed,
                    problems=[problem],
                    action_items=items,
                )
                for item in meeting.action_items.all():
                    if item.deadline < now and rng.random() < 0.85:
                        action_item_done(
                            by=users[post.pk],
                            item=item,
                            note="已完成",
                            now=item.deadline - timedelta(hours=1),
                        )


def _decisions(post: Post, user: User, people: list[Staff]) -> None:
    if len(people) < 3:
        return
    ids = [p.pk for p in people]
    first = decision_open(by=user, post=post, matter="是否临时征用物业活动室作为物资中转点", member_ids=ids)
    for person, vote in zip(people, ["for", "for", "against", "for", "abstain"], strict=False):
        decision_opinion(by=user, decision=first, member=person, present=True, vote=vote, view="")
    decision_seal(by=user, decision=first, text="同意征用, 由物业负责日常管理")
    second = decision_open(
        by=user, post=post, matter="物资中转点改设在地下车库入口", member_ids=ids, amends=first
    )
    for person in people[:3]:
        decision_opinion(
            by=user, decision=second, member=person, present=True, vote="for", view="活动室需恢复开放"
        )
    decision_seal(by=user, decision=second, text="中转点迁至地下车库入口")
    pending = decision_open(by=user, post=post, matter="夜间志愿者排班是否改为两班倒", member_ids=ids)
    decision_opinion(by=user, decision=pending, member=people[0], present=True, vote="for", view="减轻疲劳")
