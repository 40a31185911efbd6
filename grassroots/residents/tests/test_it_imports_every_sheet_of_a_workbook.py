"""Community ledgers often keep a sheet per building. Every sheet with a ledger header is read, in the
workbook's order; a hidden sheet or one with no header is named as not read, so nothing is skipped
unseen; errors name their sheet; a damaged file is an error, not a crash."""

import datetime
from pathlib import Path
from typing import Any

import pytest
import xlwt
from django.test import Client
from openpyxl import Workbook, load_workbook

from grassroots.residents import ledger_sheets
from grassroots.residents.idnumbers import compose
from grassroots.residents.ledger_export import write_report
from grassroots.residents.ledger_import import ledger_import
from grassroots.residents.models import LedgerImport, Resident

HEADER = ["楼栋", "单元", "房号", "姓名", "证件号码", "与户主关系"]


def person(n: int) -> str:
    return compose("220303", datetime.date(1970, 1, 1) + datetime.timedelta(days=n), 2 * n + 1)


@pytest.fixture(params=["calamine", "streamed"])
def reader(request: Any, monkeypatch: Any) -> str:
    monkeypatch.setattr(ledger_sheets, "STREAM_ABOVE_BYTES", 1 << 40 if request.param == "calamine" else 0)
    return str(request.param)


def workbook(path: Path, sheets: dict[str, list[list[Any]]], hidden: tuple[str, ...] = ()) -> str:
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        if name in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return str(path)


def by_building(first: str, second: str) -> dict[str, list[list[Any]]]:
    return {
        "1号楼": [["一号楼住户"], HEADER, ["1号楼", "1单元", "101", "周甲", first, "户主"], ["1号楼", "1单元", "101", "周乙", person(2), "配偶"]],
        "说明": [["填表说明：每栋楼一张表。"]],
        "空表": [],
        "2号楼": [HEADER, ["2号楼", "1单元", "201", "吴丙", second, "户主"]],
        "旧数据": [HEADER, ["9号楼", "1单元", "901", "郑丁", person(9), "户主"]],
    }  # fmt: skip


def test_it_reads_every_sheet_with_a_header(grid: Any, tmp_path: Path, reader: str) -> None:
    path = workbook(tmp_path / "buildings.xlsx", by_building(person(1), person(3)), hidden=("旧数据",))
    result = ledger_import(by=None, area=grid.compound, path=path, dry_run=False)
    assert result.errors == []
    assert (result.total, result.created, result.households_created) == (3, 3, 2)
    assert result.sheets_read == ["1号楼", "2号楼"]
    assert [u.split("（")[0] for u in result.sheets_unread] == [
        "说明",
        "旧数据",
    ]  # the empty sheet: nothing to say
    assert Resident.objects.get(name="吴丙").household.area.parent.name == "2号楼"  # type: ignore[union-attr]
    assert not Resident.objects.filter(name="郑丁").exists()  # hidden: not what the user sees


def test_it_names_the_sheet_of_each_error(grid: Any, tmp_path: Path, reader: str) -> None:
    """The same ID on two sheets names both places; the report marks each sheet's own bad cell."""
    path = workbook(tmp_path / "dup.xlsx", by_building(person(1), person(1)), hidden=("旧数据",))
    result = ledger_import(by=None, area=grid.compound, path=path, dry_run=True)
    assert [(e["sheet"], e["row"], e["column"]) for e in result.errors] == [("2号楼", 2, "证件号码")]
    assert "1号楼" in result.errors[0]["reason"] and "3" in result.errors[0]["reason"]
    report = tmp_path / "report.xlsx"
    with open(report, "wb") as out:
        write_report(source=path, errors=result.errors, out=out, who="测试")
    book = load_workbook(report)
    assert book.sheetnames[:4] == ["1号楼", "说明", "空表", "2号楼"] and "旧数据" not in book.sheetnames
    marked = {
        (ws.title, c.row, c.column)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.fill.fgColor.rgb == "00FFC7CE"
    }
    assert marked == {("2号楼", 2, 5)}
    listed = list(book.worksheets[-1].iter_rows(min_row=2, values_only=True))
    assert [row[:3] for row in listed] == [("2号楼", 2, "证件号码")]


@pytest.mark.parametrize("content", [b"not a workbook", b"PK\x03\x04 cut short"])
def test_it_refuses_a_file_it_cannot_read(grid: Any, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(content)
    result = ledger_import(by=None, area=grid.compound, path=str(path), dry_run=True)
    assert [(e["row"], e["column"]) for e in result.errors] == [(1, "")]
    assert "Excel" in result.errors[0]["reason"] or "workbook" in result.errors[0]["reason"]


@pytest.fixture
def station(make_user: Any, grid: Any, tmp_path: Path, settings: Any) -> Client:
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(make_user("st", "station", grid.compound))
    return client


def test_it_lists_a_damaged_upload_as_an_error_on_the_page(
    station: Client, grid: Any, tmp_path: Path
) -> None:
    client = station
    path = tmp_path / "renamed.xlsx"
    path.write_bytes("姓名,房号\n张三,101\n".encode())  # a CSV saved under an Excel name
    with open(path, "rb") as f:
        got = client.post("/ledger/imports/", {"area": grid.compound.pk, "file": f})
    assert got.status_code == 200 and "无法作为Excel工作簿读取此文件" in got.content.decode()
    job = LedgerImport.objects.get()
    assert job.status == "failed"
    report = client.get(f"/ledger/imports/{job.pk}/report/")
    assert report.status_code == 200
    assert b"".join(report.streaming_content)[:2] == b"PK"  # type: ignore[attr-defined]


def test_it_shows_sheets_read_unread_and_each_errors_sheet_on_the_page(
    station: Client, grid: Any, tmp_path: Path
) -> None:
    client = station
    path = workbook(tmp_path / "dup.xlsx", by_building(person(1), person(1)), hidden=("旧数据",))
    with open(path, "rb") as f:
        page = client.post("/ledger/imports/", {"area": grid.compound.pk, "file": f}).content.decode()
    assert (
        "已读取的工作表：1号楼、2号楼" in page
        and "未读取：说明（没有表头行）、旧数据（隐藏的工作表）" in page
    )
    assert '<td data-label="工作表">2号楼</td><td data-label="行">2</td>' in page


def test_it_reads_an_xls_workbook_the_same_way(grid: Any, tmp_path: Path) -> None:
    """Excel 97–2003 files, which offices still send: sheets, hidden ones and merged cells as in .xlsx."""
    book = xlwt.Workbook()
    for name, rows in by_building(person(1), person(3)).items():
        ws = book.add_sheet(name)
        ws.visibility = int(name == "旧数据")
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                ws.write(i, j, value)
    ws = book.add_sheet("3号楼")
    for j, value in enumerate(HEADER):
        ws.write(0, j, value)
    ws.write_merge(1, 2, 0, 0, "3号楼")
    ws.write_merge(1, 2, 2, 2, "301")
    for i, (name, n, relation) in enumerate([("冯甲", 4, "户主"), ("冯乙", 5, "配偶")], start=1):
        ws.write(i, 3, name)
        ws.write(i, 4, person(n))
        ws.write(i, 5, relation)
    path = str(tmp_path / "buildings.xls")
    book.save(path)
    result = ledger_import(by=None, area=grid.compound, path=path, dry_run=False)
    assert result.errors == [] and result.sheets_read == ["1号楼", "2号楼", "3号楼"]
    assert [u.split("（")[0] for u in result.sheets_unread] == ["说明", "旧数据"]
    assert (result.total, result.created, result.households_created) == (5, 5, 3)
    assert {r.household.room for r in Resident.objects.filter(name__startswith="冯")} == {"301"}
