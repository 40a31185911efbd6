"""Leave that shares a day with leave already recorded for the same person is refused, naming the
dates it overlaps; leave on the next day, or for someone else on the same days, is recorded."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from grassroots.deployment.models import Leave, Role, WorkGroup
from grassroots.deployment.services import assignment_create
from grassroots.deployment.services_rota import leave_record
from grassroots.places.models import Post, PostKind

from .factories import person


def test_it_refuses_overlapping_leave(grid, make_user):  # type: ignore[no-untyped-def]
    station = make_user("st", "station", grid.compound)
    a, b = person(grid.compound, name="甲"), person(grid.compound, name="乙")
    first = dt.date(2026, 12, 8)
    leave_record(by=station, staff=a, starts_on=first, ends_on=first + dt.timedelta(days=2), reason="探亲")

    for start, end in ((0, 2), (2, 4), (-3, 0), (-1, 5)):
        with pytest.raises(ValidationError) as refused:
            leave_record(
                by=station,
                staff=a,
                starts_on=first + dt.timedelta(days=start),
                ends_on=first + dt.timedelta(days=end),
            )
        assert refused.value.message_dict == {
            "starts_on": ["甲已登记2026-12-08至2026-12-10的请假，与所填日期重叠。"]
        }

    leave_record(
        by=station, staff=a, starts_on=first + dt.timedelta(days=3), ends_on=first + dt.timedelta(days=3)
    )
    leave_record(by=station, staff=b, starts_on=first, ends_on=first + dt.timedelta(days=2))
    assert Leave.objects.filter(staff=a).count() == 2 and Leave.objects.filter(staff=b).count() == 1


def test_the_station_page_says_the_overlap_beside_the_dates(grid, make_user, client):  # type: ignore[no-untyped-def]
    hq = make_user("hq", "district_hq", grid.district)
    post = Post.objects.create(name="一号指挥站", kind=PostKind.STATION, area=grid.compound)
    a = person(grid.compound, name="甲")
    assignment_create(by=hq, staff=a, area=grid.compound, role=Role.MEMBER, work_group=WorkGroup.LIVELIHOOD)
    client.force_login(make_user("st", "station", grid.compound))
    sent = {"staff": a.pk, "starts_on": "2026-12-08", "ends_on": "2026-12-09", "reason": "就医"}
    assert client.post(f"/deployment/stations/{post.pk}/leave/", sent).status_code == 302
    again = client.post(f"/deployment/stations/{post.pk}/leave/", sent)
    assert again.status_code == 400
    assert again.context["leave_form"].errors == {
        "starts_on": ["甲已登记2026-12-08至2026-12-09的请假，与所填日期重叠。"]
    }
    assert Leave.objects.count() == 1
