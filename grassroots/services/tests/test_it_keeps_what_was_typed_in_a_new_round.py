"""The new-round form starts empty and, when refused, keeps what was typed: its "items" field once
showed the QueryDict's items() method ("<generator object …>") on every GET."""

from django.urls import reverse

from grassroots.services.models import DeliveryRound


def test_the_items_field_is_empty_on_a_get(place, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)

    page = client.get(reverse("services-rounds")).content.decode()

    assert 'name="items" value=""' in page
    assert "generator object" not in page


def test_a_refused_round_keeps_the_items_typed(place, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)

    page = client.post(
        reverse("services-rounds"),
        {"name": "第三轮", "area": place.building.pk, "items": "米一袋", "helpers": "3", "deadline": ""},
    ).content.decode()

    assert 'name="items" value="米一袋"' in page and 'name="helpers" min="1" value="3"' in page
    assert f'<option value="{place.building.pk}" selected>' in page
    assert not DeliveryRound.objects.exists()
