"""Ledgers as communities lay them out: a building, a unit or a household's room and answers merged
over the rows of its members, a header over two rows, the header repeated where pages were pasted
together. Each is read as Excel shows it, whether calamine or the streaming reader reads the file."""

import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from grassroots.residents import ledger_sheets
from grassroots.residents.idnumbers import compose
from grassroots.residents.ledger_export import write_report
from grassroots.residents.ledger_import import ledger_import
from grassroots.residents.models import Household, HouseholdStatus, Resident

HEADER = [
    "楼栋",
    "单元",
    "房号",
    "姓名",
    "证件号码",
    "联系电话",
    "与户主关系",
    "是否长期无人",
    "是否有智能手机",
]


def person(n: int) -> str:
    return compose("220303", datetime.date(1960, 1, 1) + datetime.timedelta(days=n), 2 * n + 1)


def workbook(path: Path, rows: list[list[Any]], merged: list[str]) -> str:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    for cells in merged:
        ws.merge_cells(cells)
    wb.save(path)
    return str(path)


@pytest.fixture(params=["calamine", "streamed"])
def reader(request: Any, monkeypatch: Any) -> str:
    monkeypatch.setattr(ledger_sheets, "STREAM_ABOVE_BYTES", 1 << 40 if request.param == "calamine" else 0)
    return str(request.param)


def test_it_reads_a_merged_cell_into_every_row_it_covers(grid: Any, tmp_path: Path, reader: str) -> None:
    """Building and unit merged over six rows; rooms 101 and 102 over three each (101's third a
    spare line left blank, as printed forms have); each household's yes/no answers merged too."""
    rows: list[list[Any]] = [
        ["示范小区居民信息登记表"],
        HEADER,
        ["1号楼", "1单元", "101", "王甲", person(1), "13900000001", "户主", "否", "否"],
        [None, None, None, "王乙", person(2), "13900000002", "配偶"],
        [],
        [None, None, "102", "李丙", person(3), "13900000003", "户主", "否", "是"],
        [None, None, None, "李丁", person(4), "13900000004", "子女"],
        [None, None, None, "李戊", person(5), "13900000005", "子女"],
    ]
    merged = ["A1:I1", "A3:A8", "B3:B8", *[f"{c}{top}:{c}{top + 2}" for c in "CHI" for top in (3, 6)]]
    path = workbook(tmp_path / "merged.xlsx", rows, merged)
    result = ledger_import(by=None, area=grid.compound, path=path, dry_run=False)
    assert result.errors == []
    assert (result.total, result.created, result.households_created) == (5, 5, 2)
    homes = {h.room: h for h in Household.objects.filter(area__name="1单元", area__parent__name="1号楼")}
    assert sorted(homes) == ["101", "102"]
    assert sorted(homes["101"].residents.values_list("name", flat=True)) == ["王乙", "王甲"]
    assert sorted(homes["102"].residents.values_list("name", flat=True)) == ["李丁", "李丙", "李戊"]
    assert homes["101"].no_smartphone and not homes["102"].no_smartphone
    assert homes["101"].head == Resident.objects.get(name="王甲")


def test_it_reports_errors_on_the_row_a_merged_value_reached(grid: Any, tmp_path: Path, reader: str) -> None:
    """A merged answer that is not 是 or 否 is wrong on every row it covers: each row says so, and the
    report marks it on each."""
    rows: list[list[Any]] = [
        HEADER,
        ["1号楼", "1单元", "101", "王甲", person(1), "", "户主", "否", "也许"],
        [None, None, None, "王乙", person(2), "", "配偶"],
    ]
    path = workbook(tmp_path / "bad.xlsx", rows, ["A2:A3", "B2:B3", "C2:C3", "I2:I3"])
    result = ledger_import(by=None, area=grid.compound, path=path, dry_run=True)
    assert [(e["row"], e["column"], e["value"]) for e in result.errors] == [
        (2, "是否有智能手机", "也许"),
        (3, "是否有智能手机", "也许"),
    ]
    report = tmp_path / "report.xlsx"
    with open(report, "wb") as out:
        write_report(source=path, errors=result.errors, out=out, who="测试")
    sheet = load_workbook(report).worksheets[0]
    marked = [(c.row, c.value) for row in sheet.iter_rows() for c in row if c.fill.fgColor.rgb == "00FFC7CE"]
    assert marked == [(2, "也许"), (3, "也许")]


def test_it_reads_a_header_over_two_rows(grid: Any, tmp_path: Path, reader: str) -> None:
    """A group (住户情况) above, the names below it; the names the first row gives are merged down over both."""
    rows: list[list[Any]] = [
        ["楼栋", "房号", "姓名", "证件号码", "住户情况", None],
        [None, None, None, None, "是否长期无人", "是否有智能手机"],
        ["2号楼", "201", "赵甲", person(6), "否", "否"],
        ["2号楼", "202", None, None, "是", "是"],
    ]
    path = workbook(tmp_path / "two_rows.xlsx", rows, ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:F1"])
    result = ledger_import(by=None, area=grid.compound, path=path, dry_run=False)
    assert result.errors == [] and (result.total, result.created) == (2, 1)
    assert Household.objects.get(room="201").no_smartphone
    assert Household.objects.get(room="202").status == HouseholdStatus.VACANT


def test_it_skips_the_header_where_pages_were_pasted_together(grid: Any, tmp_path: Path, reader: str) -> None:
    rows: list[list[Any]] = [
        ["居民信息登记表"],
        HEADER,
        ["3号楼", "1单元", "301", "孙甲", person(7), "", "户主", "否", "是"],
        HEADER,
        ["3号楼", "1单元", "302", "孙乙", person(8), "", "户主", "否", "是"],
    ]
    path = workbook(tmp_path / "pasted.xlsx", rows, [])
    result = ledger_import(by=None, area=grid.compound, path=path, dry_run=False)
    assert result.errors == [] and (result.total, result.created, result.households_created) == (2, 2, 2)
