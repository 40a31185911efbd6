from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from grassroots.services.models import EventAction, RequestChannel, RequestStatus
from grassroots.services.services import (
    request_accept,
    request_close,
    request_confirm,
    request_file,
    request_finish,
    request_rate,
    request_start,
)


def _file(place, **extra):  # type: ignore[no-untyped-def]
    fields = {
        "by": place.staff,
        "area": place.building,
        "category": "medicine",
        "channel": RequestChannel.WECHAT,
        "name": "王阿姨",
        "phone": "13911112222",
        "details": "降压药快吃完了",
        "room": "1-101",
    }
    fields.update(extra)
    return request_file(**fields)


def test_it_walks_every_step_and_times_each_with_who(place) -> None:  # type: ignore[no-untyped-def]
    t0 = timezone.now()
    req = _file(place, now=t0)
    assert req.status == RequestStatus.NEW and len(req.reference) == 8
    assert req.deadline == t0 + timedelta(hours=6)
    assert req.household is not None and (req.household.room, req.household.area) == ("101", place.unit)
    assert req.resident is not None
    request_accept(by=place.station_user, request=req, now=t0 + timedelta(minutes=5))
    request_start(by=place.staff, request=req, now=t0 + timedelta(minutes=10))
    request_finish(by=place.staff, request=req, result="送药上门", now=t0 + timedelta(hours=1))
    request_confirm(by=None, request=req, now=t0 + timedelta(hours=2))
    request_rate(request=req, rating=5, comment="很及时", now=t0 + timedelta(hours=3))
    req.refresh_from_db()
    assert req.status == RequestStatus.CONFIRMED and req.rating == 5
    assert req.accepted_by == place.station_user and req.done_by == place.staff
    steps = [(e.action, e.actor_name) for e in req.events.all()]
    assert [a for a, _ in steps] == [
        EventAction.FILED,
        EventAction.ACCEPTED,
        EventAction.STARTED,
        EventAction.DONE,
        EventAction.CONFIRMED,
        EventAction.RATED,
    ]
    assert steps[1][1] == "zhan"


def test_it_refuses_steps_out_of_order(place) -> None:  # type: ignore[no-untyped-def]
    req = _file(place)
    with pytest.raises(ValidationError) as err:
        request_finish(by=place.staff, request=req, result="送药上门")
    assert "status" in err.value.message_dict
    with pytest.raises(ValidationError):
        request_confirm(by=None, request=req)
    with pytest.raises(ValidationError):
        request_rate(request=req, rating=4)
    request_accept(by=place.staff, request=req)
    with pytest.raises(ValidationError):
        request_accept(by=place.staff, request=req)


def test_it_closes_only_with_a_reason(place) -> None:  # type: ignore[no-untyped-def]
    req = _file(place)
    with pytest.raises(ValidationError) as err:
        request_close(by=place.staff, request=req, reason="  ")
    assert "reason" in err.value.message_dict
    request_close(by=place.staff, request=req, reason="居民已自行解决")
    req.refresh_from_db()
    assert req.status == RequestStatus.CLOSED and req.close_reason == "居民已自行解决"
    with pytest.raises(ValidationError):
        request_accept(by=place.staff, request=req)


def test_it_lets_only_staff_in_scope_work_on_it(place) -> None:  # type: ignore[no-untyped-def]
    req = _file(place)
    with pytest.raises(PermissionDenied):
        request_accept(by=place.volunteer, request=req)
    with pytest.raises(PermissionDenied):
        request_accept(by=place.outsider, request=req)
    with pytest.raises(PermissionDenied):
        _file(place, by=place.outsider)


def test_it_validates_what_it_files(place) -> None:  # type: ignore[no-untyped-def]
    for field, bad in (
        ("phone", "12"),
        ("category", "weather"),
        ("details", " "),
        ("name", ""),
        ("area", None),
    ):
        extra = (
            {field: bad} if field != "area" else {"area": place.grid.community, "by": place.community_user}
        )
        with pytest.raises(ValidationError) as err:
            _file(place, **extra)
        assert field in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        _file(place, channel=RequestChannel.PUBLIC)
    assert "channel" in err.value.message_dict


def test_it_halves_the_time_for_urgent_needs(place) -> None:  # type: ignore[no-untyped-def]
    t0 = timezone.now()
    req = _file(place, category="repairs", urgency="urgent", now=t0)
    assert req.deadline == t0 + timedelta(hours=12)


def test_a_volunteer_sees_only_the_requests_they_filed(place) -> None:  # type: ignore[no-untyped-def]
    from grassroots.services.selectors import request_list

    theirs = _file(place, by=place.volunteer)
    staffs = _file(place)
    assert list(request_list(user=place.volunteer)) == [theirs]
    assert set(request_list(user=place.station_user)) == {theirs, staffs}
