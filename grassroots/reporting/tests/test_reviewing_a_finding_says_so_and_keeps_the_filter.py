"""Confirming or dismissing a finding says it was done and returns to the list as it was filtered."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from grassroots.reporting.models import FindingStatus
from grassroots.reporting.services import report_file


def test_a_review_is_confirmed_in_words_and_the_filter_stays(chain, grid):  # type: ignore[no-untyped-def]
    report = report_file(
        by=chain.station_user,
        area=grid.compound,
        category="safety",
        severity="general",
        discovered_at=timezone.now() - timedelta(days=1),
        text="消防通道堵塞",
    )
    finding = report.findings.get()
    client = Client()
    client.force_login(chain.street_user)
    listed = client.get("/reports/findings/?status=open").content.decode()
    assert f'action="/reports/findings/{finding.pk}/review/?status=open"' in listed

    got = client.post(
        f"/reports/findings/{finding.pk}/review/?status=open",
        {"do": "dismiss", "reason": "系统故障"},
        follow=True,
    )
    assert got.redirect_chain == [("/reports/findings/?status=open", 302)]
    assert "已撤销该问题。" in got.content.decode()
    finding.refresh_from_db()
    assert finding.status == FindingStatus.DISMISSED
