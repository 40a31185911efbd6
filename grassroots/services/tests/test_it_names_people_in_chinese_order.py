"""Services pages name a person as Chinese readers expect: the staff record's name, else family name
then given name with no space (何博, where Django's default full name reads "博 何"), else the login name."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from grassroots.people.models import Gender, Staff, StaffKind
from grassroots.services.selectors import person_name
from grassroots.services.services import request_accept, request_file
from grassroots.services.stock_services import stock_item_create, stock_receive
from grassroots.services.task_services import task_claim, task_create


def test_the_name_prefers_the_staff_record_then_family_name_first(place, make_user) -> None:  # type: ignore[no-untyped-def]
    named = make_user("hebo", first_name="博", last_name="何")
    Staff.objects.create(
        name="周指挥", gender=Gender.MALE, kind=StaffKind.CADRE, area=place.compound, user=named
    )
    named.refresh_from_db()

    assert person_name(named) == "周指挥"
    assert person_name(make_user("libai", first_name="白", last_name="李")) == "李白"
    assert person_name(make_user("nobody")) == "nobody"


def test_the_request_timeline_names_the_actor_family_name_first(place, client) -> None:  # type: ignore[no-untyped-def]
    place.station_user.first_name, place.station_user.last_name = "博", "何"
    place.station_user.save()
    req = request_file(
        by=place.staff,
        area=place.building,
        category="food",
        channel="phone",
        name="王",
        phone="13911112222",
        details="要菜",
    )
    request_accept(by=place.station_user, request=req)
    client.force_login(place.station_user)

    page = client.get(reverse("services-request", args=[req.pk])).content.decode()

    assert " · 何博" in page and "博 何" not in page
    assert req.events.get(action="accepted").actor_name == "何博"


def test_the_claimants_are_named_family_name_first(place, client) -> None:  # type: ignore[no-untyped-def]
    place.volunteer.first_name, place.volunteer.last_name = "博", "何"
    place.volunteer.save()
    task = task_create(
        by=place.station_user,
        title="探视",
        kind="family",
        area=place.building,
        places=2,
        deadline=timezone.now() + timedelta(days=1),
    )
    task_claim(by=place.volunteer, task=task)
    client.force_login(place.station_user)

    page = client.get(reverse("services-task", args=[task.pk])).content.decode()

    assert "<li>何博 · " in page and "博 何" not in page


def test_the_stock_moves_name_the_staff_member_not_the_login(place, client) -> None:  # type: ignore[no-untyped-def]
    Staff.objects.create(
        name="周站长", gender=Gender.MALE, kind=StaffKind.CADRE, area=place.compound, user=place.station_user
    )
    item = stock_item_create(by=place.station_user, post=place.station, name="口罩", category="protective")
    stock_receive(by=place.station_user, item=item, quantity=5)
    client.force_login(place.station_user)

    page = client.get(reverse("services-stock-item", args=[item.pk])).content.decode()

    assert ">周站长</td>" in page and ">zhan</td>" not in page


def test_the_home_page_greets_in_chinese_order(make_user, grid) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    client = Client()
    client.force_login(make_user("hb", "station", grid.compound, first_name="博", last_name="何"))
    assert "欢迎，何博" in client.get("/").content.decode()
