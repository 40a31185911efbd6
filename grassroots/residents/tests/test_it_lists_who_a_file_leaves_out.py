"""A ledger sent in again leaves out who moved away or died. The import keeps them (a file may simply be
incomplete) and lists them, so the sender can look into each; someone who had left and is in the file
again is brought back."""

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.test import Client

from grassroots.residents.departures import resident_leave
from grassroots.residents.ledger_import import ledger_import
from grassroots.residents.models import LedgerChange, Resident

from .ledger_files import ID_A, ID_B, ID_C, write


def row(room: str, name: str, id_number: str, relation: str) -> list[Any]:
    return [1, "1号楼", "1单元", room, name, "", id_number, "", relation, "常住", "否", "是", "", ""]


MAY = [row("101", "王建国", ID_A, "户主"), row("101", "王小宝", "", "子女"), row("102", "李四", ID_C, "户主")]


def test_it_lists_the_people_of_the_files_households_it_does_not_name(grid: Any, tmp_path: Path) -> None:
    ledger_import(by=None, area=grid.compound, path=write(tmp_path / "may.xlsx", MAY), dry_run=False)
    # June: 王小宝 is gone from 101; 102 is not in the file at all (a file of one household is no
    # sign that everyone else moved away); someone new joins 103.
    june = write(tmp_path / "june.xlsx", [MAY[0], row("103", "赵六", ID_B, "户主")])
    dry = ledger_import(by=None, area=grid.compound, path=june, dry_run=True)
    child = Resident.objects.get(name="王小宝")
    assert dry.absent_count == 1
    assert dry.absent == [
        {"resident": child.pk, "name": "王小宝", "household": "1号楼 1单元 101", "id_number": ""}
    ]
    done = ledger_import(by=None, area=grid.compound, path=june, dry_run=False)
    assert (done.absent_count, done.absent, done.created) == (1, dry.absent, 1)
    assert Resident.objects.filter(pk=child.pk).exists()  # kept until someone says they left


def test_it_brings_back_people_who_had_left(grid: Any, tmp_path: Path) -> None:
    path = write(tmp_path / "may.xlsx", MAY)
    ledger_import(by=None, area=grid.compound, path=path, dry_run=False)
    li = Resident.objects.get(name="李四")
    resident_leave(by=None, resident=li, reason="moved_away")
    dry = ledger_import(by=None, area=grid.compound, path=path, dry_run=True)
    assert (dry.created, dry.updated, dry.returned) == (0, 3, 1)
    done = ledger_import(by=None, area=grid.compound, path=path, dry_run=False)
    assert (done.created, done.updated, done.returned, done.absent_count) == (0, 3, 1, 0)
    li.refresh_from_db()
    assert li.left_at is None and li.household.head_id == li.pk
    assert LedgerChange.objects.get(resident=li, field="returned").via == "import"


def test_the_page_and_the_command_show_both(grid: Any, tmp_path: Path, make_user: Any, capsys: Any) -> None:
    ledger_import(by=None, area=grid.compound, path=write(tmp_path / "may.xlsx", MAY), dry_run=False)
    resident_leave(by=None, resident=Resident.objects.get(name="李四"), reason="moved_away")
    june = write(tmp_path / "june.xlsx", [MAY[0], MAY[2]])
    client = Client()
    client.force_login(make_user("station", "station", grid.community))
    with open(june, "rb") as f:
        page = client.post("/ledger/imports/", {"area": grid.compound.pk, "file": f}).content.decode()
    child = Resident.objects.get(name="王小宝")
    assert 'id="import-absent"' in page and f'href="/ledger/residents/{child.pk}/"' in page
    assert 'id="import-returned"' in page
    call_command("import_ledger", june, "--area", str(grid.compound.pk), "--dry-run")
    out = capsys.readouterr().out
    assert "1 who had left the ledger would be brought back" in out
    assert f"#{child.pk} 1号楼 1单元 101 王小宝" in out


def test_a_person_without_an_id_number_who_left_and_is_named_again_comes_back(
    grid: Any, tmp_path: Path
) -> None:
    path = write(tmp_path / "may.xlsx", MAY)
    ledger_import(by=None, area=grid.compound, path=path, dry_run=False)
    child = Resident.objects.get(name="王小宝")
    resident_leave(by=None, resident=child, reason="other", note="去外地上学")
    done = ledger_import(by=None, area=grid.compound, path=path, dry_run=False)
    assert (done.created, done.updated, done.returned) == (0, 3, 1)
    assert list(Resident.objects.filter(name="王小宝").values_list("pk", flat=True)) == [child.pk]


def test_the_sender_takes_out_the_ticked_people_the_file_left_out(
    grid: Any, tmp_path: Path, make_user: Any
) -> None:
    ledger_import(by=None, area=grid.compound, path=write(tmp_path / "may.xlsx", MAY), dry_run=False)
    client = Client()
    client.force_login(make_user("station", "station", grid.community))
    with open(write(tmp_path / "june.xlsx", [MAY[0]]), "rb") as f:
        page = client.post("/ledger/imports/", {"area": grid.compound.pk, "file": f})
    job = page.context["job"]
    child, li = Resident.objects.get(name="王小宝"), Resident.objects.get(name="李四")
    assert 'id="absent-form"' in page.content.decode()
    assert [p["resident"] for p in job.counts["absent"]] == [child.pk]  # 102 is not in the file at all
    url = f"/ledger/imports/{job.pk}/absent/"
    nobody = client.post(url, {"reason": "moved_away"})
    assert nobody.status_code == 400 and 'id="absent-form"' in nobody.content.decode()
    # Only people the file left out can be taken out this way.
    stranger = client.post(url, {"resident": [li.pk], "reason": "moved_away"})
    assert stranger.status_code == 400 and Resident.objects.filter(pk=li.pk).exists()
    done = client.post(url, {"resident": [child.pk], "reason": "moved_away"})
    assert done.status_code == 302 and done["Location"] == f"/ledger/imports/{job.pk}/"
    assert not Resident.objects.filter(pk=child.pk).exists()
    back = client.get(done["Location"]).content.decode()
    assert 'id="import-absent"' not in back  # nobody left to look into
    assert "确认导入" in back  # the checked file still waits to be confirmed
    entry = LedgerChange.objects.get(resident_id=child.pk, field="left")
    assert entry.new == "moved_away:不在台账文件 june.xlsx 中。"
    volunteer = Client()
    volunteer.force_login(make_user("vol", "volunteer", grid.community))
    assert volunteer.post(url, {"resident": [li.pk], "reason": "moved_away"}).status_code == 403
