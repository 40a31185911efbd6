"""A member's own card page links to the public card while the public can see it, and says why not otherwise."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grassroots.deployment import models as deployment
from grassroots.party import services


def my_card(party) -> str:  # type: ignore[no-untyped-def]
    client = Client(headers={"accept-language": "en"})
    client.force_login(party.member_user)
    return client.get(reverse("party-my-card")).content.decode()


@pytest.mark.django_db
def test_on_duty_the_page_links_the_public_card(party):  # type: ignore[no-untyped-def]
    page = my_card(party)
    assert reverse("party-card-public", args=[party.wang.card]) in page
    assert Client().get(reverse("party-card-public", args=[party.wang.card])).status_code == 200


@pytest.mark.django_db
def test_off_duty_the_page_says_so_and_links_nothing_that_would_fail(party):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    deployment.Leave.objects.create(
        staff=party.wang.staff, starts_on=today, ends_on=today + timedelta(days=1)
    )

    page = my_card(party)

    assert reverse("party-card-public", args=[party.wang.card]) not in page
    assert "the public sees your card while you are on duty" in page
    assert Client().get(reverse("party-card-public", args=[party.wang.card])).status_code == 404


@pytest.mark.django_db
def test_a_hidden_card_is_said_to_be_hidden(party):  # type: ignore[no-untyped-def]
    services.card_update(
        by=party.member_user,
        member=party.wang,
        pledge="",
        shows_phone=False,
        shows_department=False,
        shows_card=False,
    )

    page = my_card(party)

    assert reverse("party-card-public", args=[party.wang.card]) not in page
    assert "chose to hide the card" in page
