"""Departments and staff of every kind, spread over the demo grid."""

from grassroots.people.models import Department, DepartmentLevel, Gender, Rank, Staff, StaffKind

from . import names
from .context import DemoContext

PARTY_POSTS = ["支部书记", "组织委员", "宣传委员", "纪检委员"]


def build(ctx: DemoContext) -> None:
    city, district, county = ctx.require("city"), ctx.require("district"), ctx.require("county")
    departments = Department.objects.bulk_create(
        [Department(name=n, level=DepartmentLevel.CITY, area=city) for n in names.CITY_DEPARTMENTS]
        + [
            Department(name=n, level=DepartmentLevel.DISTRICT, area=district)
            for n in names.DISTRICT_DEPARTMENTS
        ]
        + [Department(name=n, level=DepartmentLevel.DISTRICT, area=county) for n in names.COUNTY_DEPARTMENTS]
    )
    city_depts = [d for d in departments if d.level == DepartmentLevel.CITY]
    district_depts = [
        d for d in departments if d.level == DepartmentLevel.DISTRICT and d.area_id == district.pk
    ]
    ctx.extra["departments"] = departments

    rng, fake = ctx.rng, ctx.fake
    staff: list[Staff] = []

    def person(kind: str, area, rank: str = Rank.STAFF, department=None) -> Staff:  # type: ignore[no-untyped-def]
        gender = rng.choice([Gender.MALE, Gender.FEMALE])
        member = rng.random() < (0.85 if kind == StaffKind.CADRE else 0.35)
        s = Staff(
            name=fake.name_male() if gender == Gender.MALE else fake.name_female(),
            gender=gender,
            phone=fake.phone_number(),
            kind=kind,
            rank=rank,
            area=area,
            department=department,
            is_party_member=member,
            party_post=rng.choice(PARTY_POSTS) if member and rng.random() < 0.15 else "",
        )
        staff.append(s)
        return s

    # Department heads and deputies: guarantors of streets and communities, secretaries of communities.
    for dept in district_depts:
        person(StaffKind.CADRE, district, Rank.HEAD, dept)
    for community in ctx.communities:
        person(StaffKind.CADRE, community, Rank.DEPUTY, rng.choice(city_depts))
        person(StaffKind.CADRE, community, Rank.DEPUTY, rng.choice(district_depts))
        for _ in range(ctx.scaled(3, 5)):
            person(StaffKind.COMMUNITY_WORKER, community)
    for i, compound in enumerate(ctx.compounds):
        person(StaffKind.CADRE, compound, Rank.DEPUTY, rng.choice(district_depts))
        for _ in range(ctx.scaled(2, 5)):
            person(StaffKind.CADRE, compound, Rank.STAFF, rng.choice(district_depts))
        person(StaffKind.PROPERTY, compound)
        # Most compounds have a police officer and a medic; some do not, so coverage has gaps to find.
        if i % 9:
            person(StaffKind.POLICE, compound)
        if i % 7:
            person(StaffKind.MEDIC, compound)
        for _ in range(ctx.scaled(1, 4)):
            person(StaffKind.VOLUNTEER, compound)
    for street in ctx.streets:
        for _ in range(ctx.scaled(2, 4)):
            person(StaffKind.RESCUE, street)
    for township in ctx.townships:
        for _ in range(ctx.scaled(2, 3)):
            person(StaffKind.COMMUNITY_WORKER, township)
    ctx.extra["staff"] = Staff.objects.bulk_create(staff, batch_size=2000)
