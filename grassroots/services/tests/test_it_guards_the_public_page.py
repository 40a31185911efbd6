"""The building's public request page: no login, validated, rate-limited, gives a reference."""

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.services import rules
from grassroots.services.models import Request, RequestChannel, RequestStatus
from grassroots.services.services import request_accept, request_finish

GOOD = {
    "name": "孙阿姨",
    "room": "1-102",
    "phone": "13911112222",
    "category": "food",
    "details": "家里没菜了",
}


def _url(place) -> str:  # type: ignore[no-untyped-def]
    return reverse("public-request", args=[rules.building_token(place.building)])


def test_a_resident_files_without_logging_in_and_gets_a_reference(place) -> None:  # type: ignore[no-untyped-def]
    got = Client().post(_url(place), GOOD, follow=True)
    assert got.status_code == 200
    req = Request.objects.get()
    assert req.reference in got.content.decode()
    assert req.channel == RequestChannel.PUBLIC and req.created_by is None
    assert req.area == place.building and req.household is not None


def test_a_guessed_or_forged_link_is_not_found(place) -> None:  # type: ignore[no-untyped-def]
    assert Client().get(f"/r/{place.building.pk}-0000000000/").status_code == 404
    assert (
        Client()
        .get(f"/r/{place.compound.pk}-{rules.building_token(place.compound).split('-')[1]}/")
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("field", "bad"), [("phone", "123"), ("name", ""), ("room", ""), ("details", ""), ("category", "x")]
)
def test_it_names_the_bad_field(place, field, bad) -> None:  # type: ignore[no-untyped-def]
    got = Client().post(_url(place), {**GOOD, field: bad})
    assert got.status_code == 400
    assert not Request.objects.exists()
    assert got.context["errors"].get(field)


def test_it_limits_each_phone_and_each_address(place, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SERVICES_PUBLIC_LIMITS = {"file": {"ip": 5, "phone": 2}, "lookup": {"ip": 3, "phone": 3}}
    client = Client(REMOTE_ADDR="10.9.8.7")
    assert [client.post(_url(place), GOOD).status_code for _ in range(3)] == [302, 302, 429]
    others = [client.post(_url(place), {**GOOD, "phone": f"1390000000{i}"}).status_code for i in range(3)]
    assert others == [302, 302, 429]
    assert Request.objects.count() == 4
    assert (
        Client(REMOTE_ADDR="10.9.8.8").post(_url(place), {**GOOD, "phone": "13900000009"}).status_code == 302
    )


def test_the_resident_follows_confirms_and_rates(place) -> None:  # type: ignore[no-untyped-def]
    Client().post(_url(place), GOOD)
    req = Request.objects.get()
    status = reverse("public-status")
    wrong = Client().post(status, {"reference": req.reference, "phone": "13900000000"})
    assert wrong.context["req"] is None and wrong.context["error"]
    seen = Client().post(status, {"reference": req.reference.lower(), "phone": GOOD["phone"]})
    assert seen.context["req"].pk == req.pk
    request_accept(by=place.staff, request=req)
    request_finish(by=place.staff, request=req, result="已送菜")
    Client().post(
        status, {"reference": req.reference, "phone": GOOD["phone"], "action": "confirm", "rating": "4"}
    )
    req.refresh_from_db()
    assert req.status == RequestStatus.CONFIRMED and req.rating == 4
    again = Client().post(status, {"reference": req.reference, "phone": GOOD["phone"], "rating": "1"})
    assert again.context["error"]
    req.refresh_from_db()
    assert req.rating == 4
