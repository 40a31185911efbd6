"""Names in a row are joined as the reader's language lists them: 甲、乙 in Chinese, "a, b" in English
(a message listing unknown care tags, say)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from grassroots.core.lists import listed


def test_it_lists_names_as_the_reader_reads_them() -> None:
    with translation.override("zh-hans"):
        assert listed(["甲", "乙", "丙"]) == "甲、乙、丙"
    with translation.override("en"):
        assert listed(["a", "b"]) == "a, b"


def test_a_refusal_lists_in_the_readers_language(grid) -> None:  # type: ignore[no-untyped-def]
    from grassroots.residents.services import household_create, resident_create

    household = household_create(by=None, area=grid.unit, room="101")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        resident_create(by=None, household=household, name="王", care_tags=["甲类", "乙类"])
    assert refused.value.message_dict["care_tags"] == ["Unknown care tag: 乙类, 甲类."]
