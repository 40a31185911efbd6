"""The import handles a file a chunk at a time: what spans chunks must come out as if read whole."""

import datetime

import pytest
from django.db import connection

from grassroots.residents import ledger_import as importer
from grassroots.residents.idnumbers import compose
from grassroots.residents.models import Household, LedgerChange, Resident

from .ledger_files import write


def person(room: str, name: str, sequence: int, relation: str, vacant: str = "否", phone: str = "是") -> list:  # type: ignore[type-arg]
    number = compose(
        "220303", datetime.date(1960, 1, 1) + datetime.timedelta(days=sequence), 2 * sequence + 1
    )
    return ["", "1", "1", room, name, "男", number, "", relation, "常住", vacant, phone, "", ""]


@pytest.fixture
def small_chunks(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(importer, "CHUNK", 2)


def test_it_settles_households_that_span_chunks(grid, tmp_path, small_chunks):  # type: ignore[no-untyped-def]
    rows = [
        person("101", "甲", 1, "子女"),
        person("102", "乙", 2, "户主"),
        person("101", "丙", 3, "配偶", phone="否"),  # the next chunk: 101 gets no-smartphone late
        person("101", "丁", 4, "户主"),  # and its head later still
        person("103", "戊", 5, "户主"),
    ]
    result = importer.ledger_import(
        by=None, area=grid.compound, path=write(tmp_path / "a.xlsx", rows), dry_run=False
    )
    assert result.errors == [] and (result.created, result.households_created) == (5, 3)
    home = Household.objects.get(room="101")
    assert home.no_smartphone and home.head is not None and home.head.name == "丁"
    assert Household.objects.get(room="102").head.name == "乙"  # type: ignore[union-attr]
    assert LedgerChange.objects.filter(household=home, field="created").count() == 4  # the home and 3 people


def test_it_rolls_back_chunks_written_before_a_later_error(grid, tmp_path, small_chunks):  # type: ignore[no-untyped-def]
    rows = [person(f"10{i}", f"人{i}", i, "户主") for i in range(1, 6)]
    rows.append(person("106", "重复", 1, "户主"))  # the first row's ID again, three chunks later
    result = importer.ledger_import(
        by=None, area=grid.compound, path=write(tmp_path / "a.xlsx", rows), dry_run=False
    )
    assert [(e["row"], e["column"]) for e in result.errors] == [(9, "证件号码")]
    assert "4" in result.errors[0]["reason"] and "9" in result.errors[0]["reason"]
    assert not Resident.objects.exists() and not Household.objects.exists()
    assert not LedgerChange.objects.exists()


def reimport_with_one_renamed_and_one_new(grid, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rows = [person(f"10{i}", f"人{i}", i, "户主") for i in range(1, 6)]
    importer.ledger_import(by=None, area=grid.compound, path=write(tmp_path / "a.xlsx", rows), dry_run=False)
    rows[4][4] = "改名"
    rows.append(person("201", "新人", 9, "户主"))
    again = importer.ledger_import(
        by=None, area=grid.compound, path=write(tmp_path / "b.xlsx", rows), dry_run=False
    )
    assert (again.created, again.updated, again.households_created) == (1, 5, 1)
    assert Resident.objects.count() == 6 and Resident.objects.filter(name="改名").exists()
    change = LedgerChange.objects.get(field="name")
    assert (change.old, change.new, change.via) == ("人5", "改名", "import")


def test_it_counts_known_people_as_updated_in_any_chunk(grid, tmp_path, small_chunks):  # type: ignore[no-untyped-def]
    # Inside the test's transaction: the import reads on its own connection, which sees the first import.
    reimport_with_one_renamed_and_one_new(grid, tmp_path)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_finds_known_people_on_a_second_connection(grid, tmp_path, small_chunks):  # type: ignore[no-untyped-def]
    """A top-level import on PostgreSQL looks IDs up, and draws keys, on a second connection while its
    own writes the previous chunk: it must still find everyone committed before it began."""
    if connection.vendor != "postgresql":
        pytest.skip("the second connection is PostgreSQL's")
    assert not connection.in_atomic_block
    reimport_with_one_renamed_and_one_new(grid, tmp_path)
    assert Household.objects.count() == 6 and not Resident.objects.filter(household__isnull=True).exists()
