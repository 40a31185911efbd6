from playwright.sync_api import Page, expect


def test_station_browses_to_its_compound_and_sees_only_it(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("station")
    page.locator(".grid a.card").first.click()
    compound = page.locator("h1").inner_text().split(" ")[0]
    expect(page.locator("h1")).to_contain_text("小区")
    # Below the compound: its buildings; above it nothing is browsable.
    expect(page.locator(".grid a.card").first).to_contain_text("号楼")
    assert page.locator(".crumbs a").count() == 0
    assert page.request.get(f"{live_demo.url}/areas/1/").status == 404
    # The staff directory lists the compound's people and nobody else's.
    page.goto(f"{live_demo.url}/staff/")
    areas_shown = set(page.locator("#staff-rows td[data-label='区域']").all_inner_texts())
    assert areas_shown == {compound}


def test_switching_language_to_english_and_back(login) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("station")
    expect(page.locator("h2").first).to_contain_text("待您处理")
    page.click("button[name=language][value=en]")
    expect(page.locator("h2").first).to_contain_text("Needs your action now")
    page.click("button[name=language][value=zh-hans]")
    expect(page.locator("h2").first).to_contain_text("待您处理")


def test_phone_layout_has_no_horizontal_scroll(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("district")
    for path in ("/", "/areas/", "/staff/", "/audit/"):
        page.goto(f"{live_demo.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
