"""A helper could report a delivery task done, and take its points, before the round was even shared
out: 0 of 62 delivered and 10 points on the leaderboard. Completion now waits for the helper's own
households, each delivered or not delivered with the reason, and points need a delivery."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from grassroots.services.models import Claim, StopStatus
from grassroots.services.selectors import leaderboard
from grassroots.services.task_services import (
    claim_complete,
    delivery_round_split,
    delivery_stop_mark,
    task_claim,
)


def test_nothing_shared_to_the_helper_means_nothing_to_report(place, delivery_round) -> None:  # type: ignore[no-untyped-def]
    rnd = delivery_round
    claim = task_claim(by=place.volunteer, task=rnd.task)

    with pytest.raises(ValidationError) as err:
        claim_complete(by=place.volunteer, claim=claim, note="送完了")

    assert "round" in err.value.message_dict
    claim.refresh_from_db()
    assert claim.completed_at is None and claim.points == 0
    assert leaderboard(user=place.station_user, area=place.compound) == []


def test_every_household_must_be_settled_first(place, delivery_round) -> None:  # type: ignore[no-untyped-def]
    rnd = delivery_round
    claim = task_claim(by=place.volunteer, task=rnd.task)
    delivery_round_split(by=place.station_user, round=rnd)
    stops = list(rnd.stops.filter(helper=place.volunteer).order_by("pk"))
    assert len(stops) == 8
    delivery_stop_mark(by=place.volunteer, stop=stops[0], delivered=True)

    with pytest.raises(ValidationError) as err:
        claim_complete(by=place.volunteer, claim=claim, note="送完了")
    assert "7" in err.value.message_dict["round"][0]

    for stop in stops[1:-1]:
        delivery_stop_mark(by=place.volunteer, stop=stop, delivered=True)
    delivery_stop_mark(by=place.volunteer, stop=stops[-1], delivered=False, reason="家中无人")
    done = claim_complete(by=place.volunteer, claim=claim, note="送完了")

    assert done.completed_at is not None and done.points == rnd.task.points
    assert [(r["user_id"], r["points"]) for r in leaderboard(user=place.station_user)] == [
        (place.volunteer.pk, rnd.task.points)
    ]


def test_no_household_delivered_is_done_without_points(place, delivery_round) -> None:  # type: ignore[no-untyped-def]
    rnd = delivery_round
    claim = task_claim(by=place.volunteer, task=rnd.task)
    delivery_round_split(by=place.station_user, round=rnd)
    for stop in rnd.stops.filter(helper=place.volunteer):
        delivery_stop_mark(by=place.volunteer, stop=stop, delivered=False, reason="楼道封闭")

    done = claim_complete(by=place.volunteer, claim=claim, note="都没送到")

    assert done.completed_at is not None and done.points == 0


def test_a_helper_who_reported_done_gets_no_more_households(place, delivery_round) -> None:  # type: ignore[no-untyped-def]
    rnd = delivery_round
    first = task_claim(by=place.volunteer, task=rnd.task)
    delivery_round_split(by=place.station_user, round=rnd)
    mine = list(rnd.stops.filter(helper=place.volunteer))
    for stop in mine[:4]:
        delivery_stop_mark(by=place.volunteer, stop=stop, delivered=True)
    # The station takes back what is left and waits for a second helper.
    rnd.stops.filter(status=StopStatus.PENDING).update(helper=None)
    claim_complete(by=place.volunteer, claim=first, note="送了一栋")
    task_claim(by=place.other_volunteer, task=rnd.task)

    plan = delivery_round_split(by=place.station_user, round=rnd)

    assert list(plan) == [place.other_volunteer.pk]
    assert rnd.stops.filter(helper=place.volunteer).count() == 4
    assert not rnd.stops.filter(status=StopStatus.PENDING).exclude(helper=place.other_volunteer).exists()


def test_the_task_page_refuses_with_the_reason_and_keeps_the_note(place, delivery_round, client) -> None:  # type: ignore[no-untyped-def]
    rnd = delivery_round
    task_claim(by=place.volunteer, task=rnd.task)
    client.force_login(place.volunteer)
    url = reverse("services-task", args=[rnd.task.pk])

    page = client.get(url).content.decode()
    assert "还没有分给您的住户" in page and 'name="note"' not in page

    got = client.post(url, {"note": "送完了"})
    assert got.status_code == 400
    body = got.content.decode()
    assert "还没有分给您的住户" in body and "辛苦了" not in body
    assert Claim.objects.get(task=rnd.task).completed_at is None
