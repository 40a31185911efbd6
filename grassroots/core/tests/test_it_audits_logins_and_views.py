from django.test import Client

from grassroots.core.models import AuditLog, Role


def test_it_records_logins_and_failed_logins(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    make_user("st", Role.STATION, grid.compound)
    client = Client()
    client.post("/login/", {"username": "st", "password": "nope"})
    client.post("/login/", {"username": "st", "password": "pw-12345678"})
    failed = AuditLog.objects.get(action="login_failed")
    assert failed.detail == {"username": "st"} and failed.ip == "127.0.0.1"
    login = AuditLog.objects.get(action="login")
    assert login.actor_name == "st" and login.area == grid.compound


def test_it_shows_district_hq_the_log_within_scope_only(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    from grassroots.core.services import audit_record

    hq = make_user("hq", Role.STREET, grid.streets[0])
    hq.grants.create(area=grid.streets[0], role=Role.DISTRICT_HQ)
    audit_record(actor=None, action="probe", area=grid.compounds[0], detail={"n": 1})
    audit_record(actor=None, action="probe", area=grid.compounds[7], detail={"n": 2})
    client = Client()
    client.force_login(hq)
    page = client.get("/audit/?action=probe")
    assert page.status_code == 200
    assert page.content.decode().count("<td data-label") // 6 == 1


def test_it_forbids_the_log_below_district_hq(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(make_user("c", Role.COMMUNITY, grid.community))
    assert client.get("/audit/").status_code == 403
