import pytest
from openpyxl import load_workbook

from grassroots.core.models import AuditLog
from grassroots.places.models import Area
from grassroots.residents.ledger_export import write_report
from grassroots.residents.ledger_import import ledger_import
from grassroots.residents.models import Household, LedgerChange, Resident

from .ledger_files import ID_A, ID_B, ID_C, good_rows, write


def test_it_imports_a_messy_but_valid_ledger(grid, tmp_path):  # type: ignore[no-untyped-def]
    path = write(tmp_path / "a.xlsx", good_rows())
    dry = ledger_import(by=None, area=grid.compound, path=path, dry_run=True)
    assert dry.errors == [] and dry.created == 3 and not Resident.objects.exists()
    assert "9号楼" in " ".join(dry.areas_created)
    result = ledger_import(by=None, area=grid.compound, path=path, dry_run=False)
    assert (result.total, result.created, result.updated, result.households_created) == (4, 3, 0, 3)
    building = Area.objects.get(parent=grid.compound, name="9号楼")
    assert (building.path, building.depth) == (f"{grid.compound.path}{building.pk}/", grid.compound.depth + 1)
    (unit,) = building.children.all()
    assert (unit.name, unit.path, unit.depth) == ("2单元", f"{building.path}{unit.pk}/", building.depth + 1)
    assert Household.objects.filter(area__path__startswith=building.path).exists()
    head = Resident.objects.get(name="王建国")
    assert head.phone == "13900001111" and head.id_masked == ID_A[:6] + "********" + ID_A[-4:]
    assert sorted(t.name for t in head.care_tags.all()) == ["独居老人", "高龄老人"]
    assert head.household.head == head and head.household.area == grid.unit
    assert Resident.objects.get(name="张伟").household.no_smartphone
    assert Household.objects.get(room="601").status == "vacant"
    assert LedgerChange.objects.filter(via="import", field="created").count() == 6
    assert AuditLog.objects.filter(action="ledger_import").exists()


def test_it_updates_people_already_in_the_ledger(grid, tmp_path):  # type: ignore[no-untyped-def]
    rows = good_rows()
    ledger_import(by=None, area=grid.compound, path=write(tmp_path / "a.xlsx", rows), dry_run=False)
    rows[0][7] = "13800009999"
    again = ledger_import(by=None, area=grid.compound, path=write(tmp_path / "b.xlsx", rows), dry_run=False)
    assert (again.created, again.updated, again.households_created) == (0, 3, 0)
    assert Resident.objects.count() == 3
    assert Resident.objects.get(name="王建国").phone == "13800009999"
    change = LedgerChange.objects.get(field="phone")
    assert (change.old, change.new, change.via) == ("13900001111", "13800009999", "import")


def test_it_lists_every_error_and_writes_nothing(grid, tmp_path):  # type: ignore[no-untyped-def]
    bad_check = ID_A[:-1] + ("0" if ID_A[-1] != "0" else "1")
    rows = [
        [1, "1", "1", "101", "甲", "男", int(ID_A), "13900001111", "户主", "常住", "否", "是", "", ""],
        [2, "1", "1", "102", "乙", "男", bad_check, "12345", "户主", "常住", "否", "是", "外星人", ""],
        [3, "1", "1", "103", "丙", "女", ID_B, "", "户主", "常住", "否", "是", "", ""],
        [4, "1", "1", "104", "丁", "女", ID_B, "", "户主", "常住", "也许", "是", "", ""],
        [5, "1", "1", "105", "戊", "女", ID_C, "", "户主", "常住", "否", "是", "", ""],
    ]
    path = write(tmp_path / "bad.xlsx", rows)
    for dry_run in (True, False):
        result = ledger_import(by=None, area=grid.compound, path=path, dry_run=dry_run)
        found = {(e["row"], e["column"]) for e in result.errors}
        assert found == {
            (4, "证件号码"),
            (5, "证件号码"),
            (5, "联系电话"),
            (5, "重点人群类别"),
            (7, "证件号码"),
            (7, "是否长期无人"),
            (8, "性别"),
        }, result.errors
        assert not Resident.objects.exists() and not Household.objects.exists()
    by_place = {(e["row"], e["column"]): e for e in result.errors}
    assert "15" in by_place[(4, "证件号码")]["reason"]  # Excel kept only 15 digits
    assert "6" in by_place[(7, "证件号码")]["reason"] and "7" in by_place[(7, "证件号码")]["reason"]
    assert by_place[(5, "联系电话")]["value"] == "12345"

    report = tmp_path / "report.xlsx"
    with report.open("wb") as out:
        write_report(source=path, errors=result.errors, out=out, who="tester")
    sheet = load_workbook(report).worksheets[0]
    marked = {(c.row, c.column) for row in sheet.iter_rows() for c in row if c.fill.fgColor.rgb == "00FFC7CE"}
    assert (5, 8) in marked and (4, 7) in marked and (5, 4) not in marked
    assert "tester" in str(sheet.oddHeader.center.text)  # type: ignore[union-attr]


def test_it_refuses_a_file_without_a_header(grid, tmp_path):  # type: ignore[no-untyped-def]
    path = write(tmp_path / "x.xlsx", [["a", "b"]], header=["甲", "乙"])
    result = ledger_import(by=None, area=grid.compound, path=path, dry_run=True)
    assert result.errors and "楼栋" in result.errors[0]["reason"]


@pytest.mark.parametrize("area_attr", ["community", "street"])
def test_it_finds_the_compound_by_name_from_above(grid, tmp_path, area_attr):  # type: ignore[no-untyped-def]
    header = ["小区名称", "楼栋", "单元", "房号", "姓名", "证件号码"]
    rows = [[grid.compound.name, "1", "1", "301", "孙", ID_C], ["无此小区", "1", "1", "302", "周", ""]]
    result = ledger_import(
        by=None, area=getattr(grid, area_attr), path=write(tmp_path / "c.xlsx", rows, header), dry_run=True
    )
    assert [(e["row"], e["column"]) for e in result.errors] == [(5, "小区")]
