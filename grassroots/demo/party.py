"""树旗 in the demo district, to the seed's figures for 铁东区: 243 temporary party organisations,
240 vanguard teams (a service squad per street among them), 330 responsibility areas and 585
demonstration posts; each member with a card, and a few activities per organisation. Who is on duty
(whose card a building's poster shows) is not set here: it follows from the deployment step's
assignments, published rotas and leave, and from the duties given to resident members."""

from collections import defaultdict
from datetime import date, timedelta

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from grassroots.deployment.models import Assignment, Role
from grassroots.party.models import (
    Activity,
    ActivityKind,
    DemonstrationPost,
    PartyMember,
    PartyOrganisation,
    ResponsibilityArea,
    SquadCase,
    VanguardTeam,
)
from grassroots.people.models import Staff, StaffKind
from grassroots.places.models import Area, AreaKind, Post, PostKind
from grassroots.residents.models import Resident
from grassroots.services.models import Request, RequestStatus

from .context import DemoContext

ORGANISATIONS = 243
TEAMS = 240
RESPONSIBILITY_AREAS = 330
DEMONSTRATION_POSTS = 585

DUTIES: dict[str, list[str]] = {
    StaffKind.CADRE: ["卡口值守", "楼栋消杀", "核酸检测引导", "政策宣传"],
    StaffKind.COMMUNITY_WORKER: ["居民台账核查", "物资配送", "政策宣传"],
    StaffKind.MEDIC: ["健康监测", "核酸采样"],
    StaffKind.POLICE: ["秩序维护", "卡口值守"],
    StaffKind.RESCUE: ["消杀作业", "应急转运"],
    StaffKind.PROPERTY: ["环境消杀", "设施保障"],
    StaffKind.VOLUNTEER: ["物资配送", "代购代办"],
}
PLEDGES = [
    "我是党员，有困难找我",
    "冲锋在前，守护家园",
    "群众的事再小也是大事",
    "守住小区门，护好万家人",
    "随叫随到，服务到门",
    "不获全胜，决不收兵",
]
ACTIVITIES = [
    (ActivityKind.OATH, "重温入党誓词"),
    (ActivityKind.STUDY, "疫情防控政策集中学习"),
    (ActivityKind.SERVICE_DAY, "党员志愿服务日"),
]
HARD_CASES = ["独居老人代购药品", "透析患者出行协调", "困难家庭物资送达", "邻里纠纷上门调解"]


def build(ctx: DemoContext) -> None:
    rng = ctx.rng
    district = ctx.require("district")
    today = timezone.localdate()
    street_posts = list(
        Post.objects.filter(
            kind__in=[PostKind.ISOLATION_POINT, PostKind.CHECKPOINT], area__path__startswith=district.path
        ).order_by("pk")
    )
    buildings_of: dict[int, list[Area]] = defaultdict(list)
    for b in ctx.buildings:
        buildings_of[b.parent_id].append(b)  # type: ignore[index]
    units_of: dict[int, list[Area]] = defaultdict(list)
    for u in ctx.units:
        units_of[u.parent_id].append(u)  # type: ignore[index]

    # Where each organisation stands: every compound's station, a second branch at the largest
    # compounds, every isolation point and checkpoint.
    largest = sorted(ctx.compounds, key=lambda c: (-len(buildings_of[c.pk]), c.pk))
    seconds = {c.pk for c in largest[: ORGANISATIONS - len(ctx.compounds) - len(street_posts)]}
    places: list[tuple[str, Post, Area]] = []
    for compound, station in zip(ctx.compounds, ctx.stations, strict=True):
        places.append((f"{compound.name}临时党支部", station, compound))
        if compound.pk in seconds:
            places.append((f"{compound.name}第二临时党支部", station, compound))
    places += [(f"{p.name}临时党支部", p, p.area) for p in street_posts]
    orgs = PartyOrganisation.objects.bulk_create(
        PartyOrganisation(
            name=name, post=post, area=area, founded_on=today - timedelta(days=rng.randint(45, 75))
        )
        for name, post, area in places
    )

    members = _members(ctx, orgs, today)
    by_org: dict[int, list[PartyMember]] = defaultdict(list)
    for m in members:
        by_org[m.organisation_id].append(m)
    for org in orgs:
        mine = by_org[org.pk]
        org.secretary = next((m for m in mine if m.staff and m.staff.party_post == "支部书记"), mine[0])
    PartyOrganisation.objects.bulk_update(orgs, ["secretary"])

    _teams(ctx, orgs, by_org)
    _responsibility_areas(ctx, orgs, by_org, buildings_of, units_of)
    _demonstration_posts(ctx, orgs, by_org)
    _activities(ctx, orgs, by_org, today)
    ctx.extra["party_organisations"] = orgs
    # District HQ looks records up and corrects them in the (scoped) admin, as for deployment.
    Group.objects.get(name="district_hq").permissions.add(
        *Permission.objects.filter(content_type__app_label="party")
    )


def _members(ctx: DemoContext, orgs: list[PartyOrganisation], today: date) -> list[PartyMember]:
    """Party members among the staff serving at each place, and up to two resident party members of
    each compound. Someone stands in one organisation at a time (member_add refuses a second: a
    transfer is a leaving first), so each person is placed once. A compound's own party staff join its
    branch, split between two branches where it has two; a place with nobody free takes the nearest who
    are: for a street's checkpoint, one of its communities' party staff, else the levels above."""
    rng = ctx.rng
    party_staff: dict[int, list[Staff]] = defaultdict(list)
    in_district = Staff.objects.filter(
        is_party_member=True, area__path__startswith=ctx.require("district").path
    )
    for s in in_district.select_related("area").order_by("pk"):
        party_staff[s.area_id].append(s)
    residents: dict[int, list[Resident]] = defaultdict(list)
    for r in Resident.objects.filter(is_party_member=True).select_related("household__area").order_by("pk"):
        home = r.household.area
        ids = home.ancestor_ids()
        residents[ids[-2] if home.kind == AreaKind.UNIT else ids[-1]].append(r)
    communities: dict[int, list[int]] = defaultdict(list)
    for c in ctx.communities:
        communities[c.parent_id].append(c.pk)  # type: ignore[index]

    taken: set[int] = set()

    def free(area_id: int) -> list[Staff]:
        return [s for s in party_staff.get(area_id, []) if s.pk not in taken]

    per_post: dict[int, int] = defaultdict(int)
    for org in orgs:
        per_post[org.post_id] += 1
    rows: list[PartyMember] = []
    branch: dict[int, int] = defaultdict(int)
    for org in orgs:
        area = org.area
        # Nearest first; anyone still free in the district is the last resort, so no branch is empty.
        levels = [area.pk, *communities.get(area.pk, []), *reversed(area.ancestor_ids()), *party_staff]
        pool = next((found for found in map(free, levels) if found), [])
        nth = branch[org.post_id]
        branch[org.post_id] += 1
        if per_post[org.post_id] > 1 and nth == 0:
            pool = pool[::2]  # the first of two branches; the second takes the rest
        taken.update(s.pk for s in pool)
        for s in pool:
            rows.append(_member(rng, org, today, staff=s, kind=s.kind))
        for r in residents.get(area.pk, [])[2 * nth : 2 * nth + 2]:
            rows.append(_member(rng, org, today, resident=r, kind=StaffKind.VOLUNTEER))
    return PartyMember.objects.bulk_create(rows, batch_size=2000)


def _member(rng, org, today, *, kind: str, staff=None, resident=None) -> PartyMember:  # type: ignore[no-untyped-def]
    return PartyMember(
        organisation=org,
        staff=staff,
        resident=resident,
        area=org.area,
        duty=rng.choice(DUTIES.get(kind, DUTIES[StaffKind.VOLUNTEER])),
        pledge=rng.choice(PLEDGES),
        shows_phone=rng.random() < 0.6,
        shows_department=rng.random() < 0.5,
        joined_on=org.founded_on,
    )


def _teams(ctx: DemoContext, orgs, by_org) -> None:  # type: ignore[no-untyped-def]
    rng = ctx.rng
    teams: list[tuple[VanguardTeam, list[PartyMember]]] = []
    for street in ctx.streets:
        in_street = [o for o in orgs if o.area.path.startswith(street.path)]
        crew = [m for o in rng.sample(in_street, min(4, len(in_street))) for m in by_org[o.pk][:1]]
        teams.append(
            (
                VanguardTeam(
                    name=f"{street.name}党员服务突击队",
                    area=street,
                    task="疑难问题上门解决，打通服务群众最后一百米",
                    leader=crew[0] if crew else None,
                    is_squad=True,
                ),
                crew,
            )
        )
    regular = TEAMS - len(teams)
    for i in range(regular):
        org = orgs[i % len(orgs)]
        crew = by_org[org.pk]
        teams.append(
            (
                VanguardTeam(
                    name=f"{org.name.removesuffix('临时党支部')}党员先锋队",
                    organisation=org,
                    area=org.area,
                    task=rng.choice(["楼栋值守", "物资配送", "核酸检测秩序维护", "政策宣传入户"]),
                    leader=crew[0],
                ),
                crew,
            )
        )
    made = VanguardTeam.objects.bulk_create([t for t, _ in teams])
    through = VanguardTeam.members.through
    through.objects.bulk_create(
        [
            through(vanguardteam_id=t.pk, partymember_id=m.pk)
            for t, (_, crew) in zip(made, teams, strict=True)
            for m in crew
        ],
        batch_size=2000,
    )
    _squad_cases(ctx, [t for t in made if t.is_squad])


def _squad_cases(ctx: DemoContext, squads: list[VanguardTeam]) -> None:
    rng = ctx.rng
    cases = []
    for squad in squads:
        hard = list(
            Request.objects.filter(area__path__startswith=squad.area.path)
            .exclude(status__in=[RequestStatus.DONE, RequestStatus.CONFIRMED, RequestStatus.CLOSED])
            .order_by("pk")[:1]
        )
        for request in hard:
            cases.append(
                SquadCase(
                    team=squad,
                    area=request.area,
                    request=request,
                    title=f"{request.reference} {request.details[:60]}",
                )
            )
        community = rng.choice([c for c in ctx.communities if c.parent_id == squad.area_id])
        cases.append(SquadCase(team=squad, area=community, title=rng.choice(HARD_CASES)))
    SquadCase.objects.bulk_create(cases)


def _responsibility_areas(ctx: DemoContext, orgs, by_org, buildings_of, units_of) -> None:  # type: ignore[no-untyped-def]
    rng = ctx.rng
    compound_orgs = [o for o in orgs if o.post.kind == PostKind.STATION]
    # One per compound organisation, then a second in randomly chosen ones, up to the seed's figure.
    plan = compound_orgs + rng.sample(compound_orgs, RESPONSIBILITY_AREAS - len(compound_orgs))
    shares: dict[int, int] = defaultdict(int)
    for org in plan:
        shares[org.area_id] += 1
    managers = {
        a.area_id: a.staff_id
        for a in Assignment.objects.filter(role=Role.BUILDING_MANAGER, ends_on__isnull=True).order_by("pk")
    }
    made: list[tuple[ResponsibilityArea, list[Area]]] = []
    handed: dict[int, int] = defaultdict(int)
    for org in plan:
        compound_id = org.area_id
        places = buildings_of[compound_id]
        if len(places) < shares[compound_id]:
            places = [u for b in places for u in units_of[b.pk]]
        n, k = shares[compound_id], handed[compound_id]
        handed[compound_id] += 1
        covers = places[k::n] or places[:1]
        crew = by_org[org.pk]
        building = covers[0] if covers[0].kind == "building" else None
        made.append(
            (
                ResponsibilityArea(
                    member=crew[k % len(crew)],
                    area_id=compound_id,
                    building_manager_id=managers.get(building.pk) if building else None,
                    note="协助楼栋长做好楼道管理",
                ),
                covers,
            )
        )
    rows = ResponsibilityArea.objects.bulk_create([r for r, _ in made])
    through = ResponsibilityArea.covers.through
    through.objects.bulk_create(
        [
            through(responsibilityarea_id=r.pk, area_id=a.pk)
            for r, (_, covers) in zip(rows, made, strict=True)
            for a in covers
        ],
        batch_size=2000,
    )


def _demonstration_posts(ctx: DemoContext, orgs, by_org) -> None:  # type: ignore[no-untyped-def]
    rng = ctx.rng
    plan = orgs + orgs + rng.sample(orgs, DEMONSTRATION_POSTS - 2 * len(orgs))
    turn: dict[int, int] = defaultdict(int)
    rows = []
    for org in plan:
        crew = by_org[org.pk]
        member = crew[turn[org.pk] % len(crew)]
        turn[org.pk] += 1
        rows.append(
            DemonstrationPost(
                member=member,
                post=org.post,
                area=org.area,
                title=f"党员示范岗·{member.duty}",
                pledge=member.pledge or rng.choice(PLEDGES),
            )
        )
    DemonstrationPost.objects.bulk_create(rows, batch_size=2000)


def _activities(ctx: DemoContext, orgs, by_org, today) -> None:  # type: ignore[no-untyped-def]
    rng = ctx.rng
    made: list[tuple[Activity, list[PartyMember]]] = []
    for org in orgs:
        crew = by_org[org.pk]
        for kind, title in rng.sample(ACTIVITIES, rng.randint(1, 3)):
            held = org.founded_on + timedelta(days=rng.randint(1, (today - org.founded_on).days))
            made.append(
                (
                    Activity(organisation=org, area=org.area, kind=kind, title=title, held_on=held),
                    rng.sample(crew, max(1, round(len(crew) * rng.uniform(0.6, 1.0)))),
                )
            )
    rows = Activity.objects.bulk_create([a for a, _ in made])
    through = Activity.attendees.through
    through.objects.bulk_create(
        [
            through(activity_id=a.pk, partymember_id=m.pk)
            for a, (_, crew) in zip(rows, made, strict=True)
            for m in crew
        ],
        batch_size=2000,
    )
