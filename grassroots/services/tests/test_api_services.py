"""The services API as the issue lists it, including its 409s."""

from datetime import timedelta

from django.utils import timezone

from grassroots.services.models import StockItem

REQUEST = {
    "area": 0,
    "category": "medicine",
    "channel": "phone",
    "name": "周大爷",
    "phone": "13911112222",
    "details": "需要降压药",
    "room": "1-101",
}


def test_a_request_is_filed_read_and_walked_through_its_steps(place, api) -> None:  # type: ignore[no-untyped-def]
    client = api(place.station_user)
    made = client.post(
        "/api/v1/requests", {**REQUEST, "area": place.building.pk}, content_type="application/json"
    )
    assert made.status_code == 201
    body = made.json()
    assert {"id", "reference", "deadline", "status", "overdue", "level"} <= set(body)
    assert body["status"] == "new" and body["household"] is not None
    rid = body["id"]
    assert client.get(f"/api/v1/requests/{rid}").json()["reference"] == body["reference"]
    assert client.post(f"/api/v1/requests/{rid}/finish").status_code == 400
    assert client.post(f"/api/v1/requests/{rid}/accept").json()["status"] == "accepted"
    finished = client.post(
        f"/api/v1/requests/{rid}/finish", {"result": "已送药"}, content_type="application/json"
    )
    assert finished.json()["status"] == "done" and finished.json()["result"] == "已送药"
    assert client.post(f"/api/v1/requests/{rid}/confirm").json()["status"] == "confirmed"
    assert api(place.outsider).get(f"/api/v1/requests/{rid}").status_code == 404


def test_a_green_channel_case_comes_back_with_its_acceptance_time(place, api) -> None:  # type: ignore[no-untyped-def]
    got = api(place.staff).post(
        "/api/v1/requests",
        {**REQUEST, "area": place.building.pk, "kind": "green_channel", "emergency": "dialysis"},
        content_type="application/json",
    )
    assert got.status_code == 201
    assert got.json()["kind"] == "green_channel" and got.json()["accept_by"]


def test_bad_input_names_the_field(place, api) -> None:  # type: ignore[no-untyped-def]
    got = api(place.station_user).post(
        "/api/v1/requests",
        {**REQUEST, "area": place.building.pk, "phone": "1"},
        content_type="application/json",
    )
    assert got.status_code == 400 and got.json()["errors"][0]["field"] == "phone"


def test_tasks_are_published_listed_and_claimed_with_409s(place, api) -> None:  # type: ignore[no-untyped-def]
    deadline = (timezone.now() + timedelta(hours=4)).isoformat()
    made = api(place.station_user).post(
        "/api/v1/tasks",
        {
            "title": "配送物资",
            "kind": "delivery",
            "area": place.building.pk,
            "places": 1,
            "deadline": deadline,
        },
        content_type="application/json",
    )
    assert made.status_code == 201
    tid = made.json()["id"]
    volunteer, other = api(place.volunteer), api(place.other_volunteer)
    listed = volunteer.get(f"/api/v1/tasks?area={place.compound.pk}&status=open").json()
    assert [t["id"] for t in listed["items"]] == [tid]
    assert volunteer.post(f"/api/v1/tasks/{tid}/claim").status_code == 200
    again = volunteer.post(f"/api/v1/tasks/{tid}/claim")
    assert again.status_code == 409 and again.json()["detail"]
    assert other.post(f"/api/v1/tasks/{tid}/claim").status_code == 409
    assert other.get("/api/v1/tasks?status=open").json()["count"] == 0
    assert api(place.outsider).post(f"/api/v1/tasks/{tid}/claim").status_code == 404


def test_stock_is_listed_per_post_and_an_issue_past_zero_is_409(place, api) -> None:  # type: ignore[no-untyped-def]
    item = StockItem.objects.create(post=place.station, name="口罩", category="protective", quantity=3)
    client = api(place.station_user)
    listed = client.get(f"/api/v1/stock?post={place.station.pk}").json()
    assert [(i["name"], i["quantity"]) for i in listed["items"]] == [("口罩", 3)]
    ok = client.post("/api/v1/stock/issue", {"item": item.pk, "quantity": 2}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["balance"] == 1
    short = client.post(
        "/api/v1/stock/issue", {"item": item.pk, "quantity": 2}, content_type="application/json"
    )
    assert short.status_code == 409
    item.refresh_from_db()
    assert item.quantity == 1
    assert api(place.outsider).get(f"/api/v1/stock?post={place.station.pk}").status_code == 404
