"""Forms sent by htmx get their answer in place: a refusal is a 400 fragment for the element it
replaces (never the whole page inside itself), and an import once confirmed is shown by a GET, so
reloading does not send it again."""

from typing import Any

from django.contrib.auth.models import Permission
from django.test import Client

from grassroots.residents.models import LedgerImport, Resident

from .ledger_files import ID_A, write

HTMX = {"HX-Request": "true"}


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_debug_server_leaves_refusals_in_place_too(make_user: Any, grid: Any, settings: Any) -> None:
    # django-htmx's debug script writes any 400 over the whole page: the pages load htmx without it.
    settings.DEBUG = True
    page = logged_in(make_user("st", "station", grid.compound)).get("/ledger/imports/").content.decode()
    assert "htmx-2.min.js" in page and "django-htmx.js" not in page


def test_a_refused_unmask_keeps_the_masked_number_and_says_why(
    make_user: Any, grid: Any, head: Resident
) -> None:
    user = make_user("st", "station", grid.compound)
    user.user_permissions.add(Permission.objects.get(codename="unmask_resident"))
    refused = logged_in(user).post(f"/ledger/residents/{head.pk}/unmask/", {"reason": " a"}, headers=HTMX)
    body = refused.content.decode()
    assert refused.status_code == 400 and "<html" not in body
    assert head.id_masked in body and 'class="errorlist"' in body


def test_a_refused_upload_is_a_fragment(make_user: Any, grid: Any, tmp_path: Any) -> None:
    client = logged_in(make_user("st", "station", grid.compound))
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n")
    with open(bad, "rb") as f:
        refused = client.post("/ledger/imports/", {"area": grid.compound.pk, "file": f}, headers=HTMX)
    body = refused.content.decode()
    assert refused.status_code == 400 and "<html" not in body and 'id="import-error"' in body


def test_a_confirmed_import_is_shown_by_a_get(
    make_user: Any, grid: Any, tmp_path: Any, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client = logged_in(make_user("st", "station", grid.compound))
    rows = [[1, "1", "1", "101", "甲", "男", ID_A, "13900001111", "户主", "常住", "否", "是", "", ""]]
    with open(write(tmp_path / "up.xlsx", rows), "rb") as f:
        client.post("/ledger/imports/", {"area": grid.compound.pk, "file": f}, headers=HTMX)
    job = LedgerImport.objects.get()
    done = client.post(f"/ledger/imports/{job.pk}/confirm/")
    assert done.status_code == 302 and done["Location"] == f"/ledger/imports/{job.pk}/"
    page = client.get(done["Location"]).content.decode()
    assert 'id="import-done"' in page and f'href="/ledger/?area={grid.compound.pk}"' in page
    assert 'id="import-form"' in page  # the next file can be sent from here
    assert Resident.objects.filter(name="甲").count() == 1
    again = client.post(f"/ledger/imports/{job.pk}/confirm/", follow=True)  # a second click, a replayed POST
    assert (
        again.redirect_chain == [(f"/ledger/imports/{job.pk}/", 302)] and "已导入过" in again.content.decode()
    )
    assert Resident.objects.filter(name="甲").count() == 1
    volunteer = logged_in(make_user("vol", "volunteer", grid.compound))
    assert volunteer.get(f"/ledger/imports/{job.pk}/").status_code == 403
