import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from grassroots.core.models import AuditLog
from grassroots.residents.ledger_export import export_ledger

from .conftest import HEAD_ID


def test_it_exports_masked_with_a_watermark_and_audits(head, make_user, grid, tmp_path):  # type: ignore[no-untyped-def]
    clerk = make_user("clerk", "community", grid.community)
    path = tmp_path / "care.xlsx"
    with path.open("wb") as out:
        assert export_ledger(by=clerk, area=grid.community, kind="care", out=out) == 1
    sheet = load_workbook(path).worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert "clerk" in str(sheet.oddHeader.center.text) and "clerk" in str(values[0][0])  # type: ignore[union-attr]
    assert values[1][:3] == ["街道", "社区", "小区"]
    assert values[2][9] == HEAD_ID[:6] + "********" + HEAD_ID[-4:]
    assert HEAD_ID not in str(values)
    record = AuditLog.objects.get(action="ledger_export")
    assert record.detail == {"list": "care", "rows": 1, "unmasked": False}


def test_it_unmasks_only_for_a_permitted_user_who_asks(head, make_user, grid, tmp_path):  # type: ignore[no-untyped-def]
    clerk = make_user("clerk", "community", grid.community)
    with pytest.raises(PermissionDenied), (tmp_path / "x.xlsx").open("wb") as out:
        export_ledger(by=clerk, area=grid.community, kind="residents", out=out, unmask=True)
    clerk.user_permissions.add(Permission.objects.get(codename="unmask_resident"))
    clerk = type(clerk).objects.get(pk=clerk.pk)
    with (tmp_path / "y.xlsx").open("wb") as out:
        export_ledger(by=clerk, area=grid.community, kind="residents", out=out, unmask=True)
    assert HEAD_ID in str(
        [[c.value for c in r] for r in load_workbook(tmp_path / "y.xlsx").worksheets[0].iter_rows()]
    )


def test_it_refuses_an_area_outside_scope(head, make_user, grid, tmp_path):  # type: ignore[no-untyped-def]
    stranger = make_user("s", "community", grid.communities[-1])
    with pytest.raises(PermissionDenied), (tmp_path / "z.xlsx").open("wb") as out:
        export_ledger(by=stranger, area=grid.community, kind="vacant", out=out)
