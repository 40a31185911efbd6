import datetime

import pytest
from django.core.exceptions import ValidationError

from grassroots.core.crypto import decrypt
from grassroots.core.models import AuditLog
from grassroots.residents.idnumbers import compose
from grassroots.residents.models import LedgerChange, Resident
from grassroots.residents.services import household_update, resident_create, resident_update

from .conftest import BORN, HEAD_ID


def test_it_stores_the_id_encrypted_masked_and_derives_birth_and_gender(head):  # type: ignore[no-untyped-def]
    assert HEAD_ID not in head.id_number_encrypted and decrypt(head.id_number_encrypted) == HEAD_ID
    assert head.id_masked == HEAD_ID[:6] + "********" + HEAD_ID[-4:]
    assert head.birth_date == BORN and head.gender == "male"
    assert head.household.head == head


def test_it_records_who_when_old_and_new_for_each_change(head, make_user, grid):  # type: ignore[no-untyped-def]
    clerk = make_user("clerk", "community", grid.community)
    resident_update(
        by=clerk, resident=head, changes={"phone": "13900002222", "care_tags": ["独居老人", "高龄老人"]}
    )
    household_update(by=clerk, household=head.household, changes={"no_smartphone": True})
    changes = {c.field: c for c in LedgerChange.objects.filter(actor=clerk)}
    assert (changes["phone"].old, changes["phone"].new, changes["phone"].via) == (
        "13900001111",
        "13900002222",
        "edit",
    )
    assert changes["care_tags"].new == "独居老人、高龄老人"
    assert (changes["no_smartphone"].old, changes["no_smartphone"].new) == ("False", "True")
    head.refresh_from_db()
    assert head.version == 2
    assert AuditLog.objects.filter(action="resident_update", actor=clerk).exists()


def test_it_refuses_a_stale_version(head):  # type: ignore[no-untyped-def]
    resident_update(by=None, resident=head, changes={"phone": "13900002222"}, version=1)
    with pytest.raises(ValidationError) as err:
        resident_update(by=None, resident=head, changes={"phone": "13900003333"}, version=1)
    assert "version" in err.value.message_dict


def test_it_refuses_an_id_number_already_in_the_ledger(head, household):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        resident_create(by=None, household=household, name="李四", id_number=HEAD_ID.lower())
    assert "id_number" in err.value.message_dict
    assert Resident.objects.count() == 1


def test_it_refuses_a_birth_date_that_contradicts_the_number(household):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        resident_create(
            by=None,
            household=household,
            name="张三",
            id_number=compose("220303", datetime.date(1990, 1, 2), 2),
            birth_date=datetime.date(1990, 1, 3),
        )
    assert "birth_date" in err.value.message_dict
    assert not Resident.objects.exists()


def test_it_keeps_only_masked_numbers_in_history(head):  # type: ignore[no-untyped-def]
    new_id = compose("220302", BORN, 125)
    resident_update(by=None, resident=head, changes={"id_number": new_id})
    change = LedgerChange.objects.get(field="id_number")
    assert new_id not in change.new and change.new.startswith("220302") and "*" in change.new


@pytest.mark.parametrize("typed", ["2026-13-45", "1990-02-30", "soon"])
def test_it_refuses_a_birth_date_that_is_no_day_and_keeps_the_old_one(head, typed):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        resident_update(by=None, resident=head, changes={"birth_date": typed})
    assert "birth_date" in err.value.message_dict
    head.refresh_from_db()
    assert head.birth_date == BORN and not LedgerChange.objects.filter(field="birth_date").exists()
