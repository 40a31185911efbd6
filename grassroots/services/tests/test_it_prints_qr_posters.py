from django.urls import reverse

from grassroots.services import rules


def test_a_compound_gets_one_poster_per_building(place, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)
    got = client.get(reverse("services-posters", args=[place.compound.pk]))
    assert got.status_code == 200
    body = got.content.decode()
    assert body.count("<svg") == 2
    assert rules.building_token(place.building) in body


def test_the_png_is_a_png_and_only_in_scope(place, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)
    got = client.get(reverse("services-poster-png", args=[place.building.pk]))
    assert got.status_code == 200 and got["Content-Type"] == "image/png"
    assert got.content.startswith(b"\x89PNG")
    client.force_login(place.outsider)
    assert client.get(reverse("services-poster-png", args=[place.building.pk])).status_code == 404
