"""As the street office: open coverage, ask for a rebalancing, apply it, and see the gaps shrink."""

from playwright.sync_api import Page, expect


def gaps(page: Page) -> int:
    return int(page.locator("#coverage-gaps").inner_text())


def test_street_rebalances_and_the_gaps_shrink(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    page = login("street")
    page.goto(f"{live_demo.url}/deployment/coverage/")
    expect(page.locator("h1")).to_contain_text("覆盖情况")
    expect(page.locator("#gaps")).to_contain_text("缺")
    before = gaps(page)

    page.click("#rebalance")
    expect(page.locator("h1")).to_contain_text("人员调配方案")
    expect(page.locator("#moves tbody tr").first).to_be_visible()
    assert "没有能改善" not in page.locator("#moves").inner_text()
    page.click("#apply")
    expect(page.locator("#proposal-status")).to_have_text("已执行")

    page.goto(f"{live_demo.url}/deployment/coverage/")
    assert gaps(page) < before


def test_station_sees_its_rota_and_its_own_shifts_on_a_phone(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    page = login("station")
    page.goto(f"{live_demo.url}/deployment/rota/")
    expect(page.locator("#my-shifts")).to_contain_text("我的班次")
    page.locator("table a").first.click()
    expect(page.locator(".rota")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
