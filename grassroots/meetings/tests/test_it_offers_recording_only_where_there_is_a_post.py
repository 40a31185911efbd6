"""Meetings and decisions are recorded for a station or centre: the lists offer it only to those with one."""

import pytest
from django.test import Client
from django.urls import reverse


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("page", "new"), [("meeting-list", "meeting-new"), ("decision-list", "decision-new")]
)
def test_a_station_is_offered_the_form(team, page, new):  # type: ignore[no-untyped-def]
    client = client_for(team.user)
    assert f'href="{reverse(new)}"' in client.get(reverse(page)).content.decode()
    assert client.get(reverse(new)).status_code == 200


@pytest.mark.parametrize(
    ("page", "new"), [("meeting-list", "meeting-new"), ("decision-list", "decision-new")]
)
def test_an_area_without_a_station_or_centre_is_not(team, grid, make_user, page, new):  # type: ignore[no-untyped-def]
    client = client_for(make_user("cun", "community", grid.communities[-1]))
    assert f'href="{reverse(new)}"' not in client.get(reverse(page)).content.decode()
    assert client.get(reverse(new)).status_code == 403
