"""Every services page renders for the station with data in it, and its forms write through the services."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from grassroots.residents.models import CareTag
from grassroots.services.models import GreenChannelPlan, Request, RequestKind, StockItem
from grassroots.services.plan_services import green_channel_plan_create
from grassroots.services.services import green_channel_file, request_file
from grassroots.services.stock_services import stock_item_create, stock_receive
from grassroots.services.task_services import delivery_round_create, task_claim, task_create


def _fill(place):  # type: ignore[no-untyped-def]
    req = request_file(
        by=place.staff,
        area=place.building,
        category="food",
        channel="phone",
        name="王",
        phone="13911112222",
        details="要菜",
        now=timezone.now() - timedelta(days=3),
    )
    green = green_channel_file(
        by=place.staff,
        area=place.building,
        emergency="dialysis",
        name="李",
        phone="13911112222",
        details="透析",
    )
    task = task_create(
        by=place.station_user,
        title="探视",
        kind="family",
        area=place.building,
        places=2,
        deadline=timezone.now() + timedelta(days=1),
    )
    task_claim(by=place.station_user, task=task)
    rnd = delivery_round_create(
        by=place.station_user,
        name="配送",
        area=place.compound,
        items="米",
        helpers=1,
        deadline=timezone.now() + timedelta(days=1),
    )
    item = stock_item_create(by=place.station_user, post=place.station, name="口罩", category="protective")
    stock_receive(by=place.station_user, item=item, quantity=5)
    resident = place.households[0].residents.get()
    resident.care_tags.add(CareTag.objects.get(name="慢性病需透析"))
    plan = green_channel_plan_create(
        by=place.station_user,
        resident=resident,
        emergency="dialysis",
        hospital="市医院",
        weekdays=[1, 4],
        depart_time=timezone.now().time(),
    )
    return req, green, task, rnd, item, plan


def test_every_page_renders(place, client) -> None:  # type: ignore[no-untyped-def]
    req, green, task, rnd, item, _plan = _fill(place)
    client.force_login(place.station_user)
    pages = [
        reverse("services-board"),
        reverse("services-requests") + "?status=open",
        reverse("services-request-new"),
        reverse("services-request-new") + "?kind=green",
        reverse("services-request", args=[req.pk]),
        reverse("services-request", args=[green.pk]),
        reverse("services-plans"),
        reverse("services-tasks"),
        reverse("services-task-new"),
        reverse("services-task", args=[task.pk]),
        reverse("services-leaderboard"),
        reverse("services-rounds"),
        reverse("services-round", args=[rnd.pk]),
        reverse("services-stock") + f"?post={place.station.pk}",
        reverse("services-stock-item", args=[item.pk]),
        reverse("services-posters", args=[place.compound.pk]),
        reverse("public-status"),
    ]
    for url in pages:
        got = client.get(url)
        assert got.status_code == 200, url
    board = client.get(reverse("services-board")).content.decode()
    assert req.reference in board and green.reference in board and "已超时" in board


def test_a_request_becomes_a_task_to_claim(place, client) -> None:  # type: ignore[no-untyped-def]
    req = _fill(place)[0]
    client.force_login(place.station_user)
    form = client.get(reverse("services-task-new") + f"?request={req.pk}")
    assert req.reference in form.content.decode()
    made = client.post(
        reverse("services-task-new"),
        {
            "request": req.pk,
            "title": "送菜",
            "kind": "request",
            "area": place.building.pk,
            "places": "1",
            "deadline": (timezone.localtime() + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert made.status_code == 302
    assert req.tasks.get().title == "送菜"
    client.force_login(place.outsider)
    assert client.get(reverse("services-task-new") + f"?request={req.pk}").status_code == 404


def test_the_forms_write(place, client) -> None:  # type: ignore[no-untyped-def]
    _req, green, _task, rnd, item, plan = _fill(place)
    client.force_login(place.station_user)
    filed = client.post(
        reverse("services-request-new"),
        {
            "area": place.building.pk,
            "category": "repairs",
            "urgency": "normal",
            "channel": "visit",
            "name": "赵",
            "room": "2-102",
            "phone": "13911112222",
            "details": "灯坏了",
        },
    )
    assert filed.status_code == 302 and Request.objects.filter(details="灯坏了").exists()
    client.post(reverse("services-request", args=[green.pk]), {"action": "accept"})
    client.post(
        reverse("services-request", args=[green.pk]),
        {"action": "dispatch", "escort": "刘", "vehicle": "吉C·1", "hospital": "市医院"},
    )
    green.refresh_from_db()
    assert green.status == "accepted" and green.vehicle == "吉C·1"
    client.post(reverse("services-stock-item", args=[item.pk]), {"action": "issue", "quantity": "9"})
    item.refresh_from_db()
    assert item.quantity == 5
    client.post(reverse("services-stock-item", args=[item.pk]), {"action": "issue", "quantity": "2"})
    assert StockItem.objects.get(pk=item.pk).quantity == 3
    opened = client.post(reverse("services-plan-file", args=[plan.pk]))
    assert opened.status_code == 302
    assert Request.objects.filter(plan=plan, kind=RequestKind.GREEN_CHANNEL, hospital="市医院").exists()
    made = client.post(
        reverse("services-plans"),
        {
            "resident": plan.resident_id,
            "emergency": "chemotherapy",
            "hospital": "肿瘤医院",
            "weekdays": ["2"],
            "depart_time": "08:30",
        },
    )
    assert made.status_code == 302 and GreenChannelPlan.objects.filter(hospital="肿瘤医院").exists()
    stop = rnd.stops.first()
    marked = client.post(
        reverse("services-stop", args=[stop.pk]), {"delivered": "0", "reason": "无人"}, HTTP_HX_REQUEST="true"
    )
    assert marked.status_code == 200 and "无人" in marked.content.decode()
