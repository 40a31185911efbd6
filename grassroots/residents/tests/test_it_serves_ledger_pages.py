import json
import uuid

from django.test import Client

from grassroots.residents.models import LedgerChange, LedgerImport, Visit

from .ledger_files import ID_A, write


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_it_shows_the_ledger_building_household_and_resident(make_user, grid, head):  # type: ignore[no-untyped-def]
    client = logged_in(make_user("st", "station", grid.compound))
    ledger = client.get("/ledger/").content.decode()
    # A household named with its building: every building has a 1单元 101.
    assert head.name in ledger and f"{grid.building.name} {grid.unit.name} 101" in ledger
    building = client.get(f"/ledger/areas/{grid.building.pk}/").content.decode()
    assert "101" in building and 'class="home not_yet"' in building
    page = client.get(f"/ledger/households/{head.household_id}/").content.decode()
    assert head.id_masked in page and "visit-form" in page
    assert client.get(f"/ledger/residents/{head.pk}/").status_code == 200
    assert client.get(f"/ledger/households/{head.household_id + 999}/").status_code == 404


def test_it_records_a_visit_from_the_page_once(make_user, grid, head):  # type: ignore[no-untyped-def]
    client = logged_in(make_user("st", "station", grid.compound))
    body = {
        "id": str(uuid.uuid4()),
        "household": head.household_id,
        "channel": "visit",
        "outcome": "corrected",
        "changes": {f"resident.{head.pk}.phone": "13700001111"},
        "note": "",
    }
    for expected in (201, 200):
        got = client.post("/ledger/visits/", json.dumps(body), content_type="application/json")
        assert got.status_code == expected, got.content
    assert Visit.objects.count() == 1
    assert LedgerChange.objects.get(field="phone").new == "13700001111"
    clash = client.post(
        "/ledger/visits/",
        json.dumps({**body, "outcome": "refused", "changes": {}}),
        content_type="application/json",
    )
    assert clash.status_code == 409


def test_it_edits_a_resident_and_refuses_a_stale_form(make_user, grid, head):  # type: ignore[no-untyped-def]
    client = logged_in(make_user("st", "station", grid.compound))
    form = {
        "name": head.name,
        "id_type": "resident_id",
        "phone": "13600001111",
        "relation": "head",
        "residence_type": "permanent",
        "version": "1",
    }
    assert client.post(f"/ledger/residents/{head.pk}/", form).status_code == 302
    stale = client.post(f"/ledger/residents/{head.pk}/", {**form, "phone": "13600002222"})
    assert stale.status_code == 400 and 'class="errorlist"' in stale.content.decode()
    head.refresh_from_db()
    assert head.phone == "13600001111"


def test_it_checks_an_upload_and_lists_every_error(make_user, grid, tmp_path, settings):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    client = logged_in(make_user("st", "station", grid.compound))
    rows = [[1, "1", "1", "101", "甲", "男", int(ID_A), "12", "户主", "常住", "否", "是", "", ""]]
    path = write(tmp_path / "up.xlsx", rows)
    with open(path, "rb") as f:
        got = client.post("/ledger/imports/", {"area": grid.compound.pk, "file": f})
    page = got.content.decode()
    assert got.status_code == 200 and page.count("<tr><td data-label") == 2
    job = LedgerImport.objects.get()
    assert job.status == "failed" and len(job.errors) == 2
    assert client.post(f"/ledger/imports/{job.pk}/confirm/").status_code == 400
    report = client.get(f"/ledger/imports/{job.pk}/report/")
    assert report.status_code == 200 and report["Content-Disposition"].startswith("attachment")


def test_it_downloads_lists_and_shows_care_and_campaigns(make_user, grid, head):  # type: ignore[no-untyped-def]
    client = logged_in(make_user("co", "community", grid.community))
    got = client.get(f"/ledger/export/?list=care&area={grid.community.pk}")
    assert got.status_code == 200 and b"".join(got.streaming_content)[:2] == b"PK"  # type: ignore[attr-defined]
    care = client.get("/ledger/care/").content.decode()
    assert head.name in care
    assert client.get("/ledger/campaigns/").status_code == 200
