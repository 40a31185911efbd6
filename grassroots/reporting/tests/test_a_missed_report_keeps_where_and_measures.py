"""A missed-report record keeps what the reviewer typed in every field the form shows, owes no progress
updates, and a form sent twice records the event once."""

import uuid
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from grassroots.reporting.models import FindingKind, Report, Source, TimelinessFinding


def test_where_and_measures_are_stored_and_shown(chain, grid):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(chain.community_user)
    form_page = client.get(f"/reports/missed/new/?area={grid.compound.pk}").content.decode()
    assert 'name="location"' in form_page and 'name="measures"' in form_page
    data = {
        "category": "safety",
        "severity": "major",
        "discovered_at": (timezone.localtime() - timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M"),
        "location": "3号楼地下室",
        "text": "配电箱冒烟，居民拨打12345",
        "measures": "已断电并疏散",
        "evidence": "12345热线工单",
        "client_id": str(uuid.uuid4()),
    }
    got = client.post(f"/reports/missed/new/?area={grid.compound.pk}", data)
    report = Report.objects.get()
    assert got.status_code == 302 and got["Location"] == f"/reports/{report.pk}/"
    assert report.source == Source.OTHER
    assert (report.location, report.measures) == ("3号楼地下室", "已断电并疏散")

    again = client.post(f"/reports/missed/new/?area={grid.compound.pk}", data)
    assert again.status_code == 302 and Report.objects.count() == 1
    assert TimelinessFinding.objects.filter(kind=FindingKind.MISSED).count() == 1

    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "3号楼地下室" in page and "已断电并疏散" in page
    assert "下次续报期限" not in page, "a record by another channel owes no progress updates"
