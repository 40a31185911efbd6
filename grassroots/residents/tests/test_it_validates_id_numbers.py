import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grassroots.core.crypto import decrypt, digest, encrypt, mask
from grassroots.residents.idnumbers import (
    IdNumberError,
    check_agreement,
    compose,
    parse_id_number,
    upgrade_15,
)

PLACES = ["220303", "220302", "110101", "440305"]
dates = st.dates(min_value=datetime.date(1901, 1, 1), max_value=datetime.date(2020, 12, 31))


@given(place=st.sampled_from(PLACES), born=dates, seq=st.integers(0, 999))
def test_it_accepts_every_composed_number_and_reads_it_back(place, born, seq):  # type: ignore[no-untyped-def]
    number = compose(place, born, seq)
    parsed = parse_id_number("resident_id", number)
    assert parsed.number == number
    assert parsed.birth_date == born
    assert parsed.gender == ("male" if seq % 2 else "female")
    # Lowercase x, spaces and full-width digits are the same number.
    sloppy = " ".join([number[:6], number[6:14], number[14:]]).lower().replace("1", "１")
    assert parse_id_number("resident_id", sloppy).number == number


@given(
    place=st.sampled_from(PLACES),
    born=dates,
    seq=st.integers(0, 999),
    pos=st.integers(0, 16),
    delta=st.integers(1, 9),
)
def test_it_rejects_any_single_mistyped_digit(place, born, seq, pos, delta):  # type: ignore[no-untyped-def]
    number = compose(place, born, seq)
    wrong = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1 :]
    with pytest.raises(IdNumberError):
        parse_id_number("resident_id", wrong)


@given(
    place=st.sampled_from(PLACES),
    born=st.dates(datetime.date(1901, 1, 1), datetime.date(1999, 12, 31)),
    seq=st.integers(0, 999),
)
def test_it_upgrades_15_digit_numbers(place, born, seq):  # type: ignore[no-untyped-def]
    old = f"{place}{born:%y%m%d}{seq:03d}"
    assert parse_id_number("resident_id", old).number == compose(place, born, seq)
    assert upgrade_15(old) == compose(place, born, seq)


def test_it_tells_when_birth_date_or_gender_disagree():
    parsed = parse_id_number("resident_id", compose("220303", datetime.date(1980, 5, 6), 124))
    problems = dict(check_agreement(parsed, datetime.date(1980, 5, 7), "male"))
    assert "1980-05-06" in problems["birth_date"] and "gender" in problems
    assert check_agreement(parsed, datetime.date(1980, 5, 6), "female") == []


def test_it_rejects_unknown_places_and_impossible_dates():
    with pytest.raises(IdNumberError):
        parse_id_number("resident_id", compose("000000", datetime.date(1980, 5, 6), 1))
    with pytest.raises(IdNumberError):
        parse_id_number("resident_id", "22030319801340" + "1230")


@given(text=st.text(alphabet="0123456789X", min_size=0, max_size=20))
def test_it_masks_keeping_only_the_ends(text):  # type: ignore[no-untyped-def]
    masked = mask(text)
    assert len(masked) == len(text)
    if len(text) >= 15:
        assert masked[:6] == text[:6] and masked[-4:] == text[-4:] and set(masked[6:-4]) <= {"*"}
    assert sum(c != "*" for c in masked) <= 10


def test_it_masks_the_documented_way():
    assert mask("220302199001011233") == "220302********1233"


@given(value=st.text(min_size=8, max_size=30))
def test_it_encrypts_reversibly_and_digests_stably(value):  # type: ignore[no-untyped-def]
    token = encrypt(value)
    assert value not in token and decrypt(token) == value
    assert digest(value) == digest(value) and digest(value) != digest(value + "0")
