"""The leaderboard names people as the rest of the app does (the staff record's name, else family name
first), not by their login, and asks the same number of queries however many people it ranks."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from grassroots.people.models import Gender, Staff, StaffKind
from grassroots.services.selectors import leaderboard
from grassroots.services.task_services import claim_complete, task_claim, task_create


def _done(place, user, points):  # type: ignore[no-untyped-def]
    task = task_create(
        by=place.station_user,
        title="探视",
        kind="family",
        area=place.building,
        places=1,
        points=points,
        deadline=timezone.now() + timedelta(days=1),
    )
    claim_complete(by=user, claim=task_claim(by=user, task=task), note="已探视")


def test_the_leaderboard_shows_names_not_logins(place, client) -> None:  # type: ignore[no-untyped-def]
    Staff.objects.create(
        name="周网格", gender=Gender.MALE, kind=StaffKind.CADRE, area=place.compound, user=place.volunteer
    )
    place.other_volunteer.first_name, place.other_volunteer.last_name = "博", "何"
    place.other_volunteer.save()
    _done(place, place.volunteer, 30)
    _done(place, place.other_volunteer, 20)
    _done(place, place.staff, 10)
    client.force_login(place.station_user)

    page = client.get(reverse("services-leaderboard")).content.decode()

    assert [row["name"] for row in leaderboard(user=place.station_user)] == ["周网格", "何博", "gongzuo"]
    assert ">周网格</td>" in page and ">何博</td>" in page
    assert ">zhiyuan</td>" not in page and ">zhiyuan2</td>" not in page and "博 何" not in page


def test_the_leaderboard_asks_as_many_queries_for_many_people_as_for_one(place, make_user) -> None:  # type: ignore[no-untyped-def]
    _done(place, place.volunteer, 10)
    leaderboard(user=place.station_user)  # the user's grants are read once and kept
    with CaptureQueriesContext(connection) as one:
        leaderboard(user=place.station_user)
    for i in range(4):
        helper = make_user(f"helper{i}", "volunteer", place.compound)
        Staff.objects.create(
            name=f"志愿者{i}",
            gender=Gender.FEMALE,
            kind=StaffKind.VOLUNTEER,
            area=place.compound,
            user=helper,
        )
        _done(place, helper, 5)
    with CaptureQueriesContext(connection) as five:
        board = leaderboard(user=place.station_user)

    assert len(board) == 5 and len(five) == len(one)
