"""Text longer than the ledger's column is refused, naming the field (and row) and the limit: neither
cut nor left for the database to refuse with an error nobody can act on."""

import pytest
from django.core.exceptions import ValidationError

from grassroots.residents.ledger_import import ledger_import
from grassroots.residents.models import Area, Resident
from grassroots.residents.services import household_update, resident_create, resident_update

from .ledger_files import good_rows, write

LONG_NAME = "欧阳" * 26  # 52 characters; the column holds 50
LONG_ROOM = "101室（东户，原为102与103两户打通合并）"  # 24 characters; the column holds 20


def test_it_lists_overlong_cells_of_a_file_by_row_and_column(grid, tmp_path):  # type: ignore[no-untyped-def]
    rows = good_rows()
    rows[0][4] = LONG_NAME
    rows[1][3] = LONG_ROOM
    rows[3][1] = "9号楼" + "东" * 100
    path = write(tmp_path / "long.xlsx", rows)
    for dry_run in (True, False):
        result = ledger_import(by=None, area=grid.compound, path=path, dry_run=dry_run)
        said = {(e["row"], e["column"]): e["reason"] for e in result.errors}
        assert set(said) == {(4, "姓名"), (5, "房号"), (7, "楼栋")}
        assert "50" in said[(4, "姓名")] and "52" in said[(4, "姓名")]
        assert "20" in said[(5, "房号")] and "100" in said[(7, "楼栋")]
    assert not Resident.objects.exists()
    assert not Area.objects.filter(name__startswith="9号楼").exists()


def test_it_refuses_an_overlong_name_or_room_typed_by_hand(grid, household):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        resident_create(by=None, household=household, name=LONG_NAME)
    assert "50" in str(refused.value.message_dict["name"])
    head = resident_create(by=None, household=household, name="王建国")
    with pytest.raises(ValidationError) as refused:
        resident_update(by=None, resident=head, changes={"name": LONG_NAME, "phone": "123"})
    assert set(refused.value.message_dict) == {"name", "phone"}  # every mistake said at once
    with pytest.raises(ValidationError) as refused:
        household_update(by=None, household=household, changes={"room": LONG_ROOM})
    assert "20" in str(refused.value.message_dict["room"])
    head.refresh_from_db()
    household.refresh_from_db()
    assert (head.name, household.room) == ("王建国", "101")
