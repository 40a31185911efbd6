"""The home page's on-time figures cover the same local days as the timeliness page's default period,
so the two pages give the same rate and count, and the count says what it counts."""

from datetime import datetime, time, timedelta

from django.test import Client
from django.utils import timezone

from grassroots.dashboard.figures import child_rows
from grassroots.reporting.services import report_file


def test_a_report_before_the_first_midnight_counts_on_neither_page(offices, grid):  # type: ignore[no-untyped-def]
    first_midnight = datetime.combine(
        timezone.localdate() - timedelta(days=13), time.min, timezone.get_current_timezone()
    )
    for discovered in (first_midnight - timedelta(minutes=1), first_midnight + timedelta(minutes=1)):
        report_file(
            by=offices.station_user,
            area=grid.compound,
            category="safety",
            severity="general",
            discovered_at=discovered,
            text="井盖缺失",
            now=discovered + timedelta(minutes=10),
        )
    street = next(r for r in child_rows(offices.district_user, grid.district) if r.area == grid.street)
    assert (street.reports, street.on_time_rate) == (1, 100.0)

    client = Client()
    client.force_login(offices.district_user)
    page = client.get(f"/reports/timeliness/?area={grid.district.pk}")
    row = next(c for c in page.context["figures"]["children"] if c["id"] == grid.street.pk)
    assert (row["reports"], row["on_time_rate"]) == (street.reports, street.on_time_rate)
    home = client.get("/").content.decode()
    assert "按时报告率（近14天）" in home and "（1份报告）" in home
