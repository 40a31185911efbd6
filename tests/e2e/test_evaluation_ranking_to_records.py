from playwright.sync_api import Page, expect


def test_district_opens_a_ranking_and_follows_a_score_to_its_records(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("district")
    page.goto(f"{live_demo.url}/evaluation/")
    page.locator("table a").first.click()
    expect(page.locator("h1")).to_contain_text("考核")
    rows = page.locator("#ranking tbody tr")
    assert rows.count() > 10
    # Follow the first person whose score has records behind a figure.
    links = page.locator("#ranking tbody td:nth-child(2) a")
    for i in range(min(links.count(), 20)):
        links.nth(i).click()
        record_links = page.locator("#indicators a")
        if record_links.count():
            break
        page.go_back()
    else:
        raise AssertionError("no score with records among the first twenty")
    total = page.locator("#total").inner_text()
    assert float(total) >= 0
    record_links.first.click()
    expect(page.locator("#records li").first).to_be_visible()
    assert "不再保存" not in page.locator("#records").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
