"""Leave whose last day comes before its first is refused beside the last day, on the station page
itself: the person, both dates and the reason come back as typed, and nothing is recorded."""

import datetime as dt

from grassroots.deployment.models import Leave, Role, WorkGroup
from grassroots.deployment.services import assignment_create
from grassroots.places.models import Post, PostKind

from .factories import person


def test_it_keeps_what_was_typed_when_leave_is_refused(grid, make_user, client):  # type: ignore[no-untyped-def]
    hq = make_user("hq", "district_hq", grid.district)
    post = Post.objects.create(name="一号指挥站", kind=PostKind.STATION, area=grid.compound)
    people = [person(grid.compound, name=f"队员{i}") for i in range(2)]
    for s in people:
        assignment_create(
            by=hq, staff=s, area=grid.compound, role=Role.MEMBER, work_group=WorkGroup.LIVELIHOOD
        )
    client.force_login(make_user("st", "station", grid.compound))
    first = dt.date.today() + dt.timedelta(days=5)
    last = first - dt.timedelta(days=3)

    page = client.post(
        f"/deployment/stations/{post.pk}/leave/",
        {
            "staff": people[1].pk,
            "starts_on": first.isoformat(),
            "ends_on": last.isoformat(),
            "reason": "孩子高考陪考",
        },
    )

    assert page.status_code == 400
    form = page.context["leave_form"]
    assert form.errors == {"ends_on": ["结束日期早于开始日期。"]}
    html = page.content.decode()
    assert 'class="messages"' not in html  # said beside the field, not as a banner
    assert f'value="{first.isoformat()}"' in html and f'value="{last.isoformat()}"' in html
    assert 'value="孩子高考陪考"' in html
    assert f'<option value="{people[1].pk}" selected>' in html
    assert not Leave.objects.exists()
