"""A reason longer than 200 characters is refused, naming the field, where it used to be cut short
silently: a leave's reason (on the station page too, with what was typed kept), a swap's reason and
a decision's note. 200 characters are kept whole."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from grassroots.deployment.models import Leave, Role, SwapRequest, WorkGroup
from grassroots.deployment.services import assignment_create
from grassroots.deployment.services_rota import leave_record, rota_generate, swap_decide, swap_request
from grassroots.places.models import Post, PostKind

from .factories import person

LONG = "家" * 300


def test_a_leave_reason_is_refused_not_cut(grid, make_user, client):  # type: ignore[no-untyped-def]
    hq = make_user("hq", "district_hq", grid.district)
    post = Post.objects.create(name="一号指挥站", kind=PostKind.STATION, area=grid.compound)
    staff = person(grid.compound, name="甲")
    assignment_create(
        by=hq, staff=staff, area=grid.compound, role=Role.MEMBER, work_group=WorkGroup.LIVELIHOOD
    )
    with pytest.raises(ValidationError) as refused:
        leave_record(
            by=hq, staff=staff, starts_on=dt.date(2026, 12, 8), ends_on=dt.date(2026, 12, 8), reason=LONG
        )
    assert refused.value.message_dict == {"reason": ["理由：最多200个字，已输入300个字。"]}

    client.force_login(make_user("st", "station", grid.compound))
    page = client.post(
        f"/deployment/stations/{post.pk}/leave/",
        {"staff": staff.pk, "starts_on": "2026-12-08", "ends_on": "2026-12-09", "reason": LONG},
    )
    assert page.status_code == 400
    assert page.context["leave_form"].errors == {"reason": ["理由：最多200个字，已输入300个字。"]}
    assert f'value="{LONG}"' in page.content.decode()
    assert not Leave.objects.exists()

    kept = leave_record(
        by=hq, staff=staff, starts_on=dt.date(2026, 12, 8), ends_on=dt.date(2026, 12, 8), reason="家" * 200
    )
    assert len(Leave.objects.get(pk=kept.pk).reason) == 200


def test_a_swap_reason_and_a_decision_note_are_refused_not_cut(grid, make_user):  # type: ignore[no-untyped-def]
    hq = make_user("hq", "district_hq", grid.district)
    post = Post.objects.create(name="一号指挥站", kind=PostKind.STATION, area=grid.compound)
    for _ in range(3):
        assignment_create(
            by=hq,
            staff=person(grid.compound),
            area=grid.compound,
            role=Role.MEMBER,
            work_group=WorkGroup.LIVELIHOOD,
        )
    rota = rota_generate(
        by=hq, post=post, starts_on=dt.date.today() + dt.timedelta(days=1), days=3, min_heads=1
    )
    shift = rota.shifts.order_by("day", "slot").first()
    assert shift is not None
    taker = next(s.staff for s in rota.shifts.select_related("staff") if s.staff_id != shift.staff_id)
    with pytest.raises(ValidationError) as refused:
        swap_request(by=hq, shift=shift, taker=taker, reason=LONG)
    assert refused.value.message_dict == {"reason": ["理由：最多200个字，已输入300个字。"]}
    assert not SwapRequest.objects.exists()

    swap = swap_request(by=hq, shift=shift, taker=taker, reason="临时有事")
    with pytest.raises(ValidationError) as refused:
        swap_decide(by=hq, swap=swap, approve=False, note=LONG)
    assert refused.value.message_dict == {"note": ["审批意见：最多200个字，已输入300个字。"]}
    swap.refresh_from_db()
    assert swap.status == "pending"
