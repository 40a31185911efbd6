"""The admin's page for one audit record names the action in words and gives its time where the site
is (Asia/Shanghai), as the audit log page does, with what the detail says beside the raw detail."""

import datetime

from django.test import Client

from grassroots.core.models import AuditLog
from grassroots.core.services import audit_record

UTC_AT = datetime.datetime(2026, 3, 1, 16, 30, 5, tzinfo=datetime.UTC)  # 2026-03-02 00:30:05 in Shanghai


def test_it_shows_the_action_in_words_and_the_time_in_the_sites_zone(grid, make_user, settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.TIME_ZONE == "Asia/Shanghai"
    admin = make_user("root", is_staff=True, is_superuser=True)
    record = audit_record(
        actor=admin,
        action="resident_leave",
        obj=grid.compound,
        reason="去外地养老",
        detail={"reason": "other", "care_pairs_ended": 0, "via": "edit"},
    )
    AuditLog.objects.filter(pk=record.pk).update(at=UTC_AT)
    client = Client()
    client.force_login(admin)

    page = client.get(f"/admin/core/auditlog/{record.pk}/change/").content.decode()
    title = "2026-03-02 00:30 root 居民移出台账 小区1-1-1"
    assert f"<title>{title} |" in page and f"<h2>{title}</h2>" in page
    assert '<div class="readonly">2026-03-02 00:30:05</div>' in page
    assert '<div class="readonly">居民移出台账</div>' in page
    assert '<div class="readonly">区域：小区1-1-1</div>' in page
    assert '<div class="readonly">其他原因，手工办理</div>' in page
    assert "resident_leave" not in page and "16:30" not in page

    listed = client.get("/admin/core/auditlog/").content.decode()
    assert ">2026-03-02 00:30:05<" in listed and ">居民移出台账<" in listed

    english = client.get(f"/admin/core/auditlog/{record.pk}/change/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<div class="readonly">resident taken out of the ledger</div>' in english.content.decode()
    assert '<div class="readonly">other reason, by hand</div>' in english.content.decode()
