from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grassroots.core.models import Role
from grassroots.party.models import Activity


@pytest.mark.django_db
def test_a_station_records_an_activity_with_its_attendees(grid, make_user, party):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(make_user("station", Role.STATION, grid.compound))
    url = reverse("party-activity-record", args=[party.org_a.pk])
    before = client.post(
        url,
        {"kind": "oath", "title": "重温入党誓词", "held_on": party.founded - timedelta(days=1)},
    )
    assert before.status_code == 200 and list(before.context["form"].errors) == ["held_on"]
    got = client.post(
        url,
        {
            "kind": "oath",
            "title": "重温入党誓词",
            "held_on": timezone.localdate(),
            "attendees": [party.wang.pk, party.li.pk],
            "notes": "全体到场",
        },
    )
    assert got.status_code == 302
    activity = Activity.objects.get(organisation=party.org_a)
    assert activity.attendees.count() == 2 and activity.notes == "全体到场"
