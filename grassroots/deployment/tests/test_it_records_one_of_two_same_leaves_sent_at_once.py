"""The same leave sent twice at the same moment, on separate connections: one is recorded, the
other refused as overlapping (the person's row is locked while the overlap is checked)."""

import datetime as dt

import pytest
from django.db import connection

from grassroots.core.models import AccessGrant, User
from grassroots.deployment.models import Leave
from grassroots.deployment.services_rota import leave_record
from tests.concurrency import at_once

from .factories import person


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_records_one_of_two_same_leaves_sent_at_once(grid) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    station = User.objects.create_user(username="st", password="pw-12345678")
    AccessGrant.objects.create(user=station, area=grid.compound, role="station")
    staff = person(grid.compound, name="甲")
    racers = 4
    outcomes = at_once(
        [
            lambda: leave_record(
                by=User.objects.get(pk=station.pk),
                staff=staff,
                starts_on=dt.date(2026, 12, 8),
                ends_on=dt.date(2026, 12, 10),
            )
        ]
        * racers
    )
    assert sum(o is None for o in outcomes) == 1
    assert Leave.objects.filter(staff=staff).count() == 1
