"""Imports hand their batches to a writer thread (PostgreSQL): its failures must reach the caller, and
the key checks it switches to per-batch must be back to deferred afterwards."""

import pytest
from django.db import DataError, IntegrityError, connection, transaction

from grassroots.residents import ledger_import as importer
from grassroots.residents.bulk import BackgroundInserts, allocate_ids
from grassroots.residents.models import Household, Resident

from .ledger_files import write
from .test_it_imports_ledgers_in_chunks import person

FIELDS = ["id", "area", "room", "status", "no_smartphone", "head", "notes", "version", "updated_at"]


def household_row(pk: int, area: int, room: str):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    return (pk, area, room, "occupied", False, None, "", 1, timezone.now())


def test_it_raises_the_writers_error_and_keeps_nothing(grid) -> None:  # type: ignore[no-untyped-def]
    first, second = allocate_ids(Household, 2)
    with pytest.raises(IntegrityError), transaction.atomic(), BackgroundInserts() as inserts:
        inserts.send([(Household, FIELDS, [household_row(first, grid.unit.pk, "101")])])
        # The same room twice breaks household_room_unique, in the writer's own batch.
        inserts.send([(Household, FIELDS, [household_row(second, grid.unit.pk, "101")])])
        inserts.wait()
    assert not Household.objects.exists()


def test_it_writes_every_batch_sent_before_wait_returns(grid) -> None:  # type: ignore[no-untyped-def]
    pks = allocate_ids(Household, 30)
    with transaction.atomic(), BackgroundInserts() as inserts:
        for n in range(3):
            inserts.send(
                [(Household, FIELDS, [household_row(pk, grid.unit.pk, f"{n}{i:02d}") for i, pk in
                                      enumerate(pks[n * 10 : n * 10 + 10])])]
            )  # fmt: skip
        inserts.wait()
        assert Household.objects.filter(pk__in=pks).count() == 30


def test_it_writes_each_value_as_it_was_given(grid) -> None:  # type: ignore[no-untyped-def]
    """Text with tabs, newlines and backslashes, a timestamp to the microsecond and a null key come
    back as they went in (on PostgreSQL the rows go in as binary COPY, each column as its type)."""
    from django.utils import timezone

    (pk,) = allocate_ids(Household, 1)
    at = timezone.now().replace(microsecond=123456)
    with transaction.atomic(), BackgroundInserts() as inserts:
        inserts.send(
            [(Household, FIELDS, [(pk, grid.unit.pk, "1-101", "vacant", True, None, "甲\t乙\n\\丙", 3, at)])]
        )
        inserts.wait()
    household = Household.objects.get(pk=pk)
    assert (household.room, household.status, household.no_smartphone, household.head_id) == (
        "1-101",
        "vacant",
        True,
        None,
    )
    assert (household.notes, household.version, household.updated_at) == ("甲\t乙\n\\丙", 3, at)


@pytest.mark.postgres
def test_it_refuses_a_value_too_long_for_its_column(grid) -> None:  # type: ignore[no-untyped-def]
    """The server checks each column's length (a binary COPY is not cut to fit)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite does not enforce lengths")
    (pk,) = allocate_ids(Household, 1)
    with pytest.raises(DataError), transaction.atomic(), BackgroundInserts() as inserts:
        inserts.send([(Household, FIELDS, [household_row(pk, grid.unit.pk, "1" * 21)])])
        inserts.wait()
    assert not Household.objects.filter(pk=pk).exists()


@pytest.mark.postgres
def test_it_leaves_key_checks_deferred_after_an_import(grid, tmp_path) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("key check modes are PostgreSQL's")
    with transaction.atomic():
        result = importer.ledger_import(
            by=None,
            area=grid.compound,
            path=write(tmp_path / "a.xlsx", [person("101", "甲", 1, "户主")]),
            dry_run=False,
        )
        assert result.errors == []
        # Still in the import's transaction: a resident may point at a household written after it.
        (household_pk,) = allocate_ids(Household, 1)
        Resident.objects.create(household_id=household_pk, name="乙", version=1)
        Household.objects.create(pk=household_pk, area=grid.unit, room="999")
    assert Resident.objects.filter(name="乙", household_id=household_pk).exists()
