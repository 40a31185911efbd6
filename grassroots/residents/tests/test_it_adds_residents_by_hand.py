import datetime

from django.test import Client

from grassroots.residents.idnumbers import compose
from grassroots.residents.models import LedgerChange, Resident

from .conftest import BORN, HEAD_ID


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def form(**fields: str) -> dict[str, str]:
    base = {"name": "王建国", "id_type": "resident_id", "relation": "head", "residence_type": "permanent"}
    return {**base, **fields}


def test_it_adds_the_first_resident_as_head_with_a_masked_id(make_user, grid, household):  # type: ignore[no-untyped-def]
    client = logged_in(make_user("st", "station", grid.compound))
    page = client.get(f"/ledger/households/{household.pk}/residents/new/").content.decode()
    assert '<option value="head" selected>' in page  # an empty household's first person is its head
    # A person's name and a parent, not a place's name (名称) and a parent area (上级).
    assert '<label for="id_name">姓名</label>' in page and '<option value="parent">父母</option>' in page
    got = client.post(
        f"/ledger/households/{household.pk}/residents/new/",
        form(id_number=HEAD_ID.lower(), phone="13900001111", care_tags="独居老人"),
    )
    assert got.status_code == 302
    person = Resident.objects.get()
    household.refresh_from_db()
    assert household.head == person and person.birth_date == BORN and person.gender == "male"
    assert person.id_masked == HEAD_ID[:6] + "********" + HEAD_ID[-4:]
    assert [t.name for t in person.care_tags.all()] == ["独居老人"]
    assert {c.field for c in LedgerChange.objects.filter(resident=person)} == {"created"}
    assert LedgerChange.objects.get(field="head").new == "王建国"
    shown = client.get(f"/ledger/households/{household.pk}/").content.decode()
    assert person.id_masked in shown and HEAD_ID not in shown


def test_it_checks_the_id_as_the_import_does_and_names_the_field(make_user, grid, household):  # type: ignore[no-untyped-def]
    client = logged_in(make_user("st", "station", grid.compound))
    bad_digit = HEAD_ID[:-1] + ("0" if HEAD_ID[-1] != "0" else "1")
    got = client.post(f"/ledger/households/{household.pk}/residents/new/", form(id_number=bad_digit))
    assert got.status_code == 400 and 'id="id_id_number_error"' in got.content.decode()
    wrong_birth = client.post(
        f"/ledger/households/{household.pk}/residents/new/",
        form(id_number=HEAD_ID, birth_date="1960-01-01"),
    )
    assert wrong_birth.status_code == 400 and 'id="id_birth_date_error"' in wrong_birth.content.decode()
    assert not Resident.objects.exists()


def test_it_refuses_a_second_head_and_a_number_already_registered(make_user, grid, head):  # type: ignore[no-untyped-def]
    client = logged_in(make_user("st", "station", grid.compound))
    url = f"/ledger/households/{head.household_id}/residents/new/"
    assert '<option value="other" selected>' in client.get(url).content.decode()
    second = client.post(url, form(name="李四"))
    assert second.status_code == 400 and "王建国已是本户户主" in second.content.decode()
    same = client.post(url, form(name="李四", relation="spouse", id_number=HEAD_ID))
    assert same.status_code == 400 and "该证件号码已在台账中" in same.content.decode()
    spouse_id = compose("220303", datetime.date(1960, 5, 1), 124)
    ok = client.post(url, form(name="李四", relation="spouse", id_number=spouse_id, gender="female"))
    assert ok.status_code == 302 and Resident.objects.get(name="李四").gender == "female"
