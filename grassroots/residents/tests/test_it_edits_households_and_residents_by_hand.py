import datetime

from django.test import Client

from grassroots.core.models import AuditLog
from grassroots.residents.idnumbers import compose
from grassroots.residents.models import LedgerChange

from .conftest import HEAD_ID


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def resident_form(head, **fields: str | None) -> dict[str, str]:  # type: ignore[no-untyped-def]
    base = {
        "name": head.name,
        "id_type": head.id_type,
        "phone": head.phone,
        "relation": head.relation,
        "residence_type": head.residence_type,
        "care_tags": "独居老人",
        "version": str(head.version),
    }
    return {k: v for k, v in {**base, **fields}.items() if v is not None}


def test_it_edits_a_household_keeping_history_through_edit(make_user, grid, head):  # type: ignore[no-untyped-def]
    station = make_user("st", "station", grid.compound)
    client = logged_in(station)
    url = f"/ledger/households/{head.household_id}/edit/"
    assert 'value="101"' in client.get(url).content.decode()
    got = client.post(
        url, {"room": "101", "status": "vacant", "no_smartphone": "on", "notes": "", "version": "1"}
    )
    assert got.status_code == 302
    changes = {c.field: c for c in LedgerChange.objects.filter(actor=station)}
    assert (changes["status"].old, changes["status"].new, changes["status"].via) == (
        "occupied",
        "vacant",
        "edit",
    )
    assert changes["no_smartphone"].new == "True"
    page = client.get(f"/ledger/households/{head.household_id}/").content.decode()
    history = page[page.index('id="history"') :]
    # Fields, values and the way in the reader's language: status occupied → long-vacant, through an edit.
    assert '<td data-label="字段">状态</td>' in history and "长期无人" in history and "编辑" in history
    assert "无智能机" in history and ">是<" in history
    stale = client.post(url, {"room": "102", "status": "vacant", "notes": "", "version": "1"})
    assert stale.status_code == 400 and "刷新" in stale.content.decode()


def test_it_replaces_an_id_number_keeping_only_masked_numbers_in_history(make_user, grid, head):  # type: ignore[no-untyped-def]
    client = logged_in(make_user("st", "station", grid.compound))
    new_id = compose("220303", datetime.date(1958, 3, 14), 125)
    got = client.post(f"/ledger/residents/{head.pk}/", resident_form(head, id_number=new_id))
    assert got.status_code == 302
    change = LedgerChange.objects.get(field="id_number")
    assert change.old == head.id_masked and change.new == new_id[:6] + "********" + new_id[-4:]
    page = client.get(f"/ledger/residents/{head.pk}/").content.decode()
    assert 'id="history"' in page and change.new in page and new_id not in page and HEAD_ID not in page
    # An empty number box keeps the stored number; a mismatching gender is named beside its field.
    wrong = client.post(f"/ledger/residents/{head.pk}/", resident_form(head, version="2", gender="female"))
    assert wrong.status_code == 400 and 'id="id_gender_error"' in wrong.content.decode()
    assert AuditLog.objects.filter(action="resident_update").count() == 1


def test_it_moves_the_household_head_with_the_relation(make_user, grid, head):  # type: ignore[no-untyped-def]
    from grassroots.residents.services import resident_create

    spouse = resident_create(by=None, household=head.household, name="李四", relation="spouse")
    client = logged_in(make_user("st", "station", grid.compound))
    refused = client.post(
        f"/ledger/residents/{spouse.pk}/", resident_form(spouse, relation="head", care_tags=None)
    )
    assert refused.status_code == 400 and "王建国已是本户户主" in refused.content.decode()
    assert (
        client.post(f"/ledger/residents/{head.pk}/", resident_form(head, relation="parent")).status_code
        == 302
    )
    head.household.refresh_from_db()
    assert head.household.head is None
    made = client.post(
        f"/ledger/residents/{spouse.pk}/", resident_form(spouse, relation="head", care_tags=None)
    )
    assert made.status_code == 302
    head.household.refresh_from_db()
    assert head.household.head == spouse
    assert [c.new for c in LedgerChange.objects.filter(field="head").order_by("id")] == ["王建国", "", "李四"]


def test_it_shows_a_volunteer_the_record_but_no_edit_form(make_user, grid, head):  # type: ignore[no-untyped-def]
    client = logged_in(make_user("v", "volunteer", grid.compound))
    page = client.get(f"/ledger/residents/{head.pk}/")
    assert page.status_code == 200 and 'id="resident-form"' not in page.content.decode()
    assert client.post(f"/ledger/residents/{head.pk}/", resident_form(head, phone="1")).status_code == 403
    assert client.get(f"/ledger/households/{head.household_id}/edit/").status_code == 403
