"""As a command station: upload a ledger with mistakes and see every one of them listed, nothing imported."""

import datetime

from openpyxl import Workbook
from playwright.sync_api import Page, expect

from grassroots.residents.idnumbers import compose
from grassroots.residents.models import Resident


def test_station_sees_every_error_of_an_upload(login, live_demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from grassroots.core.models import User

    compound = User.objects.get(username="station").grants.get().area
    good = compose("220303", datetime.date(1961, 4, 5), 17)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([f"{compound.name}居民台账"])
    ws.append(["楼栋", "单元", "房号", "姓名", "性别", "证件号码", "联系电话", "重点人群类别"])
    ws.append(["1", "1", "901", "赵一", "男", good, "13900000011", ""])
    ws.append(["1", "1", "902", "钱二", "女", good, "139", "不存在的类别"])
    ws.append(["1", "1", "903", "孙三", "男", int(good), "", ""])
    path = tmp_path / "ledger.xlsx"
    wb.save(path)

    page: Page = login("station")
    page.goto(f"{live_demo.url}/ledger/imports/")
    page.select_option("select[name=area]", str(compound.pk))
    page.set_input_files("input[name=file]", str(path))
    page.click("#import-form button[type=submit]")
    rows = page.locator("#import-errors tbody tr")
    expect(rows).to_have_count(5)
    text = page.locator("#import-errors").inner_text()
    # Row 4: a woman holding a man’s number, the same number as row 3, a short phone, an unknown tag;
    # row 5: the number stored as an Excel number.
    for column in ("性别", "证件号码", "联系电话", "重点人群类别"):
        assert column in text
    assert "4" in text and "5" in text
    expect(page.locator("#import-outcome")).to_contain_text("有错误")
    assert not Resident.objects.filter(name__in=["赵一", "钱二", "孙三"]).exists()


def test_a_file_that_is_no_workbook_is_refused_in_place(login, live_demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "ledger.csv"
    bad.write_text("楼栋,房号\n1,101\n")
    page: Page = login("station")
    page.goto(f"{live_demo.url}/ledger/imports/")
    page.set_input_files("input[name=file]", str(bad))
    page.click("#import-form button[type=submit]")
    expect(page.locator("#import-result #import-error")).to_contain_text("Excel")
    expect(page.locator("header.top")).to_have_count(1)  # the answer went in place, not a page in a page
