import datetime as dt
import json

from grassroots.deployment.models import Assignment, Role, WorkGroup
from grassroots.deployment.selectors import local_day
from grassroots.deployment.services import assignment_create
from grassroots.deployment.services_rota import rota_generate, rota_publish
from grassroots.places.models import Post, PostKind

from .factories import person


def test_it_shows_my_shifts_once_the_rota_is_published(grid, make_user, client, api):  # type: ignore[no-untyped-def]
    hq = make_user("hq", "district_hq", grid.district)
    post = Post.objects.create(name="指挥站", kind=PostKind.STATION, area=grid.compound)
    me = make_user("me", "volunteer", grid.compound)
    mine = person(grid.compound, name="本人")
    mine.user = me
    mine.save()
    for s in (mine, person(grid.compound), person(grid.compound)):
        assignment_create(
            by=hq, staff=s, area=grid.compound, role=Role.MEMBER, work_group=WorkGroup.LIVELIHOOD
        )
    rota = rota_generate(by=hq, post=post, starts_on=dt.date.today(), days=7, min_heads=1)
    assert api(me).get("/api/v1/my-shifts").json() == []
    rota_publish(by=hq, rota=rota)
    shifts = api(me).get("/api/v1/my-shifts").json()
    assert len(shifts) == rota.shifts.filter(staff=mine).count() > 0
    client.force_login(me)
    assert "指挥站" in client.get("/deployment/rota/").content.decode()


def test_it_ends_an_assignment_over_the_api_and_keeps_it(grid, make_user, api):  # type: ignore[no-untyped-def]
    hq = make_user("hq", "district_hq", grid.district)
    made = assignment_create(by=hq, staff=person(grid.compound), area=grid.compound, role=Role.COMMANDER)
    got = api(hq).post(
        f"/api/v1/assignments/{made.pk}/end", data=json.dumps({}), content_type="application/json"
    )
    assert got.status_code == 200 and got.json()["ends_on"] == local_day().isoformat()
    assert Assignment.objects.filter(pk=made.pk).exists()
    again = api(hq).post(
        f"/api/v1/assignments/{made.pk}/end", data=json.dumps({}), content_type="application/json"
    )
    assert again.status_code == 400
