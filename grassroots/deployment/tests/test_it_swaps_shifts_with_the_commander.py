import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError

from grassroots.core.models import AuditLog, Notification
from grassroots.deployment.models import Role, Shift, SwapStatus, WorkGroup
from grassroots.deployment.services import assignment_create
from grassroots.deployment.services_rota import leave_record, rota_generate, swap_decide, swap_request
from grassroots.places.models import Post, PostKind

from .factories import person


@pytest.fixture
def station(grid, make_user):  # type: ignore[no-untyped-def]
    hq = make_user("hq", "district_hq", grid.district)
    post = Post.objects.create(name="指挥站", kind=PostKind.STATION, area=grid.compound)
    boss_user = make_user("boss", "station", grid.compound)
    boss = person(grid.compound, name="站长")
    boss.user = boss_user
    boss.save()
    assignment_create(by=hq, staff=boss, area=grid.compound, role=Role.COMMANDER, post=post)
    for i in range(4):
        assignment_create(
            by=hq,
            staff=person(grid.compound, name=f"队员{i}"),
            area=grid.compound,
            role=Role.MEMBER,
            work_group=WorkGroup.STATIC_MANAGEMENT,
        )
    return post, hq, boss_user


def test_it_makes_a_rota_that_respects_leave(station):  # type: ignore[no-untyped-def]
    post, hq, _boss = station
    start = dt.date.today() + dt.timedelta(days=1)
    member = post.area.staff.get(name="队员0")
    leave = leave_record(
        by=hq, staff=member, starts_on=start, ends_on=start + dt.timedelta(days=2), reason="家中老人住院陪护"
    )
    # The audit log says why, as for every other record with a reason.
    assert AuditLog.objects.get(action="record_leave", object_id=str(leave.pk)).reason == "家中老人住院陪护"
    rota = rota_generate(by=hq, post=post, starts_on=start, days=7, min_heads=2)
    assert rota.shifts.count() == 7 * 2 * 2
    assert not rota.shifts.filter(staff=member, day__lte=start + dt.timedelta(days=2)).exists()
    assert rota.load_max - rota.load_min <= 1
    with pytest.raises(ValidationError) as err:
        rota_generate(by=hq, post=post, starts_on=start, days=7, min_heads=3)
    assert "min_heads" in err.value.message_dict


def test_it_rechecks_a_swap_and_applies_it_when_approved(station):  # type: ignore[no-untyped-def]
    post, hq, boss = station
    start = dt.date.today() + dt.timedelta(days=1)
    rota = rota_generate(by=hq, post=post, starts_on=start, days=7, min_heads=2)
    shift = rota.shifts.order_by("day", "slot").first()
    assert shift is not None
    same_day = set(rota.shifts.filter(day=shift.day).values_list("staff_id", flat=True))
    busy = rota.shifts.filter(day=shift.day).exclude(pk=shift.pk).first()
    assert busy is not None
    # Handing a shift to someone already working that day breaks "one shift a day".
    bad = swap_request(by=hq, shift=shift, taker=busy.staff)
    assert Notification.objects.filter(recipient=boss).exists()
    with pytest.raises(ValidationError, match="两个班"):
        swap_decide(by=boss, swap=bad, approve=True)
    swap_decide(by=boss, swap=bad, approve=False)
    # A same-day trade keeps every rule.
    trade = swap_request(by=hq, shift=shift, taker=busy.staff, other_shift=busy)
    swap_decide(by=boss, swap=trade, approve=True)
    trade.refresh_from_db()
    assert trade.status == SwapStatus.APPROVED
    assert Shift.objects.get(pk=shift.pk).slot == busy.slot
    assert set(rota.shifts.filter(day=shift.day).values_list("staff_id", flat=True)) == same_day


def test_it_lets_only_the_commander_decide(station, make_user):  # type: ignore[no-untyped-def]
    post, hq, _boss = station
    rota = rota_generate(
        by=hq, post=post, starts_on=dt.date.today() + dt.timedelta(days=1), days=7, min_heads=2
    )
    shift = rota.shifts.first()
    assert shift is not None
    idle = post.area.staff.exclude(shifts__day=shift.day).first()
    swap = swap_request(by=hq, shift=shift, taker=idle or post.area.staff.exclude(pk=shift.staff_id).first())
    volunteer = make_user("v", "volunteer", post.area)
    with pytest.raises(ValidationError, match="指挥长"):
        swap_decide(by=volunteer, swap=swap, approve=True)


def test_it_takes_swap_requests_and_decisions_over_the_api(station, api):  # type: ignore[no-untyped-def]
    post, hq, boss = station
    rota = rota_generate(
        by=hq, post=post, starts_on=dt.date.today() + dt.timedelta(days=1), days=7, min_heads=2
    )
    shift = rota.shifts.order_by("day", "slot").first()
    assert shift is not None
    other = rota.shifts.filter(day=shift.day).exclude(pk=shift.pk).first()
    assert other is not None
    asked = api(hq).post(
        f"/api/v1/shifts/{shift.pk}/swap",
        data=json.dumps({"taker": other.staff_id, "other_shift": other.pk}),
        content_type="application/json",
    )
    assert asked.status_code == 201, asked.content
    decided = api(boss).post(
        f"/api/v1/swaps/{asked.json()['id']}/decide",
        data=json.dumps({"approve": True}),
        content_type="application/json",
    )
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
