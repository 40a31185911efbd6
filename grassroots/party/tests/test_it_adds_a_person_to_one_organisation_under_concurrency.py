"""Two organisations add the same party member at the same moment, on separate connections: one
takes them, the other is refused (the person's row is locked while their memberships are checked)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from grassroots.core.models import User
from grassroots.party import services
from grassroots.party.models import PartyMember, PartyOrganisation

from .conftest import staff


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_adds_a_person_to_one_organisation_under_concurrency(grid, party) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    person = staff(grid.street, "钱双岗")
    orgs = [party.org_a, party.org_b]
    barrier = threading.Barrier(len(orgs))
    outcomes: list[str] = []

    def add(org: PartyOrganisation) -> None:
        try:
            barrier.wait()
            services.member_add(
                by=User.objects.get(pk=party.hq.pk),
                organisation=PartyOrganisation.objects.get(pk=org.pk),
                staff=person,
                joined_on=timezone.localdate(),
            )
            outcomes.append("added")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add, args=(o,)) for o in orgs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["added", "refused"]
    assert PartyMember.objects.filter(staff=person, left_on__isnull=True).count() == 1
