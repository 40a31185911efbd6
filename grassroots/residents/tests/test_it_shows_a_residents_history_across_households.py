"""A resident's page lists their history from every household they have lived in: an import that finds
their ID in another room moves them, and what was recorded before the move stays theirs."""

from django.test import Client

from grassroots.residents import ledger_import as importer
from grassroots.residents.models import Resident

from .ledger_files import write
from .test_it_imports_ledgers_in_chunks import person


def test_it_shows_a_moved_residents_entries_from_before_the_move(make_user, grid, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for room, name in (("101", "first.xlsx"), ("102", "second.xlsx")):
        result = importer.ledger_import(
            by=None,
            area=grid.compound,
            path=write(tmp_path / name, [person(room, "甲", 1, "户主")]),
            dry_run=False,
        )
        assert result.errors == []
    resident = Resident.objects.select_related("household").get(name="甲")
    assert resident.household.room == "102"
    client = Client()
    client.force_login(make_user("st", "station", grid.compound))
    page = client.get(f"/ledger/residents/{resident.pk}/")
    entries = {(c.field, c.household.room): c for c in page.context["history"]}
    assert ("created", "101") in entries  # recorded in the household they have left
    move = entries[("household", "102")]
    assert (move.old, move.new) == ("小区1-1-1 1号楼 1单元 101", "小区1-1-1 1号楼 1单元 102")
    assert "1号楼 1单元 101" in page.content.decode()


def test_it_keeps_a_residents_entries_outside_the_users_scope_from_them(make_user, grid, tmp_path) -> None:  # type: ignore[no-untyped-def]
    other = grid.compounds[1]
    for area, name in ((other, "first.xlsx"), (grid.compound, "second.xlsx")):
        result = importer.ledger_import(
            by=None, area=area, path=write(tmp_path / name, [person("101", "甲", 1, "户主")]), dry_run=False
        )
        assert result.errors == []
    resident = Resident.objects.get(name="甲")
    client = Client()
    client.force_login(make_user("st", "station", grid.compound))
    history = client.get(f"/ledger/residents/{resident.pk}/").context["history"]
    assert history and {c.household.area.path.startswith(grid.compound.path) for c in history} == {True}
