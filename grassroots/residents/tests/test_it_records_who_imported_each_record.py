"""An import's new households and residents enter the history as created: by whom, when, through import,
and a household before its residents (the database writes these entries from the rows themselves)."""

from grassroots.residents.ledger_import import ledger_import
from grassroots.residents.models import Household, LedgerChange, Resident

from .ledger_files import good_rows, write


def test_it_records_who_imported_each_record(grid, make_user, tmp_path):  # type: ignore[no-untyped-def]
    clerk = make_user("clerk", "station", grid.community)
    result = ledger_import(
        by=clerk, area=grid.compound, path=write(tmp_path / "a.xlsx", good_rows()), dry_run=False
    )
    assert result.errors == []
    created = LedgerChange.objects.filter(field="created")
    assert {(c.actor_id, c.actor_name, c.via, c.old) for c in created} == {(clerk.pk, "clerk", "import", "")}
    assert len({c.at for c in created}) == 1
    for household in Household.objects.all():
        entries = list(household.changes.filter(field="created").order_by("id"))
        residents = list(household.residents.order_by("id"))
        assert [(e.resident_id, e.new) for e in entries] == [(None, household.room)] + [
            (r.pk, r.name) for r in residents
        ]
    assert created.count() == Household.objects.count() + Resident.objects.count()


def test_it_keeps_the_name_of_an_importer_since_deleted(grid, make_user, tmp_path):  # type: ignore[no-untyped-def]
    clerk = make_user("clerk", "station", grid.community)
    ledger_import(by=clerk, area=grid.compound, path=write(tmp_path / "a.xlsx", good_rows()), dry_run=False)
    clerk.delete()
    assert {(c.actor_id, c.actor_name) for c in LedgerChange.objects.all()} == {(None, "clerk")}
