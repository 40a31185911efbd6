"""As a command station: check a monthly file that leaves people of its households out, tick them
all with one box but one, and take the ticked out of the ledger."""

from openpyxl import Workbook
from playwright.sync_api import Page, expect

from grassroots.residents.models import Household, Resident


def test_station_ticks_whom_a_file_left_out_and_takes_them_out(login, live_demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from grassroots.core.models import User

    compound = User.objects.get(username="station").grants.get().area
    homes = [
        h
        for h in Household.objects.filter(area__path__startswith=compound.path, area__kind="unit")
        .select_related("area__parent")
        .order_by("area__path", "room")
        if h.residents.count() >= 2
    ][:2]
    left_out = list(Resident.objects.filter(household__in=homes).order_by("pk"))
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["楼栋", "单元", "房号", "姓名", "性别", "与户主关系"])
    for i, h in enumerate(homes):  # each household names a newcomer, and none of its people
        building = h.area.parent
        assert building is not None  # a unit's parent is its building
        ws.append([building.name, h.area.name, h.room, f"新住户{i}", "女", "其他"])
    path = tmp_path / "monthly.xlsx"
    wb.save(path)

    page: Page = login("station")
    page.goto(f"{live_demo.url}/ledger/imports/")
    page.select_option("select[name=area]", str(compound.pk))
    page.set_input_files("input[name=file]", str(path))
    page.click("#import-form button[type=submit]")
    expect(page.locator("#import-absent summary")).to_contain_text(f"{len(left_out)} 人")
    page.click("#import-absent summary")
    boxes = page.locator('#absent-form input[name="resident"]')
    expect(boxes).to_have_count(len(left_out))
    everyone = page.locator("#absent-form [data-tick-all]")
    everyone.check()
    for i in range(len(left_out)):
        expect(boxes.nth(i)).to_be_checked()
    kept = left_out[0]
    page.locator(f'#absent-form input[name="resident"][value="{kept.pk}"]').uncheck()
    expect(everyone).not_to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("#absent-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text(f"{len(left_out) - 1} 人已移出台账")
    assert list(Resident.objects.filter(household__in=homes).order_by("pk")) == [kept]
    gone = Resident.everyone.filter(pk__in=[r.pk for r in left_out[1:]])
    assert {r.left_reason for r in gone} == {"moved_away"}
