from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect


def test_district_opens_a_period_computes_it_and_sees_its_ranking_on_a_phone(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("district")
    page.goto(f"{live_demo.url}/evaluation/")
    page.get_by_role("link", name="开启考核期").click()
    today = timezone.localdate()
    page.fill("#id_name", "近三十天考核")
    page.select_option("#id_kind", "month")
    page.fill("#id_starts_on", (today - timedelta(days=30)).isoformat())
    page.fill("#id_ends_on", today.isoformat())
    page.select_option("#id_area", label="铁东区")
    page.select_option("#id_scheme", index=1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="开启考核期").click()

    expect(page.locator("h1")).to_contain_text("近三十天考核")
    expect(page.locator("#ranking")).to_contain_text("尚无得分")
    page.get_by_role("button", name="计算得分").click()
    rows = page.locator("#ranking tbody tr")
    expect(rows.first.locator("td").nth(3)).to_be_visible()
    assert rows.count() > 10
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    ranking_url = page.url
    # The ranking leads to a score whose figures trace to their records.
    rows.first.locator("a").click()
    expect(page.locator("#indicators")).to_be_visible()

    # Raters mark people from the open period; the scheme pages fit the phone too.
    page.goto(ranking_url)
    page.locator("nav.filters").get_by_role("link", name="录入评分").click()
    expect(page.locator("#raters section").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for path in ("/evaluation/schemes/", "/evaluation/schemes/new/"):
        page.goto(f"{live_demo.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
