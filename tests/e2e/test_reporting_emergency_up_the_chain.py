"""As `station` file an emergency report; as `community` see and acknowledge it; as `district` see it in the
timeliness report, on a 360 px phone."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from grassroots.core.models import AccessGrant
from grassroots.reporting.models import Report


def test_an_emergency_goes_up_and_shows_in_the_timeliness_report(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("station")
    page.goto(f"{live_demo.url}/reports/new/")
    page.select_option("#id_category", "emergency")
    page.select_option("#id_severity", "major")
    discovered = timezone.localtime() - timedelta(minutes=15)
    page.fill("#id_discovered_at", discovered.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_location", "3号楼地下车库")
    page.fill("#id_text", "E2E测试: 地下车库燃气泄漏")
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("突发事件")
    expect(page.locator(".card").first).to_contain_text("按时")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.context.clear_cookies()
    page = login("community")
    page.goto(f"{live_demo.url}/reports/?category=emergency")
    page.get_by_role("link", name="突发事件").first.click()
    expect(page.locator("body")).to_contain_text("E2E测试: 地下车库燃气泄漏")
    page.click("button[name=do][value=acknowledge]")
    expect(page.locator("table.stack tbody tr").first).to_contain_text("社区")
    expect(page.locator("table.stack tbody tr").first.locator(".status.done")).to_be_visible()

    page.context.clear_cookies()
    page = login("district")
    compound = AccessGrant.objects.select_related("area").get(user__username="station").area
    today = timezone.localdate()
    filed = Report.objects.filter(
        area=compound,
        source="own",
        discovered_at__gte=timezone.localtime().replace(hour=0, minute=0) - timedelta(days=1),
    )
    page.goto(
        f"{live_demo.url}/reports/timeliness/?area={compound.parent_id}&from={today - timedelta(days=1)}&to={today}"
    )
    row = page.locator("tr", has_text=compound.name)
    expect(row.locator("td[data-label='报告数']")).to_have_text(str(filed.count()))
    assert filed.filter(text__startswith="E2E测试").count() == 1
