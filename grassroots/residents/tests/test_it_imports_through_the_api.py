from grassroots.residents.models import LedgerImport, Resident

from .ledger_files import good_rows, write


def test_it_checks_then_imports_through_the_api(api, make_user, grid, tmp_path, settings):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    client = api(make_user("st", "station", grid.compound))
    path = write(tmp_path / "a.xlsx", good_rows())
    with open(path, "rb") as f:
        dry = client.post("/api/v1/ledger/imports", {"file": f, "area": grid.compound.pk, "dry_run": "true"})
    assert dry.status_code == 200, dry.content
    assert dry.json()["status"] == "checked" and dry.json()["counts"]["created"] == 3
    assert not Resident.objects.exists()
    with open(path, "rb") as f:
        real = client.post(
            "/api/v1/ledger/imports", {"file": f, "area": grid.compound.pk, "dry_run": "false"}
        )
    assert real.json()["status"] == "done" and Resident.objects.count() == 3
    assert LedgerImport.objects.count() == 2
    done = LedgerImport.objects.get(status="done")
    assert not (tmp_path / "ledger-imports" / f"{done.pk}.xlsx").exists()


def test_it_refuses_an_area_outside_scope_or_a_volunteer(api, make_user, grid, tmp_path, settings):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    path = write(tmp_path / "a.xlsx", good_rows())
    stranger = api(make_user("x", "station", grid.compounds[-1]))
    with open(path, "rb") as f:
        assert (
            stranger.post("/api/v1/ledger/imports", {"file": f, "area": grid.compound.pk}).status_code == 404
        )
    volunteer = api(make_user("v", "volunteer", grid.compound))
    with open(path, "rb") as f:
        assert (
            volunteer.post("/api/v1/ledger/imports", {"file": f, "area": grid.compound.pk}).status_code == 403
        )
    assert not Resident.objects.exists()
