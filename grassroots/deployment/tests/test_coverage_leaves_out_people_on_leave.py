"""Coverage is of one day: a person on leave that day holds their place on paper but counts for no
requirement (post, kind, work group, head count, building manager), and the page says how many are
away and who. Leave on another day changes nothing today, and counts on its own day."""

import datetime as dt

from django.utils.translation import override

from grassroots.deployment.coverage import report
from grassroots.deployment.models import Role, WorkGroup
from grassroots.deployment.selectors import local_day
from grassroots.deployment.services import assignment_create
from grassroots.deployment.services_rota import leave_record
from grassroots.people.models import StaffKind

from .factories import person


def test_coverage_leaves_out_people_on_leave(grid, make_user, client, api):  # type: ignore[no-untyped-def]
    hq = make_user("hq", "district_hq", grid.district)
    c = grid.compound

    def put(name: str, kind: str, role: str, area=c, group: str = ""):  # type: ignore[no-untyped-def]
        staff = person(c, kind=kind, name=name)
        assignment_create(by=hq, staff=staff, area=area, role=role, work_group=group)
        return staff

    commander = put("张指挥", StaffKind.CADRE, Role.COMMANDER)
    medic = put("李医生", StaffKind.MEDIC, Role.MEMBER, group=WorkGroup.LIVELIHOOD)
    put("王队员", StaffKind.POLICE, Role.MEMBER, group=WorkGroup.STATIC_MANAGEMENT)
    manager = put("赵楼长", StaffKind.CADRE, Role.BUILDING_MANAGER, area=grid.buildings[0])
    today = local_day()
    before = report(c)
    assert before.on_leave == 0

    for staff in (commander, medic, manager):
        leave_record(by=hq, staff=staff, starts_on=today, ends_on=today + dt.timedelta(days=2))
    leave_record(
        by=hq, staff=medic, starts_on=today + dt.timedelta(days=5), ends_on=today + dt.timedelta(days=6)
    )
    with override("en"):
        now = report(c)
    # The commander's post, the medic, the livelihood group and building 1's manager are gone: 4 units.
    assert now.total.met == before.total.met - 4
    assert now.on_leave == 3
    missing = {(g.kind, g.missing) for g in now.gaps if g.area_id in (c.pk, grid.buildings[0].pk)}
    assert {
        ("post", "no commander"),
        ("kind", "no medic"),
        ("group", "no livelihood support group"),
        ("building", "no building manager"),
    } <= missing
    assert report(grid.community).on_leave == 3
    assert report(c, today + dt.timedelta(days=3)).total.met == before.total.met
    assert report(c, today + dt.timedelta(days=5)).on_leave == 1

    station = make_user("st", "station", c)
    client.force_login(station)
    page = client.get(f"/deployment/coverage/?area={c.pk}").content.decode()
    until = f"{today + dt.timedelta(days=2):%m-%d}"
    assert '<b id="coverage-on-leave">3</b>' in page
    assert "此处有3名在岗人员今日请假，不计为在岗。" in page
    assert f"张指挥（至{until}）" in page and f"李医生（至{until}）" in page
    assert api(station).get(f"/api/v1/coverage?area={c.pk}").json()["on_leave"] == 3
