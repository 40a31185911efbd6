"""The next progress update is named once, with its time, and marked overdue only when it is."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from grassroots.reporting.services import next_update_due, report_file


def test_the_line_names_the_deadline_without_saying_due_twice(chain, grid):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(chain.station_user)
    report = report_file(
        by=chain.station_user,
        area=grid.compound,
        category="safety",
        severity="general",
        discovered_at=timezone.now() - timedelta(minutes=5),
        text="路灯倒伏",
    )
    due = timezone.localtime(next_update_due(report)).strftime("%m-%d %H:%M")
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert f"下次续报期限 <b>{due}</b>" in page and "应报时间" not in page
    assert "逾期" not in page.split("下次续报期限")[1].split("</p>")[0]

    stale = report_file(
        by=chain.station_user,
        area=grid.compound,
        category="safety",
        severity="general",
        discovered_at=timezone.now() - timedelta(days=2),
        text="围墙裂缝",
        now=timezone.now() - timedelta(days=2),
    )
    page = client.get(f"/reports/{stale.pk}/").content.decode()
    assert '<span class="badge overdue">逾期</span>' in page.split("下次续报期限")[1].split("</p>")[0]

    english = client.get(f"/reports/{report.pk}/", headers={"accept-language": "en"}).content.decode()
    assert f"next progress update by <b>{due}</b>" in english and "due due" not in english
