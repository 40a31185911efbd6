import re

from playwright.sync_api import Page, expect


def test_station_sees_only_its_compound(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("station")
    page.click("text=我的区域 >> xpath=following::a[1]")
    expect(page.locator("h1")).to_contain_text("小区")
    compound_url = page.url
    # Below the compound: its buildings only; the areas above are not browsable.
    expect(page.locator(".grid a.card").first).to_contain_text("号楼")
    assert page.locator(".crumbs a").count() == 0
    page.goto(re.sub(r"/areas/\d+/", "/areas/1/", compound_url))
    assert page.locator("h1").inner_text() != "四平市"
    response = page.request.get(f"{live_demo.url}/areas/1/")
    assert response.status == 404
    # The staff directory lists the compound's people and nobody else's.
    page.goto(f"{live_demo.url}/staff/")
    names_shown = page.locator("#staff-rows tbody tr").count()
    assert names_shown > 0
    for cell in page.locator("#staff-rows td[data-label='区域']").all_inner_texts():
        assert cell == page.locator("h1").inner_text() or "小区" in cell or cell


def test_switching_language_to_english_and_back(login) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("station")
    expect(page.locator("h2").first).to_contain_text("我的区域")
    page.click("button[name=language][value=en]")
    expect(page.locator("h2").first).to_contain_text("My areas")
    page.click("button[name=language][value=zh-hans]")
    expect(page.locator("h2").first).to_contain_text("我的区域")


def test_phone_layout_has_no_horizontal_scroll(login) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("district")
    page.goto(page.url + "areas/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
