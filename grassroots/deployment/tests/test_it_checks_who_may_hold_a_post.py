import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from grassroots.deployment.models import Assignment, Role, WorkGroup
from grassroots.deployment.services import assignment_create, assignment_end
from grassroots.people.models import DepartmentLevel, Rank, StaffKind

from .factories import department, person

DAY = dt.date(2026, 3, 1)


@pytest.fixture
def hq(grid, make_user):  # type: ignore[no-untyped-def]
    return make_user("hq", "district_hq", grid.district)


def test_it_takes_a_first_secretary_only_from_a_city_department_deputy(grid, hq):  # type: ignore[no-untyped-def]
    city = department(grid.city, DepartmentLevel.CITY)
    district = department(grid.district, DepartmentLevel.DISTRICT)
    wrong_level = person(grid.compound, rank=Rank.DEPUTY, dept=district)
    with pytest.raises(ValidationError) as err:
        assignment_create(
            by=hq, staff=wrong_level, area=grid.compound, role=Role.FIRST_SECRETARY, starts_on=DAY
        )
    assert "市直部门副职" in err.value.message_dict["staff"][0]
    not_deputy = person(grid.compound, rank=Rank.STAFF, dept=city)
    with pytest.raises(ValidationError):
        assignment_create(
            by=hq, staff=not_deputy, area=grid.compound, role=Role.FIRST_SECRETARY, starts_on=DAY
        )
    right = person(grid.compound, rank=Rank.DEPUTY, dept=city)
    got = assignment_create(by=hq, staff=right, area=grid.compound, role=Role.FIRST_SECRETARY, starts_on=DAY)
    assert got.role == Role.FIRST_SECRETARY


def test_it_takes_a_second_secretary_from_a_district_department_deputy(grid, hq):  # type: ignore[no-untyped-def]
    city = department(grid.city, DepartmentLevel.CITY)
    with pytest.raises(ValidationError) as err:
        assignment_create(
            by=hq,
            staff=person(grid.compound, rank=Rank.DEPUTY, dept=city),
            area=grid.compound,
            role=Role.SECOND_SECRETARY,
        )
    assert "区直部门副职" in err.value.message_dict["staff"][0]


def test_it_makes_deputy_commanders_of_property_managers_and_police_only(grid, hq):  # type: ignore[no-untyped-def]
    for kind in (StaffKind.PROPERTY, StaffKind.POLICE):
        assignment_create(
            by=hq, staff=person(grid.compound, kind=kind), area=grid.compound, role=Role.DEPUTY_COMMANDER
        )
    with pytest.raises(ValidationError) as err:
        assignment_create(
            by=hq,
            staff=person(grid.compound, kind=StaffKind.MEDIC),
            area=grid.compound,
            role=Role.DEPUTY_COMMANDER,
        )
    assert "staff" in err.value.message_dict


def test_it_matches_guarantors_to_the_level_of_the_place(grid, hq):  # type: ignore[no-untyped-def]
    district = department(grid.district, DepartmentLevel.DISTRICT)
    head = person(grid.district, rank=Rank.HEAD, dept=district)
    deputy = person(grid.district, rank=Rank.DEPUTY, dept=district)
    assignment_create(by=hq, staff=head, area=grid.street, role=Role.GUARANTOR)
    with pytest.raises(ValidationError, match="一把手"):
        assignment_create(by=hq, staff=deputy, area=grid.community, role=Role.GUARANTOR)
    assignment_create(by=hq, staff=deputy, area=grid.compound, role=Role.GUARANTOR)
    with pytest.raises(ValidationError) as err:
        assignment_create(by=hq, staff=head, area=grid.compounds[1], role=Role.GUARANTOR)
    assert "副职干部" in err.value.message_dict["staff"][0]


def test_it_wants_sent_down_cadres_on_buildings_and_units(grid, hq):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        assignment_create(
            by=hq,
            staff=person(grid.compound, kind=StaffKind.VOLUNTEER),
            area=grid.building,
            role=Role.BUILDING_MANAGER,
        )
    with pytest.raises(ValidationError) as err:
        assignment_create(by=hq, staff=person(grid.compound), area=grid.compound, role=Role.BUILDING_MANAGER)
    assert "area" in err.value.message_dict
    assignment_create(by=hq, staff=person(grid.compound), area=grid.unit, role=Role.UNIT_MANAGER)


def test_it_keeps_one_commander_at_a_time_and_history_on_hand_over(grid, hq):  # type: ignore[no-untyped-def]
    first = assignment_create(
        by=hq, staff=person(grid.compound), area=grid.compound, role=Role.COMMANDER, starts_on=DAY
    )
    with pytest.raises(ValidationError) as err:
        assignment_create(
            by=hq, staff=person(grid.compound), area=grid.compound, role=Role.COMMANDER, starts_on=DAY
        )
    assert "请先结束该任职" in err.value.message_dict["role"][0]
    later = DAY + dt.timedelta(days=10)
    assignment_end(by=hq, assignment=first, on=later)
    assignment_create(
        by=hq, staff=person(grid.compound), area=grid.compound, role=Role.COMMANDER, starts_on=later
    )
    assert Assignment.objects.filter(area=grid.compound, role=Role.COMMANDER).count() == 2


def test_it_needs_a_work_group_for_members(grid, hq):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        assignment_create(by=hq, staff=person(grid.compound), area=grid.compound, role=Role.MEMBER)
    assert "work_group" in err.value.message_dict
    assignment_create(
        by=hq,
        staff=person(grid.compound),
        area=grid.compound,
        role=Role.MEMBER,
        work_group=WorkGroup.LIVELIHOOD,
    )


def test_it_lets_a_street_move_only_its_own_staff(grid, make_user):  # type: ignore[no-untyped-def]
    street = make_user("street1", "street", grid.streets[0])
    outsider = person(grid.compounds[-1])  # serves in the second street
    with pytest.raises(ValidationError) as err:
        assignment_create(
            by=street, staff=outsider, area=grid.compound, role=Role.MEMBER, work_group=WorkGroup.LIVELIHOOD
        )
    assert outsider.name in err.value.message_dict["staff"][0]
    with pytest.raises(ValidationError) as err:
        assignment_create(
            by=street,
            staff=person(grid.compound),
            area=grid.compounds[-1],
            role=Role.MEMBER,
            work_group=WorkGroup.LIVELIHOOD,
        )
    assert "area" in err.value.message_dict
    assignment_create(
        by=street,
        staff=person(grid.compounds[1]),
        area=grid.compound,
        role=Role.MEMBER,
        work_group=WorkGroup.LIVELIHOOD,
    )
