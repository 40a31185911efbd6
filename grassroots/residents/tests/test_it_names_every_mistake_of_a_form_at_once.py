from typing import Any

import pytest
from django.core.exceptions import ValidationError

from grassroots.residents.models import Household, Resident
from grassroots.residents.services import household_update, resident_create, resident_update


def test_an_edit_with_three_mistakes_names_all_three(head: Resident) -> None:
    with pytest.raises(ValidationError) as refused:
        resident_update(
            by=None, resident=head, changes={"id_number": "12345", "phone": "abc", "birth_date": "2020-13-45"}
        )
    assert set(refused.value.message_dict) == {"id_number", "phone", "birth_date"}
    assert Resident.objects.get(pk=head.pk).phone == head.phone


def test_a_new_resident_and_a_household_edit_say_every_mistake(household: Household, grid: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        resident_create(by=None, household=household, name=" ", id_number="12345", phone="abc")
    assert set(refused.value.message_dict) == {"name", "id_number", "phone"}
    with pytest.raises(ValidationError) as refused:
        household_update(by=None, household=household, changes={"room": " ", "status": "gone"})
    assert set(refused.value.message_dict) == {"room", "status"}
