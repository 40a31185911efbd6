"""The check before an import says how many households it would add, as the import then does: rooms
the ledger lacks, in units it has and in buildings the file brings."""

from grassroots.residents.ledger_import import ledger_import
from grassroots.residents.services import household_create

from .ledger_files import write
from .test_it_imports_ledgers_in_chunks import person


def test_the_check_counts_what_the_import_adds(grid, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    from grassroots.residents import ledger_import as importer

    monkeypatch.setattr(importer, "CHUNK", 2)  # a household spanning chunks is counted once
    household_create(by=None, area=grid.unit, room="101")
    rows = [
        person("101", "甲", 1, "户主"),  # a household the ledger has
        person("102", "乙", 2, "户主"),
        person("102", "丙", 3, "配偶"),
        person("103", "丁", 4, "户主"),
    ]
    in_new_building = person("101", "戊", 5, "户主")
    in_new_building[1] = "9"  # 9号楼 is not on the grid yet: created by the import
    path = write(tmp_path / "ledger.xlsx", [*rows, in_new_building])
    checked = ledger_import(by=None, area=grid.compound, path=path, dry_run=True)
    assert not checked.errors
    assert checked.households_created == 3
    done = ledger_import(by=None, area=grid.compound, path=path, dry_run=False)
    assert done.households_created == checked.households_created


def test_the_page_shows_the_count_before_confirming(make_user, grid, tmp_path):  # type: ignore[no-untyped-def]
    from django.test import Client

    path = write(tmp_path / "ledger.xlsx", [person("101", "甲", 1, "户主"), person("201", "乙", 2, "户主")])
    client = Client()
    client.force_login(make_user("st", "station", grid.compound))
    with open(path, "rb") as f:
        page = client.post("/ledger/imports/", {"area": grid.compound.pk, "file": f}, follow=True)
    assert '<b id="import-new-households">2</b>' in page.content.decode()


def test_the_buildings_it_adds_are_listed_in_the_readers_language(make_user, grid, tmp_path):  # type: ignore[no-untyped-def]
    from django.test import Client

    rows = [person("101", "甲", 1, "户主"), person("101", "乙", 2, "户主")]
    rows[0][1], rows[1][1] = "8", "9"  # two buildings the grid lacks
    path = write(tmp_path / "ledger.xlsx", rows)
    client = Client()
    client.force_login(make_user("st", "station", grid.compound))
    with open(path, "rb") as f:
        zh = client.post(
            "/ledger/imports/", {"area": grid.compound.pk, "file": f}, follow=True
        ).content.decode()
    assert "将新建：小区1-1-1 8号楼、小区1-1-1 9号楼、小区1-1-1 8号楼 1单元、小区1-1-1 9号楼 1单元" in zh
    client.cookies["django_language"] = "en"
    with open(path, "rb") as f:
        en = client.post(
            "/ledger/imports/", {"area": grid.compound.pk, "file": f}, follow=True
        ).content.decode()
    assert "Will create: 小区1-1-1 8号楼, 小区1-1-1 9号楼, 小区1-1-1 8号楼 1单元, 小区1-1-1 9号楼 1单元" in en
