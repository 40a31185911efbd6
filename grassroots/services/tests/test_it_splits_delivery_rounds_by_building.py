import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from grassroots.services.models import StopStatus
from grassroots.services.selectors import round_progress
from grassroots.services.task_services import (
    delivery_round_split,
    delivery_stop_mark,
    task_claim,
)


def test_every_household_is_listed_and_whole_buildings_go_to_each_helper(place, delivery_round) -> None:  # type: ignore[no-untyped-def]
    rnd = delivery_round
    assert rnd.stops.count() == len(place.households) == 8
    with pytest.raises(ValidationError):
        delivery_round_split(by=place.station_user, round=rnd)
    task_claim(by=place.volunteer, task=rnd.task)
    task_claim(by=place.other_volunteer, task=rnd.task)
    plan = delivery_round_split(by=place.station_user, round=rnd)
    assert sorted(len(buildings) for buildings in plan.values()) == [1, 1]
    for building_id in rnd.stops.values_list("building_id", flat=True).distinct():
        assert rnd.stops.filter(building_id=building_id).values("helper").distinct().count() == 1


def test_each_household_is_marked_delivered_or_why_not(place, delivery_round) -> None:  # type: ignore[no-untyped-def]
    rnd = delivery_round
    task_claim(by=place.volunteer, task=rnd.task)
    delivery_round_split(by=place.station_user, round=rnd)
    first, second, third = list(rnd.stops.order_by("pk"))[:3]
    delivery_stop_mark(by=place.volunteer, stop=first, delivered=True)
    with pytest.raises(ValidationError):
        delivery_stop_mark(by=place.volunteer, stop=second, delivered=False, reason="")
    delivery_stop_mark(by=place.volunteer, stop=second, delivered=False, reason="家中无人")
    with pytest.raises(PermissionDenied):
        delivery_stop_mark(by=place.other_volunteer, stop=third, delivered=True)
    progress = round_progress(rnd)
    assert (progress.total, progress.delivered, progress.failed, progress.pending) == (8, 1, 1, 6)
    assert {b["helper"] for b in progress.by_building} == {"zhiyuan"}
    place.volunteer.last_name, place.volunteer.first_name = "赵", "志愿"
    place.volunteer.save()
    # Named as every page names a person: family name first, not the login.
    assert {b["helper"] for b in round_progress(rnd).by_building} == {"赵志愿"}
    second.refresh_from_db()
    assert second.status == StopStatus.FAILED and second.reason == "家中无人"
