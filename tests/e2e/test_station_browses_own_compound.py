import pytest
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


SKIP = ("/logout", "/admin", "export", "download", ".xlsx", "/static/", "/media/")


@pytest.mark.parametrize("username", ["district", "station"])
def test_every_page_a_menu_leads_to_fits_a_phone(login, live_demo, username) -> None:  # type: ignore[no-untyped-def]
    """Each menu page and every page one link away answers and is no wider than the phone."""
    page: Page = login(username)
    menu = page.eval_on_selector_all(".menu nav a", "els => els.map(e => e.getAttribute('href'))")
    paths, seen = ["/", *menu], set[str]()
    for path in menu:
        page.goto(f"{live_demo.url}{path}")
        paths += page.eval_on_selector_all("main a[href^='/']", "els => els.map(e => e.getAttribute('href'))")
    for path in paths:
        base = path.split("#")[0]
        if base in seen or any(s in base for s in SKIP) or len(seen) >= 120:
            continue
        seen.add(base)
        response = page.goto(f"{live_demo.url}{base}")
        assert response is not None and response.status < 400, (base, response and response.status)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, base
    assert len(seen) > len(menu)
