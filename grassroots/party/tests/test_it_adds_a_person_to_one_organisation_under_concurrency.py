"""Two organisations add the same party member at the same moment, on separate connections: one
takes them, the other is refused (the person's row is locked while their memberships are checked)."""

from functools import partial

import pytest
from django.db import connection
from django.utils import timezone

from grassroots.core.models import User
from grassroots.party import services
from grassroots.party.models import PartyMember, PartyOrganisation
from tests.concurrency import at_once

from .conftest import staff


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_adds_a_person_to_one_organisation_under_concurrency(grid, party) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    person = staff(grid.street, "钱双岗")
    orgs = [party.org_a, party.org_b]

    def add(org: PartyOrganisation) -> object:
        return services.member_add(
            by=User.objects.get(pk=party.hq.pk),
            organisation=PartyOrganisation.objects.get(pk=org.pk),
            staff=person,
            joined_on=timezone.localdate(),
        )

    outcomes = at_once([partial(add, org) for org in orgs])
    assert sorted(o is None for o in outcomes) == [False, True]
    assert PartyMember.objects.filter(staff=person, left_on__isnull=True).count() == 1
