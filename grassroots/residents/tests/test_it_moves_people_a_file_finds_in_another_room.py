"""A ledger file that lists someone in another room moves them there: the old household's head hands
over, the new one gets its head, someone who had left is brought back where they live now, and a file
may not pull in someone who lives, by the ledger, outside the importer's area."""

from pathlib import Path
from typing import Any

from grassroots.residents.departures import resident_leave
from grassroots.residents.ledger_import import ledger_import
from grassroots.residents.models import Household, LedgerChange, Resident

from .ledger_files import ID_A, ID_C, write


def row(room: str, name: str, id_number: str, relation: str) -> list[Any]:
    return [1, "1号楼", "1单元", room, name, "", id_number, "", relation, "常住", "否", "是", "", ""]


MAY = [row("101", "王建国", ID_A, "户主"), row("101", "王小宝", "", "子女"), row("102", "李四", ID_C, "户主")]


def test_a_head_who_moves_hands_over_the_old_household_and_heads_the_new(grid: Any, tmp_path: Path) -> None:
    ledger_import(by=None, area=grid.compound, path=write(tmp_path / "may.xlsx", MAY), dry_run=False)
    wang = Resident.objects.get(name="王建国")
    old = wang.household
    june = [MAY[1], row("103", "王建国", ID_A, "户主"), MAY[2]]
    done = ledger_import(by=None, area=grid.compound, path=write(tmp_path / "june.xlsx", june), dry_run=False)
    assert not done.errors and done.updated == 3
    old.refresh_from_db()
    wang.refresh_from_db()
    assert wang.household.room == "103" and wang.household.head_id == wang.pk
    assert old.head_id is None
    moved = LedgerChange.objects.get(resident=wang, field="household")
    assert (moved.old, moved.new, moved.via) == (
        "小区1-1-1 1号楼 1单元 101",
        "小区1-1-1 1号楼 1单元 103",
        "import",
    )
    assert LedgerChange.objects.filter(household=old, field="head", old="王建国", new="").exists()


def test_someone_who_left_is_brought_back_in_the_room_the_file_names(grid: Any, tmp_path: Path) -> None:
    ledger_import(by=None, area=grid.compound, path=write(tmp_path / "may.xlsx", MAY), dry_run=False)
    li = Resident.objects.get(name="李四")
    before = li.household
    resident_leave(by=None, resident=li, reason="moved_away")
    june = [MAY[0], MAY[1], row("103", "李四", ID_C, "户主")]
    done = ledger_import(by=None, area=grid.compound, path=write(tmp_path / "june.xlsx", june), dry_run=False)
    assert not done.errors and done.returned == 1
    li.refresh_from_db()
    assert li.left_at is None and li.household.room == "103" and li.household.head_id == li.pk
    before.refresh_from_db()
    assert before.head_id is None and not before.residents.exists()


def test_a_file_may_not_pull_in_someone_living_outside_the_importers_area(
    grid: Any, tmp_path: Path, make_user: Any
) -> None:
    ledger_import(by=None, area=grid.compound, path=write(tmp_path / "may.xlsx", MAY), dry_run=False)
    other = grid.compounds[2]  # a compound of another community
    assert not other.path.startswith(grid.community.path)
    station = make_user("station-b", "station", other.parent)
    wang = Resident.objects.get(name="王建国")
    path = write(tmp_path / "b.xlsx", [row("201", "王建国", ID_A, "户主")])

    dry = ledger_import(by=station, area=other, path=path, dry_run=True)
    assert [(e["row"], e["column"], e["value"]) for e in dry.errors] == [(4, "证件号码", wang.id_masked)]
    done = ledger_import(by=station, area=other, path=path, dry_run=False)
    assert done.errors and Resident.objects.get(pk=wang.pk).household_id == wang.household_id

    # Once his community records that he moved away, the other community's file brings him in.
    resident_leave(by=None, resident=wang, reason="moved_away")
    done = ledger_import(by=station, area=other, path=path, dry_run=False)
    assert not done.errors and done.returned == 1
    wang.refresh_from_db()
    assert wang.left_at is None and wang.household.area.path.startswith(other.path)
    assert Household.objects.get(pk=wang.household_id).head_id == wang.pk
