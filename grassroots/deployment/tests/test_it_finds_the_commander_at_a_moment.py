import datetime as dt

from django.utils import timezone

from grassroots.deployment.models import Role
from grassroots.deployment.selectors import commander_at
from grassroots.deployment.services import assignment_create, assignment_end

from .factories import person


def test_it_finds_the_commander_in_charge_at_a_moment(grid, make_user):  # type: ignore[no-untyped-def]
    hq = make_user("hq", "district_hq", grid.district)
    first, second = person(grid.compound, name="甲"), person(grid.compound, name="乙")
    a = assignment_create(
        by=hq, staff=first, area=grid.compound, role=Role.COMMANDER, starts_on=dt.date(2026, 1, 1)
    )
    assignment_end(by=hq, assignment=a, on=dt.date(2026, 2, 1))
    assignment_create(
        by=hq, staff=second, area=grid.compound, role=Role.COMMANDER, starts_on=dt.date(2026, 2, 1)
    )

    def at(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))

    assert commander_at(area=grid.compound, at=at(dt.date(2025, 12, 31))) is None
    assert commander_at(area=grid.compound, at=at(dt.date(2026, 1, 31))) == first
    assert commander_at(area=grid.compound, at=at(dt.date(2026, 2, 1))) == second
    assert commander_at(area=grid.compounds[1], at=at(dt.date(2026, 2, 1))) is None
