from playwright.sync_api import Browser, Page, expect

from grassroots.places.models import Area


def test_a_resident_scans_a_building_poster_and_sees_the_members_on_duty(
    login, live_demo, browser: Browser
) -> None:  # type: ignore[no-untyped-def]
    station: Page = login("station")
    # The station prints its first building's poster; the link under the QR code is what it encodes.
    compound = Area.objects.filter(kind="compound").order_by("pk").first()
    building = Area.objects.filter(parent=compound, kind="building").order_by("pk").first()
    assert building is not None
    station.goto(f"{live_demo.url}/party/posters/{building.pk}/")
    expect(station.locator(".qr svg")).to_be_visible()
    scanned = station.locator(".poster a").get_attribute("href")
    assert scanned and "/p/b/" in scanned

    resident = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN").new_page()
    resident.goto(scanned)
    expect(resident.locator("h1")).to_contain_text(building.name)
    cards = resident.locator("article.party-card")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 1
    expect(cards.first).to_contain_text("共产党员")
    expect(cards.first).to_contain_text("承诺")
    assert resident.locator("header .menu").count() == 0  # nobody is logged in
    name = cards.first.locator("h2").inner_text().split(" ")[0]
    resident.locator("a.card-link").first.click()
    expect(resident.locator("h1")).to_contain_text("亮身份、亮职责、亮承诺")
    expect(resident.locator("article.party-card h2")).to_contain_text(name)
    assert resident.evaluate("document.documentElement.scrollWidth") <= 360
