"""The home page's count of reports waiting for the user's acknowledgement links to the reports list
filtered to exactly those reports."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from grassroots.reporting.services import report_acknowledge, report_file


def test_the_count_and_the_list_it_opens_agree(offices, grid):  # type: ignore[no-untyped-def]
    def filed(text):  # type: ignore[no-untyped-def]
        return report_file(
            by=offices.station_user,
            area=grid.compound,
            category="safety",
            severity="general",
            discovered_at=timezone.now() - timedelta(minutes=5),
            text=text,
        )

    waiting = filed("电梯困人")
    report_acknowledge(by=offices.community_user, report=filed("水管爆裂"))
    client = Client()
    client.force_login(offices.community_user)
    home = client.get("/").content.decode()
    item = next(i for i in home.split("</li>") if "份报告待您签收" in i)
    assert "1份报告待您签收" in item and 'href="/reports/?awaiting=me"' in item
    assert list(client.get("/reports/?awaiting=me").context["page"].object_list) == [waiting]
