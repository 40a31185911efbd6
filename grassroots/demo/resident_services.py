"""Resident services in the demo: requests in every state, green-channel cases (one escalated),
standing plans for dialysis patients, open and claimed tasks, delivery rounds, stock with some items low,
and last month's routine task at every station, community and street, done by its people.

Everything goes through the services' own writes, with times set in the recent past, so the pages
show overdue and escalated work derived from those times exactly as in real use; only the routine
tasks' thousands of claims are written at once, as the services would have written them."""

from datetime import time, timedelta

from django.utils import timezone

from grassroots.core.models import AccessGrant, Role, User
from grassroots.places.models import Area, AreaKind, Post, PostKind
from grassroots.residents.bulk import insert_rows
from grassroots.residents.models import Household, Resident
from grassroots.services import plan_services as plans
from grassroots.services import services as requests
from grassroots.services import stock_services as stock
from grassroots.services import task_services as tasks
from grassroots.services.models import (
    Category,
    Claim,
    Emergency,
    RequestChannel,
    StockCategory,
    Task,
    TaskKind,
)
from grassroots.services.task_services import task_mistakes

from .accounts import password_hash
from .context import DemoContext

NEEDS = {
    Category.MEDICINE: ["降压药快吃完了,麻烦帮忙代购", "孩子发烧,需要退烧药", "糖尿病人需要胰岛素"],
    Category.FOOD: ["家里米面快没了", "需要蔬菜包两份", "老人不会网购,想买鸡蛋和牛奶"],
    Category.MEDICAL_VISIT: ["需要去医院复查", "牙疼得厉害,想联系就医"],
    Category.CARE: ["独居老人需要有人每天看看", "父母在外地,孩子一人在家"],
    Category.DISPUTE: ["楼上漏水和邻居起了争执", "楼道堆放杂物引发矛盾"],
    Category.REPAIRS: ["水管爆了", "楼道灯坏了", "暖气不热"],
    Category.OTHER: ["想了解核酸检测安排", "快递放在小区门口取不到"],
}
STOCK = [
    ("N95口罩", StockCategory.PROTECTIVE, "盒", 40, 10),
    ("防护服", StockCategory.PROTECTIVE, "套", 30, 8),
    ("消毒液", StockCategory.PROTECTIVE, "桶", 12, 4),
    ("登记表", StockCategory.OFFICE, "本", 20, 5),
    ("盒饭", StockCategory.MEALS, "份", 60, 20),
    ("行军床", StockCategory.LODGING, "张", 6, 2),
    ("交通补贴卡", StockCategory.TRANSPORT, "张", 10, 3),
    ("军大衣", StockCategory.COLD, "件", 15, 5),
    ("暖宝宝", StockCategory.COLD, "片", 200, 50),
    ("布洛芬", StockCategory.MEDICINE, "盒", 10, 3),
]
HOSPITALS = ["四平市中心人民医院", "四平市第一人民医院", "吉林大学第一医院"]
# Last month's routine task (title, details) each station's, community's and street's office gave its people.
ROUTINE = {
    "station": ("楼道消杀与环境整治", "每人负责一栋楼的消杀和楼道杂物清理，完成后回报"),
    "community": ("入户核查居民台账", "分片入户核对人口信息，发现变动及时更新台账"),
    "street": ("消防安全隐患排查", "逐楼检查消防通道和电动车充电，发现隐患当场整改"),
}


def _room(ctx: DemoContext, building: Area) -> tuple[str, Household | None]:
    household = (
        Household.objects.filter(area__path__startswith=building.path)
        .order_by("pk")[ctx.rng.randint(0, 20) :]
        .first()
    )
    if household is not None:
        unit_code = household.area.code if household.area.kind == AreaKind.UNIT else ""
        return (f"{unit_code}-{household.room}" if unit_code else household.room), household
    return f"{ctx.rng.randint(1, 6)}0{ctx.rng.randint(1, 4)}", None


def _requests(ctx: DemoContext, hq: User, station: User, compound: Area, buildings: list[Area]) -> None:
    now = timezone.now()
    rng, fake = ctx.rng, ctx.fake
    steps = ["new", "new", "overdue", "accepted", "in_progress", "done", "confirmed", "closed"]
    for i, building in enumerate(buildings):
        by = station if building.path.startswith(compound.path) else hq
        for step in steps if i == 0 else steps[: 3 + i % 5]:
            category = rng.choice(list(NEEDS))
            room, household = _room(ctx, building)
            filed = now - timedelta(hours=60 if step == "overdue" else rng.randint(1, 3))
            req = requests.request_file(
                by=by,
                area=building,
                category=category,
                channel=rng.choice([RequestChannel.WECHAT, RequestChannel.PHONE, RequestChannel.VISIT]),
                name=fake.name(),
                phone=fake.phone_number(),
                details=rng.choice(NEEDS[category]),
                room=room,
                household=household,
                now=filed,
            )
            if step in ("new", "overdue"):
                continue
            if step == "closed":
                requests.request_close(
                    by=by, request=req, reason="居民已自行解决", now=filed + timedelta(minutes=30)
                )
                continue
            requests.request_accept(by=by, request=req, now=filed + timedelta(minutes=10))
            if step == "accepted":
                continue
            requests.request_start(by=by, request=req, now=filed + timedelta(minutes=20))
            if step == "in_progress":
                continue
            requests.request_finish(
                by=by, request=req, result="已办结,送达上门", now=filed + timedelta(minutes=50)
            )
            if step == "confirmed":
                requests.request_confirm(by=None, request=req, now=filed + timedelta(minutes=70))
                requests.request_rate(
                    request=req,
                    rating=rng.choice([4, 5, 5]),
                    comment="谢谢",
                    now=filed + timedelta(minutes=71),
                )


def _green_channel(ctx: DemoContext, station: User, buildings: list[Area]) -> None:
    now = timezone.now()
    fake = ctx.fake
    cases = [
        (Emergency.DIALYSIS, "透析时间到,需要车辆送医", timedelta(minutes=25), "escalated"),
        (Emergency.CHILDBIRTH, "孕妇临产,需要立即送医", timedelta(minutes=40), "dispatched"),
        (Emergency.ACUTE_ILLNESS, "老人突发胸痛", timedelta(hours=5), "done"),
        (Emergency.CHEMOTHERAPY, "化疗患者按期住院", timedelta(minutes=3), "new"),
    ]
    for i, (emergency, details, ago, state) in enumerate(cases):
        building = buildings[i % len(buildings)]
        filed = now - ago
        room, _household = _room(ctx, building)
        req = requests.green_channel_file(
            by=station,
            area=building,
            emergency=emergency,
            name=fake.name(),
            phone=fake.phone_number(),
            details=details,
            room=room,
            now=filed,
        )
        if state == "escalated":
            requests.request_escalate(request_id=req.pk, now=now)
            continue
        if state == "new":
            continue
        requests.request_accept(by=station, request=req, now=filed + timedelta(minutes=4))
        requests.green_channel_dispatch(
            by=station,
            request=req,
            escort=fake.name(),
            vehicle=f"吉C·{ctx.rng.randint(10000, 99999)}",
            hospital=ctx.rng.choice(HOSPITALS),
            now=filed + timedelta(minutes=6),
        )
        if state == "done":
            requests.request_finish(
                by=station, request=req, result="已送达医院", now=filed + timedelta(hours=1)
            )


def _plans(ctx: DemoContext, hq: User, district: Area) -> None:
    patients = Resident.objects.filter(
        care_tags__name="慢性病需透析", household__area__path__startswith=district.path
    ).select_related("household__area")[:8]
    for resident in patients:
        plans.green_channel_plan_create(
            by=hq,
            resident=resident,
            emergency=Emergency.DIALYSIS,
            hospital=ctx.rng.choice(HOSPITALS),
            weekdays=ctx.rng.choice([[1, 3, 5], [2, 4, 6]]),
            depart_time=time(ctx.rng.choice([7, 8, 13])),
            escort=ctx.fake.name(),
            vehicle=f"吉C·{ctx.rng.randint(10000, 99999)}",
        )


def _helpers(ctx: DemoContext, compound: Area, volunteer: User) -> list[User]:
    """The volunteer login and two more volunteers of the first compound, so claims have company."""
    password = password_hash(ctx)
    helpers = [volunteer]
    for n in (2, 3):
        user = User.objects.create(
            username=f"volunteer{n}",
            password=password,
            first_name=ctx.fake.first_name(),
            last_name=ctx.fake.last_name(),
        )
        AccessGrant.objects.create(user=user, area=compound, role=Role.VOLUNTEER)
        helpers.append(user)
    return helpers


def _tasks(ctx: DemoContext, station: User, compound: Area, helpers: list[User]) -> None:
    now = timezone.now()
    buildings = list(compound.children.order_by("path"))
    board = [
        ("调解3号楼漏水纠纷", "mediation", 2, 20),
        ("包保困难家庭:独居老人每日探视", "family", 3, 30),
        ("协助核酸检测秩序维护", "other", 4, 10),
        ("为行动不便老人代购药品", "request", 1, 15),
        ("楼道消杀", "other", 2, 10),
    ]
    made = []
    for i, (title, kind, places, points) in enumerate(board):
        made.append(
            tasks.task_create(
                by=station,
                title=title,
                kind=kind,
                area=buildings[i % len(buildings)] if buildings else compound,
                places=places,
                deadline=now + timedelta(hours=6 + 12 * i),
                points=points,
                details=title,
                now=now - timedelta(hours=2),
            )
        )
    # The one-place task is taken; two others have claims, one of them completed for the leaderboard.
    tasks.task_claim(by=helpers[1], task=made[3], now=now - timedelta(hours=1))
    first = tasks.task_claim(by=helpers[0], task=made[0], now=now - timedelta(hours=1))
    tasks.claim_complete(by=helpers[0], claim=first, note="双方已达成一致", now=now - timedelta(minutes=20))
    second = tasks.task_claim(by=helpers[2], task=made[1], now=now - timedelta(hours=1))
    tasks.claim_complete(
        by=helpers[2], claim=second, note="已探视,老人身体良好", now=now - timedelta(minutes=10)
    )


def _rounds(ctx: DemoContext, station: User, compound: Area, helpers: list[User]) -> None:
    if not Household.objects.filter(area__path__startswith=compound.path).exists():
        return
    now = timezone.now()
    rnd = tasks.delivery_round_create(
        by=station,
        name=f"{compound.name}第一轮生活物资配送",
        area=compound,
        items="大米5kg、蔬菜包1份、鸡蛋1盒",
        helpers=2,
        deadline=now + timedelta(hours=8),
        now=now - timedelta(hours=3),
    )
    for helper in helpers[:2]:
        tasks.task_claim(by=helper, task=rnd.task, now=now - timedelta(hours=2))
    tasks.delivery_round_split(by=station, round=rnd)
    stops = list(rnd.stops.order_by("pk"))
    for i, stop in enumerate(stops[: len(stops) * 2 // 3]):
        if i % 9 == 8:
            tasks.delivery_stop_mark(by=station, stop=stop, delivered=False, reason="家中无人,已电话联系")
        else:
            tasks.delivery_stop_mark(by=station, stop=stop, delivered=True)
    tasks.delivery_round_create(
        by=station,
        name=f"{compound.name}防寒物资配送",
        area=compound,
        items="暖宝宝10片、棉手套1副",
        helpers=3,
        deadline=now + timedelta(days=1),
    )


def _stock(ctx: DemoContext, hq: User, district: Area) -> None:
    inside = (
        Post.objects.filter(area__path__startswith=district.path)
        .select_related("area")
        .order_by("area__path")
    )
    # The demo station's and community's own posts first, so their logins see stock (some of it low).
    first = ctx.communities[0]
    stations = inside.filter(kind=PostKind.STATION)
    centres = inside.filter(kind=PostKind.CENTRE)
    posts = [
        *stations.filter(area=ctx.compounds[0]),
        *stations.exclude(area=ctx.compounds[0])[:5],
        *centres.filter(area=first),
        *centres.exclude(area=first)[:1],
    ]
    for p, post in enumerate(posts):
        for i, (name, category, unit, start, low) in enumerate(STOCK):
            item = stock.stock_item_create(
                by=hq, post=post, name=name, category=category, unit=unit, low_threshold=low
            )
            stock.stock_receive(by=hq, item=item, quantity=start, note="区指挥部配发")
            # A few items at a few posts run low, which alerts the post and asks the level above.
            used = start - low + 1 if (i + p) % 5 == 0 else ctx.rng.randint(0, start // 2)
            if used:
                stock.stock_issue(by=hq, item=item, quantity=used, to_whom="一线工作人员")


def _routine(ctx: DemoContext) -> None:
    """Three weeks ago each station, community and street office gave its own people a task, and each
    of them claimed a place and reported it done in time: the month's claims the assessment counts.
    Written at once, as task_create, task_claim and claim_complete would have written them: the task
    passes the service's own checks, one place a person, claims and completions before the deadline,
    the task's points to each."""
    rng = ctx.rng
    logins: dict[int, list[User]] = ctx.extra["logins_by_area"]
    offices = [("station", area, user) for area, user in ctx.extra["station_offices"].items()]
    offices += [("community", c.pk, ctx.extra["desks"][c.pk]) for c in ctx.communities]
    offices += [("street", s.pk, ctx.extra["desks"][s.pk]) for s in ctx.streets]
    areas = Area.objects.in_bulk([area for _kind, area, _user in offices])
    now = timezone.now()
    planned: list[tuple[Task, list[User]]] = []
    for kind, area_id, office in offices:
        people = logins.get(area_id, [])
        if not people:
            continue
        published = now - timedelta(days=21, hours=rng.randint(0, 48))
        title, details = ROUTINE[kind]
        task = Task(
            title=title,
            kind=TaskKind.OTHER,
            area=areas[area_id],
            details=details,
            places=len(people),
            deadline=published + timedelta(days=4),
            points=10,
            created_at=published,
            created_by=office,
        )
        errors = task_mistakes(
            title=title,
            kind=task.kind,
            area=task.area,
            places=task.places,
            deadline=task.deadline,
            points=task.points,
            now=published,
        )
        if errors:
            raise RuntimeError(f"demo: {title} at {task.area}: {errors}")
        planned.append((task, people))
    Task.objects.bulk_create([t for t, _people in planned])
    claims = []
    for task, people in planned:
        for user in people:
            claimed = task.created_at + timedelta(hours=rng.randint(1, 30))
            done = claimed + timedelta(hours=rng.randint(2, 40))
            claims.append((task.pk, user.pk, claimed, done, "已完成", "", task.points))
    insert_rows(Claim, ["task", "user", "claimed_at", "completed_at", "note", "photo", "points"], claims)


def build(ctx: DemoContext) -> None:
    users: dict[str, User] = ctx.extra["users"]
    hq, station, volunteer = users["district"], users["station"], users["volunteer"]
    district = ctx.require("district")
    compound = ctx.compounds[0]
    first_buildings = list(compound.children.filter(kind=AreaKind.BUILDING).order_by("path"))
    more = [c.children.filter(kind=AreaKind.BUILDING).order_by("path").first() for c in ctx.compounds[1:8]]
    buildings = first_buildings[:2] + [b for b in more if b is not None]
    _requests(ctx, hq, station, compound, buildings)
    _green_channel(ctx, station, first_buildings or [compound])
    _plans(ctx, hq, district)
    helpers = _helpers(ctx, compound, volunteer)
    _tasks(ctx, station, compound, helpers)
    _rounds(ctx, station, compound, helpers)
    _stock(ctx, hq, district)
    _routine(ctx)
