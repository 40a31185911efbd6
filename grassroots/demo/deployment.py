"""Assignments on the demo grid: 包保 chains, station posts, work groups, building managers, training
and a rota at the first stations. Most places are covered; a few gaps of each kind are left on
purpose (a community with no guarantor, stations without a secretary, buildings with no manager,
missing groups), and some medics and police are doubled up in one compound while a neighbour has
none, so rebalancing has something to fix."""

import datetime as dt
from collections import defaultdict

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from grassroots.deployment.models import (
    Assignment,
    CoverageRequirement,
    Role,
    Training,
    WorkGroup,
)
from grassroots.deployment.services_rota import leave_record, rota_generate, rota_publish, station_staff
from grassroots.people.models import DepartmentLevel, Gender, Rank, Staff, StaffKind
from grassroots.places.models import Area

from .context import DemoContext

GROUPS = [g.value for g in WorkGroup]


def build(ctx: DemoContext) -> None:
    rng = ctx.rng
    today = timezone.localdate()
    start = today - dt.timedelta(days=30)
    district = ctx.require("district")
    CoverageRequirement.objects.create(area=district)
    # District HQ keeps the requirements and reads assignments in the admin, like the grid and staff.
    Group.objects.get(name="district_hq").permissions.add(
        *Permission.objects.filter(content_type__app_label="deployment")
    )

    staff: list[Staff] = ctx.extra["staff"]
    by_area: dict[int, list[Staff]] = defaultdict(list)
    for s in staff:
        by_area[s.area_id].append(s)
    rows: list[Assignment] = []

    def put(person: Staff, area: Area, role: str, group: str = "", post=None) -> None:  # type: ignore[no-untyped-def]
        rows.append(
            Assignment(staff=person, area=area, role=role, work_group=group, starts_on=start, post=post)
        )

    level = {d.pk: d.level for d in ctx.extra["departments"]}
    heads = [s for s in by_area[district.pk] if s.rank == Rank.HEAD]
    for i, street in enumerate(ctx.streets):
        put(heads[i % len(heads)], street, Role.GUARANTOR)
    for i, community in enumerate(ctx.communities):
        if i % 13 != 5:  # one community in thirteen still has nobody answering for it
            put(heads[(i + 3) % len(heads)], community, Role.GUARANTOR)

    buildings: dict[int, list[Area]] = defaultdict(list)
    for b in ctx.buildings:
        buildings[b.parent_id or 0].append(b)
    extras: list[Staff] = []
    for i, (compound, station) in enumerate(zip(ctx.compounds, ctx.stations, strict=True)):
        here = by_area[compound.pk]
        neighbours = by_area[compound.parent_id or 0]
        deputy = next(s for s in here if s.rank == Rank.DEPUTY)
        put(deputy, compound, Role.GUARANTOR)
        put(deputy, compound, Role.COMMANDER, post=station)
        first = [
            s
            for s in neighbours
            if s.rank == Rank.DEPUTY and level.get(s.department_id) == DepartmentLevel.CITY
        ]
        second = [
            s
            for s in neighbours
            if s.rank == Rank.DEPUTY and level.get(s.department_id) == DepartmentLevel.DISTRICT
        ]
        if first and i % 11 != 4:
            put(first[0], compound, Role.FIRST_SECRETARY, post=station)
        if second and i % 8 != 6:
            put(second[0], compound, Role.SECOND_SECRETARY, post=station)
        for s in here:
            if s.kind in (StaffKind.PROPERTY, StaffKind.POLICE):
                put(s, compound, Role.DEPUTY_COMMANDER, post=station)
        cadres = [s for s in here if s.kind == StaffKind.CADRE and s.rank == Rank.STAFF]
        for j, s in enumerate(cadres):
            put(s, compound, Role.MEMBER, GROUPS[(i + j) % len(GROUPS)])
        for s in here:
            if s.kind == StaffKind.MEDIC:
                put(s, compound, Role.MEMBER, WorkGroup.TESTING_DISINFECTION)
            elif s.kind == StaffKind.VOLUNTEER:
                put(s, compound, Role.MEMBER, WorkGroup.LIVELIHOOD)
        for j, b in enumerate(buildings[compound.pk]):
            if cadres and (i + j) % 10 != 7:
                put(cadres[j % len(cadres)], b, Role.BUILDING_MANAGER)
        # Doubled-up special forces, sent down as work-group members: rebalancing can move them.
        if i % 7 == 3:
            extras.append(_sent_down(ctx, compound, StaffKind.MEDIC))
        if i % 9 == 4:
            extras.append(_sent_down(ctx, compound, StaffKind.POLICE))
    ctx.extra["sent_down"] = Staff.objects.bulk_create(extras)
    for s in ctx.extra["sent_down"]:
        put(
            s, s.area, Role.MEMBER, WorkGroup.TESTING_DISINFECTION if s.kind == StaffKind.MEDIC else GROUPS[0]
        )
    Assignment.objects.bulk_create(rows, batch_size=2000)

    on_duty = {a.staff_id for a in rows}
    trained = [
        Training(staff_id=sid, held_on=start, topic="岗前培训", manual_given=rng.random() < 0.9)
        for sid in sorted(on_duty)
        if rng.random() < 0.85
    ]
    Training.objects.bulk_create(trained, batch_size=2000)

    # A rota at the first two stations (14 days from today), with one person on leave for three days,
    # planned and published by the district as on the rota page. Two people a shift need six on the
    # station (everyone rests a day in seven); fewer get one.
    hq = ctx.extra["users"]["district"]
    for station in ctx.stations[:2]:
        people = station_staff(station, today)
        if len(people) > 3:
            leave_record(
                by=hq,
                staff=people[-1],
                starts_on=today + dt.timedelta(days=3),
                ends_on=today + dt.timedelta(days=5),
                reason="病假",
            )
        per_shift = 2 if len(people) >= 6 else 1
        rota = rota_generate(by=hq, post=station, starts_on=today, days=14, min_heads=per_shift)
        rota_publish(by=hq, rota=rota)


def _sent_down(ctx: DemoContext, compound: Area, kind: str) -> Staff:
    gender = ctx.rng.choice([Gender.MALE, Gender.FEMALE])
    return Staff(
        name=ctx.fake.name_male() if gender == Gender.MALE else ctx.fake.name_female(),
        gender=gender,
        phone=ctx.fake.phone_number(),
        kind=kind,
        area=compound,
    )
