"""Text typed on a page that is longer than its column is refused beside its box, with the limit and
what was typed kept in the box; nothing is cut, and nothing of the refused step is written."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from grassroots.services.models import DeliveryRound, Request, RequestStatus, StockItem, Task
from grassroots.services.services import green_channel_file, request_accept, request_file, request_finish
from grassroots.services.task_services import delivery_stop_mark


def _beside(page: str, box: str, said: str) -> None:
    assert page.index(f'id="{box}"') < page.index(said), f"{said!r} is not after the {box} box"


def test_a_long_room_is_refused_beside_its_box(place, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)
    room = "2-" + "3" * 25
    response = client.post(
        reverse("services-request-new"),
        {
            "area": place.building.pk,
            "category": "food",
            "channel": "phone",
            "name": "王",
            "phone": "13911112222",
            "details": "要菜",
            "room": room,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    _beside(page, "room", f"房号：最多20个字，已输入{len(room)}个字。")
    assert f'value="{room}"' in page
    assert not Request.objects.exists()


def test_a_long_escort_is_refused_beside_its_box(place, client) -> None:  # type: ignore[no-untyped-def]
    req = green_channel_file(
        by=place.staff,
        area=place.building,
        emergency="dialysis",
        name="李",
        phone="13911112222",
        details="透析",
    )
    client.force_login(place.station_user)
    escort = "张" * 101
    response = client.post(
        reverse("services-request", args=[req.pk]),
        {"action": "dispatch", "escort": escort, "vehicle": "120", "hospital": "市医院"},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    _beside(page, "escort", "escort: at most 100 characters, 101 typed.")
    assert f'value="{escort}"' in page
    req.refresh_from_db()
    assert req.escort == "" and not req.events.filter(action="dispatched").exists()


def test_a_long_rating_comment_undoes_the_confirmation_too(place, client) -> None:  # type: ignore[no-untyped-def]
    req = request_file(
        by=place.staff,
        area=place.building,
        category="food",
        channel="phone",
        name="王",
        phone="13911112222",
        details="要菜",
    )
    request_finish(
        by=place.station_user, request=request_accept(by=place.station_user, request=req), result="已送"
    )
    comment = "好" * 301
    response = client.post(
        reverse("public-status"),
        {
            "reference": req.reference,
            "phone": "13911112222",
            "action": "confirm",
            "rating": "5",
            "comment": comment,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    _beside(page, "comment", "最多300个字")
    assert f'value="{comment}"' in page
    req.refresh_from_db()
    assert req.status == RequestStatus.DONE and req.rating is None


def test_a_long_round_name_and_items_are_refused_together(place, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)
    deadline = timezone.localtime() + timedelta(days=1)
    response = client.post(
        reverse("services-rounds"),
        {
            "name": "轮" * 101,
            "area": place.compound.pk,
            "items": "米" * 301,
            "helpers": "2",
            "deadline": f"{deadline:%Y-%m-%dT%H:%M}",
        },
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"name", "items"}
    assert not DeliveryRound.objects.exists() and not Task.objects.exists()


def test_a_long_stock_unit_is_refused_beside_its_box(place, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)
    response = client.post(
        reverse("services-stock") + f"?post={place.station.pk}",
        {"name": "口罩", "category": "protective", "unit": "一次性医用外科口罩包装盒", "low_threshold": "0"},
    )
    assert response.status_code == 400
    _beside(response.content.decode(), "unit", "最多10个字")
    assert not StockItem.objects.exists()


def test_a_long_reason_for_a_missed_delivery_is_refused_in_the_row(place, client, delivery_round) -> None:  # type: ignore[no-untyped-def]
    stop = delivery_round.stops.first()
    client.force_login(place.station_user)
    reason = "敲" * 201
    response = client.post(
        reverse("services-stop", args=[stop.pk]),
        {"delivered": "0", "reason": reason},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "最多200个字" in page and f'value="{reason}"' in page
    stop.refresh_from_db()
    assert stop.status == "pending"


def test_the_service_refuses_it_on_any_other_path(place, delivery_round) -> None:  # type: ignore[no-untyped-def]
    stop = delivery_round.stops.first()
    with pytest.raises(ValidationError) as refused:
        delivery_stop_mark(by=place.station_user, stop=stop, delivered=False, reason="敲" * 201)
    assert set(refused.value.message_dict) == {"reason"}
