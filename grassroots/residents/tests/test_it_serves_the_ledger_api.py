from django.contrib.auth.models import Permission

from grassroots.core.models import AuditLog

from .conftest import HEAD_ID


def test_it_lists_households_and_residents_in_scope_only(api, make_user, grid, head):  # type: ignore[no-untyped-def]
    mine = api(make_user("mine", "community", grid.community))
    theirs = api(make_user("theirs", "community", grid.communities[-1]))
    assert mine.get("/api/v1/households").json()["count"] == 1
    assert theirs.get("/api/v1/households").json() == {"items": [], "count": 0}
    listed = mine.get("/api/v1/residents?tag=独居老人").json()
    assert listed["count"] == 1 and listed["items"][0]["care_tags"] == ["独居老人"]
    assert mine.get("/api/v1/residents?tag=高龄老人").json()["count"] == 0
    assert theirs.get(f"/api/v1/residents/{head.pk}").status_code == 404
    assert theirs.get(f"/api/v1/households?area={grid.community.pk}").status_code == 404


def test_it_shows_the_id_masked(api, make_user, grid, head):  # type: ignore[no-untyped-def]
    got = api(make_user("clerk", "community", grid.community)).get(f"/api/v1/residents/{head.pk}").json()
    assert got["id_number"] == HEAD_ID[:6] + "********" + HEAD_ID[-4:]
    assert HEAD_ID not in str(got)


def test_it_unmasks_only_with_the_permission_and_a_reason(api, make_user, grid, head):  # type: ignore[no-untyped-def]
    clerk = make_user("clerk", "community", grid.community)
    url = f"/api/v1/residents/{head.pk}/unmask"
    assert api(clerk).post(url, {"reason": "核对低保"}, content_type="application/json").status_code == 403
    clerk.user_permissions.add(Permission.objects.get(codename="unmask_resident"))
    client = api(clerk)
    assert client.post(url, {"reason": ""}, content_type="application/json").status_code == 400
    got = client.post(url, {"reason": "核对低保"}, content_type="application/json")
    assert got.status_code == 200 and got.json()["id_number"] == HEAD_ID
    record = AuditLog.objects.get(action="resident_unmask")
    assert record.reason == "核对低保" and record.actor == clerk


def test_it_lists_campaigns_covering_a_station(api, make_user, grid):  # type: ignore[no-untyped-def]
    import datetime

    from grassroots.residents.visits import campaign_create

    campaign_create(
        by=None,
        name="全区敲门",
        area=grid.district,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 2, 1),
    )
    station = api(make_user("st", "station", grid.compound))
    assert [c["name"] for c in station.get("/api/v1/campaigns").json()["items"]] == ["全区敲门"]
