"""As a command station on a phone: add a household to a building by hand, add its first resident with an
ID card number, and see both in the household's history, marked as edits."""

import datetime

from playwright.sync_api import Page, expect

from grassroots.places.models import Area, AreaKind
from grassroots.residents.idnumbers import compose
from grassroots.residents.models import Household, LedgerChange


def station_building() -> Area:
    from grassroots.core.models import User

    compound = User.objects.get(username="station").grants.get().area
    building = (
        Area.objects.filter(path__startswith=compound.path, kind=AreaKind.BUILDING).order_by("path").first()
    )
    assert building is not None
    return building


def test_station_adds_a_household_and_a_resident_and_sees_the_history(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("station")
    building = station_building()
    page.goto(f"{live_demo.url}/ledger/areas/{building.pk}/")
    page.click("#add-household")
    # The link must have loaded its page before the page is measured.
    expect(page.locator("#household-form")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.select_option("#id_area", index=0)
    page.fill("#id_room", "9901")
    page.check("#id_no_smartphone")
    page.click("#household-form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("9901")
    household = Household.objects.get(area__path__startswith=building.path, room="9901")
    assert household.no_smartphone

    page.click("#add-resident")
    expect(page.locator("#resident-form")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.locator("#id_relation")).to_have_value("head")
    number = compose("220302", datetime.date(1950, 6, 1), 456)  # even sequence: female
    page.fill("#id_name", "赵秀英")
    wrong = number[:-1] + ("1" if number[-1] != "1" else "2")
    page.fill("#id_id_number", wrong)  # a wrong check digit first
    page.fill("#id_phone", "13812345678")
    page.click("#resident-form button[type=submit]")
    expect(page.locator("#id_id_number_error")).to_be_visible()
    page.fill("#id_id_number", number)
    page.click("#resident-form button[type=submit]")
    expect(page.locator(".people")).to_contain_text("赵秀英")
    expect(page.locator(".people")).to_contain_text(number[:6] + "********" + number[-4:])
    expect(page.locator("#history")).to_contain_text("赵秀英")
    expect(page.locator("#history")).to_contain_text("编辑")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    household.refresh_from_db()
    assert (
        household.head is not None and household.head.name == "赵秀英" and household.head.gender == "female"
    )
    assert set(LedgerChange.objects.filter(household=household).values_list("via", flat=True)) == {"edit"}


def test_street_starts_a_campaign_and_district_tunes_the_care_dictionary_on_a_phone(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("street")
    page.goto(f"{live_demo.url}/ledger/campaigns/")
    page.click("#new-campaign")
    expect(page.locator("#campaign-form")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.fill("#id_name", "冬季敲门")
    page.select_option("#id_area", index=0)
    page.fill("#id_ends_on", (datetime.date.today() + datetime.timedelta(days=14)).isoformat())
    page.click("#campaign-form button[type=submit]")
    expect(page.locator("h1")).to_contain_text("冬季敲门")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.goto(f"{live_demo.url}/ledger/campaigns/")
    expect(page.locator(".campaigns")).to_contain_text("冬季敲门")

    page.context.clear_cookies()
    page = login("district")
    page.goto(f"{live_demo.url}/ledger/care-tags/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.fill("#new-name", "失能老人")
    page.fill("#new-days", "7")
    page.click("#care-tag-new button[type=submit]")
    expect(page.locator("#care-tags")).to_have_count(1)
    assert page.locator("#care-tags input[value='失能老人']").count() == 1
