"""Ledgers are sent in again every month, and some people in them have no ID number (a baby, an elder
whose number was never collected). Such a row is the same person as the one of that name in the same
household, and updates them; it used to add them once more with every import."""

from pathlib import Path
from typing import Any

from grassroots.residents.ledger_import import ledger_import
from grassroots.residents.models import LedgerChange, Resident

from .ledger_files import ID_A, write


def row(room: str, name: str, id_number: str, relation: str, phone: str = "") -> list[Any]:
    return [1, "1号楼", "1单元", room, name, "男", id_number, phone, relation, "常住", "否", "是", "", ""]


def test_it_updates_the_person_of_that_name_in_that_household(grid: Any, tmp_path: Path) -> None:
    first = [
        row("101", "王建国", ID_A, "户主"),
        row("101", "王小宝", "", "子女"),
        row("102", "王小宝", "", "户主"),
    ]
    ledger_import(by=None, area=grid.compound, path=write(tmp_path / "may.xlsx", first), dry_run=False)
    again = [
        *first[:2],
        row("102", "王小宝", "", "户主", phone="13900003333"),
        row("102", "李四", "", "配偶"),
    ]
    path = write(tmp_path / "june.xlsx", again)
    dry = ledger_import(by=None, area=grid.compound, path=path, dry_run=True)
    assert (dry.created, dry.updated) == (1, 3)
    result = ledger_import(by=None, area=grid.compound, path=path, dry_run=False)
    assert result.errors == [] and (result.created, result.updated) == (1, 3)
    assert sorted(Resident.objects.values_list("household__room", "name")) == [
        ("101", "王小宝"),
        ("101", "王建国"),
        ("102", "李四"),
        ("102", "王小宝"),
    ]
    elder = Resident.objects.get(household__room="102", name="王小宝")
    assert elder.phone == "13900003333"
    change = LedgerChange.objects.get(resident=elder, field="phone")
    assert (change.old, change.new, change.via) == ("", "13900003333", "import")


def test_it_refuses_one_name_twice_in_a_household_without_id_numbers(grid: Any, tmp_path: Path) -> None:
    """Pasted twice, or two people the file does not tell apart: either way the import cannot know."""
    rows = [
        row("101", "王建国", ID_A, "户主"),
        row("101", "王小宝", "", "子女"),
        row("102", "王小宝", "", "户主"),  # another household: another person
        row("101", "王小宝", "", "子女"),
    ]
    result = ledger_import(by=None, area=grid.compound, path=write(tmp_path / "x.xlsx", rows), dry_run=True)
    assert [(e["row"], e["column"], e["value"]) for e in result.errors] == [(7, "姓名", "王小宝")]
    assert "5" in result.errors[0]["reason"]
