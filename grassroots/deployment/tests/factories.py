"""Small builders for deployment tests: departments and staff of the ranks the rules ask about."""

from grassroots.people.models import Department, DepartmentLevel, Gender, Rank, Staff, StaffKind
from grassroots.places.models import Area


def department(area: Area, level: str = DepartmentLevel.DISTRICT, name: str = "") -> Department:
    return Department.objects.create(
        name=name or f"{level}部门{Department.objects.count() + 1}", level=level, area=area
    )


def person(
    area: Area,
    kind: str = StaffKind.CADRE,
    rank: str = Rank.STAFF,
    dept: Department | None = None,
    name: str = "",
) -> Staff:
    return Staff.objects.create(
        name=name or f"人员{Staff.objects.count() + 1}",
        gender=Gender.FEMALE,
        kind=kind,
        rank=rank,
        department=dept,
        area=area,
    )
