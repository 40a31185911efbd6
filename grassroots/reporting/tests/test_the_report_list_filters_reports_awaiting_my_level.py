"""The reports list can show exactly the open reports that a level the user sits at has yet to
acknowledge, and marks them in any listing."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from grassroots.reporting.services import report_acknowledge, report_close, report_file


def test_the_filter_keeps_only_open_reports_awaiting_my_level(chain, grid):  # type: ignore[no-untyped-def]
    def filed(text):  # type: ignore[no-untyped-def]
        return report_file(
            by=chain.station_user,
            area=grid.compound,
            category="safety",
            severity="general",
            discovered_at=timezone.now() - timedelta(minutes=5),
            text=text,
        )

    waiting, seen, closed = filed("电梯困人"), filed("水管爆裂"), filed("树木倒伏")
    report_acknowledge(by=chain.community_user, report=seen)
    report_close(by=chain.station_user, report=closed, outcome="已清理")
    client = Client()
    client.force_login(chain.community_user)

    page = client.get("/reports/?awaiting=me")
    assert list(page.context["page"].object_list) == [waiting]
    body = page.content.decode()
    assert 'name="awaiting" value="me" checked' in body and "待本级签收" in body

    everything = client.get("/reports/").content.decode()
    assert everything.count('<span class="badge urgent">待本级签收</span>') == 1
    street = Client()
    street.force_login(chain.street_user)
    assert {r.pk for r in street.get("/reports/?awaiting=me").context["page"]} == {waiting.pk, seen.pk}
