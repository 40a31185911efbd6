"""At the smallest scales the demo's first compound may hold fewer people to take out of the ledger
than there are examples of leaving: the demo takes out those it has instead of failing."""

from grassroots.demo.context import DemoContext
from grassroots.demo.residents import _departures
from grassroots.residents.models import Resident
from grassroots.residents.services import household_create, resident_create


def test_it_takes_out_as_many_as_a_small_compound_has(grid) -> None:  # type: ignore[no-untyped-def]
    household = household_create(by=None, area=grid.unit, room="101")
    resident_create(by=None, household=household, name="户主", relation="head")
    only = resident_create(by=None, household=household, name="子女", relation="child")
    ctx = DemoContext(seed=3, scale=0.05)
    ctx.compounds = [grid.compound]
    _departures(ctx)
    assert list(Resident.everyone.filter(left_at__isnull=False)) == [only]
