"""Escalation levels come from stored times; hand-made timelines check each boundary."""

from datetime import timedelta

from django.utils import timezone

from grassroots.core.models import Notification
from grassroots.services import rules
from grassroots.services.models import EventAction, RequestChannel
from grassroots.services.services import green_channel_file, request_accept, request_escalate, request_file


def _green(place, t0):  # type: ignore[no-untyped-def]
    return green_channel_file(
        by=place.staff,
        area=place.building,
        emergency="dialysis",
        name="李大爷",
        phone="13911112222",
        details="透析时间到了,需要车辆",
        now=t0,
    )


def test_a_green_case_moves_up_one_level_per_missed_window(place, settings) -> None:  # type: ignore[no-untyped-def]
    settings.GREEN_CHANNEL_ACCEPT_MINUTES = 10
    t0 = timezone.now()
    req = _green(place, t0)
    assert req.accept_by == t0 + timedelta(minutes=10)
    minute = timedelta(minutes=1)
    expected = {0: 0, 9: 0, 10: 1, 19: 1, 20: 2, 29: 2, 30: 3, 300: 3}
    for minutes, level in expected.items():
        assert rules.level_at(req, t0 + minutes * minute) == level, minutes


def test_acceptance_freezes_the_level_it_had_reached(place) -> None:  # type: ignore[no-untyped-def]
    t0 = timezone.now()
    req = _green(place, t0)
    request_accept(by=place.staff, request=req, now=t0 + timedelta(minutes=12))
    req.refresh_from_db()
    assert rules.level_at(req, t0 + timedelta(hours=5)) == 1
    assert rules.next_escalation_at(req, t0 + timedelta(hours=5)) is None


def test_the_window_is_configurable(place, settings) -> None:  # type: ignore[no-untyped-def]
    settings.GREEN_CHANNEL_ACCEPT_MINUTES = 3
    t0 = timezone.now()
    req = _green(place, t0)
    assert rules.level_at(req, t0 + timedelta(minutes=3)) == 1
    assert rules.next_escalation_at(req, t0 + timedelta(minutes=4)) == t0 + timedelta(minutes=6)


def test_an_overdue_request_goes_to_the_community(place) -> None:  # type: ignore[no-untyped-def]
    t0 = timezone.now()
    req = request_file(
        by=place.staff,
        area=place.building,
        category="food",
        channel=RequestChannel.PHONE,
        name="张女士",
        phone="13911112222",
        details="需要蔬菜",
        now=t0,
    )
    assert not rules.is_overdue(req, t0 + timedelta(hours=12))
    assert rules.level_at(req, t0 + timedelta(hours=12)) == 0
    assert rules.is_overdue(req, t0 + timedelta(hours=12, seconds=1))
    assert rules.level_at(req, t0 + timedelta(hours=12, seconds=1)) == 1
    assert rules.level_area(place.building, 1) == place.grid.community


def test_the_worker_tells_each_level_once(place) -> None:  # type: ignore[no-untyped-def]
    t0 = timezone.now()
    req = _green(place, t0)
    at_filing = Notification.objects.filter(recipient=place.community_user).count()
    assert at_filing == 1
    assert request_escalate(request_id=req.pk, now=t0 + timedelta(minutes=5)) == 0
    assert request_escalate(request_id=req.pk, now=t0 + timedelta(minutes=11)) == 1
    assert request_escalate(request_id=req.pk, now=t0 + timedelta(minutes=12)) == 1
    assert Notification.objects.filter(recipient=place.community_user).count() == 2
    # A late worker that wakes after two windows tells the street of the jump too, but only once.
    assert request_escalate(request_id=req.pk, now=t0 + timedelta(minutes=25)) == 2
    assert request_escalate(request_id=req.pk, now=t0 + timedelta(minutes=26)) == 2
    assert Notification.objects.filter(recipient=place.street_user).count() == 2
    escalations = req.events.filter(action=EventAction.ESCALATED).count()
    assert escalations == 2


def test_an_accepted_case_is_not_escalated(place) -> None:  # type: ignore[no-untyped-def]
    t0 = timezone.now()
    req = _green(place, t0)
    request_accept(by=place.staff, request=req, now=t0 + timedelta(minutes=2))
    assert request_escalate(request_id=req.pk, now=t0 + timedelta(hours=1)) == 0
    assert not req.events.filter(action=EventAction.ESCALATED).exists()
