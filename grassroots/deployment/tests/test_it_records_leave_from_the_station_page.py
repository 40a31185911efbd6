"""A station commander records someone's leave on the station page; the page lists it and the next
rota keeps them off those days. A mistyped date is said, naming the field, and nothing is kept."""

import datetime as dt

from grassroots.core.models import AuditLog
from grassroots.deployment.models import Leave, Role, WorkGroup
from grassroots.deployment.services import assignment_create
from grassroots.deployment.services_rota import rota_generate
from grassroots.places.models import Post, PostKind

from .factories import person


def test_it_records_leave_from_the_station_page(grid, make_user, client):  # type: ignore[no-untyped-def]
    hq = make_user("hq", "district_hq", grid.district)
    post = Post.objects.create(name="一号指挥站", kind=PostKind.STATION, area=grid.compound)
    people = [person(grid.compound, name=f"队员{i}") for i in range(3)]
    for s in people:
        assignment_create(
            by=hq, staff=s, area=grid.compound, role=Role.MEMBER, work_group=WorkGroup.LIVELIHOOD
        )
    client.force_login(make_user("st", "station", grid.compound))
    url = f"/deployment/stations/{post.pk}/"
    assert 'id="leave-form"' in client.get(url).content.decode()
    start = dt.date.today() + dt.timedelta(days=1)
    end = start + dt.timedelta(days=2)
    done = client.post(
        f"{url}leave/",
        {
            "staff": people[0].pk,
            "starts_on": start.isoformat(),
            "ends_on": end.isoformat(),
            "reason": "家中老人住院",
        },
        follow=True,
    )
    page = done.content.decode()
    assert "已为队员0登记请假" in page and "家中老人住院" in page
    assert AuditLog.objects.get(action="record_leave").reason == "家中老人住院"
    rota = rota_generate(by=hq, post=post, starts_on=start, days=5, min_heads=1)
    assert not rota.shifts.filter(staff=people[0], day__lte=end).exists()

    bad = client.post(
        f"{url}leave/",
        {"staff": people[1].pk, "starts_on": "2026-13-01", "ends_on": end.isoformat()},
        follow=True,
    )
    assert "开始日期：请按 YYYY-MM-DD 填写日期。" in bad.content.decode()
    assert not Leave.objects.filter(staff=people[1]).exists()
