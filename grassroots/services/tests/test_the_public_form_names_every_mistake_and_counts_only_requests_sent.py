"""The building's public page: an empty form said only "Please give your room number.", every failed
try counted against the hour's limit, and reloading the "Request sent" page filed the request again."""

from django.test import Client
from django.urls import reverse

from grassroots.services import rules
from grassroots.services.models import PublicAttempt, Request

GOOD = {
    "name": "孙阿姨",
    "room": "1-102",
    "phone": "13911112222",
    "category": "food",
    "details": "家里没菜了",
}


def _url(place) -> str:  # type: ignore[no-untyped-def]
    return reverse("public-request", args=[rules.building_token(place.building)])


def test_an_empty_form_names_every_field_beside_it_and_keeps_what_was_typed(place) -> None:  # type: ignore[no-untyped-def]
    got = Client().post(_url(place), {"name": "", "room": "", "phone": "12", "category": "", "details": ""})

    assert got.status_code == 400
    assert set(got.context["errors"]) == {"name", "room", "phone", "category", "details"}
    body = got.content.decode()
    assert "请填写房号。" in body and "请描述您的需求。" in body and 'value="12"' in body
    assert not Request.objects.exists()


def test_only_requests_that_pass_the_checks_count_against_the_limit(place, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SERVICES_PUBLIC_LIMITS = {"file": {"ip": 10, "phone": 2}, "lookup": {"ip": 3, "phone": 3}}
    client = Client(REMOTE_ADDR="10.9.8.7")

    fixing = [client.post(_url(place), {**GOOD, "room": ""}).status_code for _ in range(5)]
    assert fixing == [400] * 5 and not PublicAttempt.objects.exists()

    sent = [client.post(_url(place), GOOD).status_code for _ in range(3)]
    assert sent == [302, 302, 429]
    assert Request.objects.count() == 2
    # The same phone written another way is the same phone.
    assert client.post(_url(place), {**GOOD, "phone": "139 1111 2222"}).status_code == 429


def test_the_sent_page_is_reached_by_redirect_and_reloads_without_filing_again(place) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    posted = client.post(_url(place), GOOD)
    req = Request.objects.get()
    assert posted.status_code == 302

    for _reload in range(2):
        page = client.get(posted["Location"])
        assert page.status_code == 200 and req.reference in page.content.decode()
    assert Request.objects.count() == 1


def test_the_sent_page_shows_no_one_else_s_request(place) -> None:  # type: ignore[no-untyped-def]
    Client().post(_url(place), GOOD)
    req = Request.objects.get()
    token = rules.filed_token(req)
    other_building = rules.building_token(place.grid.buildings[1])

    assert Client().get(f"{_url(place)}?sent={req.reference}-0000000000").status_code == 404
    assert Client().get(f"/r/{other_building}/?sent={token}").status_code == 404
    forged = Client().get(f"{_url(place)}?sent=ABCDEFGH-{token.split('-')[1]}")
    assert forged.status_code == 404
