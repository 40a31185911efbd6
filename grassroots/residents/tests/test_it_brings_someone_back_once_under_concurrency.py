"""Two communities bring back the same person who left, at the same moment, on separate connections:
one brings them back, the other is told the number is in the ledger again (the second used to fail
with a 403, finding the person already living in the first one's household)."""

from functools import partial
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from grassroots.core.models import User
from grassroots.residents.departures import resident_leave
from grassroots.residents.models import Household, Resident
from grassroots.residents.services import household_create, resident_create
from tests.concurrency import at_once

from .conftest import HEAD_ID


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_bring_backs_of_one_person_bring_them_back_once(
    household: Household, grid: Any, make_user: Any
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    # Without care tags: a transactional test's database holds none of the seeded dictionary.
    head = resident_create(by=None, household=household, name="王建国", id_number=HEAD_ID, relation="head")
    resident_leave(by=None, resident=head, reason="moved_away")
    homes = []
    for n, unit in enumerate((grid.units[8], grid.units[16])):
        community = unit.parent.parent.parent
        assert not head.household.area.path.startswith(community.path)
        homes.append(
            (
                make_user(f"station-{n}", "station", community),
                household_create(by=None, area=unit, room="502"),
            )
        )
    assert homes[0][0].grants.get().area != homes[1][0].grants.get().area

    def bring_back(user: User, home: Household) -> object:
        return resident_create(
            by=User.objects.get(pk=user.pk),
            household=Household.objects.get(pk=home.pk),
            name="王建国",
            id_number=HEAD_ID,
            bring_back=True,
        )

    outcomes = at_once(
        [partial(bring_back, user, home) for user, home in homes],
        refused=(ValidationError, PermissionDenied),
    )
    said = [
        "back" if o is None else o.message_dict["id_number"][0] if isinstance(o, ValidationError) else "403"
        for o in outcomes
    ]
    assert sorted(said) == ["back", "该证件号码已在台账中。"]
    back = Resident.everyone.get(pk=head.pk)
    assert back.left_at is None and back.household_id in {h.pk for _u, h in homes}
    assert Resident.everyone.filter(id_digest=head.id_digest).count() == 1
