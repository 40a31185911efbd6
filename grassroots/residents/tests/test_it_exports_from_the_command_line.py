import getpass

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from grassroots.core.models import AuditLog

from .conftest import HEAD_ID


def test_it_exports_without_a_user_as_the_operator_masked(head, grid, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "residents.xlsx"
    call_command("export_ledger", str(path), "--area", grid.district.code, "--list", "residents")
    sheet = load_workbook(path).worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    operator = f"manage.py ({getpass.getuser()})"
    assert operator in str(sheet.oddHeader.center.text) and operator in str(values[0][0])  # type: ignore[union-attr]
    assert len(values) == 3 and values[2][6] == head.name
    assert values[2][9] == head.id_masked and HEAD_ID not in str(values)
    record = AuditLog.objects.get(action="ledger_export")
    assert record.actor is None and record.area == grid.district
    assert record.detail == {"list": "residents", "rows": 1, "unmasked": False, "operator": operator}


def test_it_exports_household_lists_of_the_whole_area(head, grid, tmp_path):  # type: ignore[no-untyped-def]
    from grassroots.residents.services import household_update

    household_update(by=None, household=head.household, changes={"no_smartphone": True})
    path = tmp_path / "phones.xlsx"
    call_command("export_ledger", str(path), "--area", str(grid.street.pk), "--list", "no-smartphone")
    rows = [[c.value for c in row] for row in load_workbook(path).worksheets[0].iter_rows()]
    assert len(rows) == 3 and rows[2][3] == "101" and rows[2][4] == head.name


def test_it_unmasks_only_for_a_named_user(head, grid, tmp_path):  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError, match="--user"):
        call_command("export_ledger", str(tmp_path / "x.xlsx"), "--area", str(grid.district.pk), "--unmask")
    assert not AuditLog.objects.filter(action="ledger_export").exists()
