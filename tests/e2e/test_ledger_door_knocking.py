"""As a command station on a phone: open a building, record a visit correcting a phone number, see it in
the ledger and the history; then the same kind of visit with the network down, sent once it returns."""

import re

from playwright.sync_api import Page, expect

from grassroots.places.models import AreaKind
from grassroots.residents.models import Household, LedgerChange, Visit


def first_home(live_demo) -> Household:  # type: ignore[no-untyped-def]
    from grassroots.core.models import User

    station = User.objects.get(username="station").grants.get().area
    home = (
        Household.objects.filter(area__path__startswith=station.path, status="occupied", head__isnull=False)
        .exclude(head__phone="")
        .select_related("area__parent", "head")
        .order_by("area__path", "room")
        .first()
    )
    assert home is not None and home.head is not None and home.area.parent is not None
    return home


def test_station_corrects_a_phone_number_in_three_taps(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("station")
    home = first_home(live_demo)
    building = home.area.parent if home.area.kind == AreaKind.UNIT else home.area
    assert building is not None and home.head is not None
    page.goto(f"{live_demo.url}/ledger/areas/{building.pk}/")
    expect(page.locator(".legend")).to_contain_text("未走访")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.click(f'.home[data-household="{home.pk}"]')  # tap 1: the household
    page.click("[data-show=corrections]")  # tap 2: correct the ledger
    page.fill(f'input[name="resident.{home.head.pk}.phone"]', "13912345678")
    page.click("button[value=corrected]")  # tap 3: save
    expect(page.locator("#history")).to_contain_text("13912345678")
    expect(page.locator("#history")).to_contain_text("走访")

    page.goto(f"{live_demo.url}/ledger/?q=13912345678")
    expect(page.locator("#resident-rows")).to_contain_text(home.head.name)
    assert Visit.objects.filter(household=home, outcome="corrected").count() == 1
    assert LedgerChange.objects.get(household=home, field="phone").new == "13912345678"

    page.goto(f"{live_demo.url}/ledger/areas/{building.pk}/")
    expect(page.locator(f'.home[data-household="{home.pk}"]')).to_have_class("home verified")


def test_a_visit_made_offline_is_sent_once_when_back_online(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("station")
    home = first_home(live_demo)
    before = Visit.objects.filter(household=home).count()
    page.goto(f"{live_demo.url}/ledger/households/{home.pk}/")
    page.context.set_offline(True)
    page.click("button[value=verified]")
    expect(page.locator("#visit-message")).to_contain_text("网络")
    expect(page.locator("#pending-visits")).to_be_visible()
    expect(page.locator("#pending-visits li")).to_have_count(1)
    assert page.evaluate("JSON.parse(localStorage.getItem('grassroots.pendingVisits')).length") == 1
    assert Visit.objects.filter(household=home).count() == before

    page.context.set_offline(False)
    expect(page.locator("#pending-visits")).to_be_hidden()
    assert Visit.objects.filter(household=home).count() == before + 1
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("localStorage.getItem('grassroots.pendingVisits')") == "[]"
    assert Visit.objects.filter(household=home).count() == before + 1


def test_a_refused_visit_says_why_and_can_be_discarded(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("station")
    home = first_home(live_demo)
    assert home.head is not None
    before = Visit.objects.filter(household=home).count()
    page.goto(f"{live_demo.url}/ledger/households/{home.pk}/")
    page.click("[data-show=corrections]")
    page.fill(f'input[name="resident.{home.head.pk}.phone"]', "abc")
    page.click("button[value=corrected]")
    expect(page.locator("#visit-message")).to_contain_text("abc")  # why, not "saving…" forever
    refused = page.locator("#pending-visits li.refused")
    expect(refused).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Not sent again on every page: it waits for its visitor.
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if r.url.endswith("/ledger/visits/") else None)
    page.reload()
    expect(page.locator("#pending-visits li.refused")).to_have_count(1)
    assert requests == []
    page.once("dialog", lambda d: d.accept())
    page.click("#pending-visits button.discard")
    expect(page.locator("#pending-visits")).to_be_hidden()
    assert page.evaluate("JSON.parse(localStorage.getItem('grassroots.pendingVisits')).length") == 0
    assert Visit.objects.filter(household=home).count() == before


def test_back_after_a_live_search_shows_the_whole_page(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("station")
    home = first_home(live_demo)
    assert home.head is not None
    page.goto(f"{live_demo.url}/ledger/")
    page.fill("input[name=q]", home.head.name)
    expect(page).to_have_url(re.compile(r"/ledger/\?q=%"))  # the search pushed its address
    expect(page.locator("#resident-rows")).to_contain_text(home.head.name)
    page.goto(f"{live_demo.url}/ledger/households/{home.pk}/")
    page.go_back()
    expect(page.locator("header.top")).to_be_visible()
    expect(page.locator("#resident-rows")).to_contain_text(home.head.name)
