"""The audit log page shows what was done in words, in the user's language, and filters by it."""

import re

from django.test import Client

from grassroots.core.models import Role
from grassroots.core.services import audit_record


def actions(page: str) -> list[str]:
    return re.findall(r'<td data-label="(?:操作|Action)">(.*?)</td>', page)


def test_it_shows_each_action_in_words(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    hq = make_user("hq", Role.DISTRICT_HQ, grid.district)
    for action in ("ledger_export", "resident_leave", "probe"):
        audit_record(actor=hq, action=action, area=grid.compound)
    client = Client()
    client.force_login(hq)  # recorded too, by the login signal

    assert actions(client.get("/audit/").content.decode()) == [
        "登录",
        "probe",
        "居民移出台账",
        "导出居民台账",
    ]
    english = client.get("/audit/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert actions(english) == [
        "signed in",
        "probe",
        "resident taken out of the ledger",
        "resident ledger exported",
    ]

    chosen = client.get("/audit/?action=resident_leave").content.decode()
    assert actions(chosen) == ["居民移出台账"]
    assert '<option value="resident_leave" selected>居民移出台账</option>' in chosen
    assert actions(client.get("/audit/?action=probe").content.decode()) == ["probe"]


def test_the_admin_says_each_action_in_words_too(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("root", is_staff=True, is_superuser=True)
    audit_record(actor=admin, action="resident_leave", area=grid.compound)
    client = Client()
    client.force_login(admin)
    page = client.get("/admin/core/auditlog/").content.decode()
    assert "居民移出台账" in page and ">resident_leave<" not in page
