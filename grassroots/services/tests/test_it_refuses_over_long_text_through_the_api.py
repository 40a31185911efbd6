"""Text typed through the API that is longer than its column is refused with a 400 naming the field
and its limit, not cut to fit; nothing of the refused call is written."""

from datetime import timedelta

from django.utils import timezone

from grassroots.services.models import Request, StockMove, Task
from grassroots.services.stock_services import stock_item_create, stock_receive

REQUEST = {
    "category": "medicine",
    "channel": "phone",
    "name": "周大爷",
    "phone": "13911112222",
    "details": "需要降压药",
}


def _field(response, field):  # type: ignore[no-untyped-def]
    assert response.status_code == 400
    return next(e["message"] for e in response.json()["errors"] if e["field"] == field)


def test_a_long_room_or_hospital_is_refused_by_name(place, api) -> None:  # type: ignore[no-untyped-def]
    client = api(place.station_user)
    room = "2号楼3单元" + "1" * 20
    response = client.post(
        "/api/v1/requests",
        {**REQUEST, "area": place.building.pk, "room": room},
        content_type="application/json",
        headers={"accept-language": "en"},
    )
    assert _field(response, "room") == f"room: at most 20 characters, {len(room)} typed."

    green = client.post(
        "/api/v1/requests",
        {
            **REQUEST,
            "kind": "green_channel",
            "emergency": "dialysis",
            "area": place.building.pk,
            "hospital": "院" * 101,
        },
        content_type="application/json",
    )
    assert "100" in _field(green, "hospital")
    assert not Request.objects.exists()


def test_a_long_close_reason_is_refused_and_the_request_stays_open(place, api) -> None:  # type: ignore[no-untyped-def]
    client = api(place.station_user)
    rid = client.post(
        "/api/v1/requests", {**REQUEST, "area": place.building.pk}, content_type="application/json"
    ).json()["id"]
    response = client.post(
        f"/api/v1/requests/{rid}/close", {"reason": "重" * 301}, content_type="application/json"
    )
    assert "300" in _field(response, "reason")
    assert Request.objects.get(pk=rid).status == "new"


def test_a_long_task_title_is_refused(place, api) -> None:  # type: ignore[no-untyped-def]
    response = api(place.station_user).post(
        "/api/v1/tasks",
        {
            "title": "探" * 101,
            "kind": "family",
            "area": place.building.pk,
            "places": 1,
            "deadline": (timezone.now() + timedelta(days=1)).isoformat(),
        },
        content_type="application/json",
    )
    assert "100" in _field(response, "title")
    assert not Task.objects.exists()


def test_a_long_stock_note_takes_nothing_off_the_shelf(place, api) -> None:  # type: ignore[no-untyped-def]
    item = stock_item_create(by=place.station_user, post=place.station, name="口罩", category="protective")
    stock_receive(by=place.station_user, item=item, quantity=10)
    client = api(place.station_user)

    issued = client.post(
        "/api/v1/stock/issue",
        {"item": item.pk, "quantity": 3, "to_whom": "人" * 101, "note": "注" * 201},
        content_type="application/json",
    )
    assert "100" in _field(issued, "to_whom") and "200" in _field(issued, "note")
    received = client.post(
        "/api/v1/stock/receive",
        {"item": item.pk, "quantity": 3, "note": "注" * 201},
        content_type="application/json",
    )
    assert "200" in _field(received, "note")
    item.refresh_from_db()
    assert item.quantity == 10 and StockMove.objects.count() == 1
