"""Fixtures for the ledger tests: a household with a head in the grid's first unit."""

import datetime

import pytest

from grassroots.residents.idnumbers import compose
from grassroots.residents.models import Household, Resident
from grassroots.residents.services import household_create, resident_create

BORN = datetime.date(1958, 3, 14)
HEAD_ID = compose("220303", BORN, 123)  # odd sequence: male


@pytest.fixture
def household(grid) -> Household:  # type: ignore[no-untyped-def]
    return household_create(by=None, area=grid.unit, room="101")


@pytest.fixture
def head(household: Household) -> Resident:
    return resident_create(
        by=None,
        household=household,
        name="王建国",
        id_number=HEAD_ID,
        phone="13900001111",
        relation="head",
        care_tags=["独居老人"],
    )
