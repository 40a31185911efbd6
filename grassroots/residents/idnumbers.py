"""ID numbers: normalise, validate (GB 11643 via python-stdnum), and read birth date and gender.

Pure functions over strings, so the importer can check 200,000 rows without touching the database.
"""

import datetime
import re
from functools import lru_cache
from typing import NamedTuple

from django.utils.translation import gettext as _
from stdnum import numdb
from stdnum.cn import ric

from .models import IdType

FULLWIDTH = str.maketrans(
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
)
SEPARATORS = re.compile(r"[\s\-\u3000]+")
OTHER_ID = re.compile(r"^[A-Z0-9]{5,20}$")
# Residence permits for Hong Kong, Macao and Taiwan residents: GB 11643 numbers starting 81/82/83.
HMT_PREFIXES = ("810000", "820000", "830000")


class IdNumberError(ValueError):
    """The number is not acceptable; the message says why, in the user's language."""


class IdNumber(NamedTuple):  # a tuple: made once per imported row, and cheaper to make than a dataclass
    number: str
    birth_date: datetime.date | None
    gender: str  # "male", "female" or "" when the number does not say


def _gb11643_check(number: str) -> None:
    if len(number) != 18 or not number[:17].isdigit():
        raise IdNumberError(_("An ID card number has 18 characters: 17 digits and a digit or X."))
    if number[-1] != ric.calc_check_digit(number):
        raise IdNumberError(_("The check digit is wrong; the number was mistyped."))


@lru_cache(maxsize=8192)
def _known_place(code: str) -> bool:
    # Any county code that ever existed: a number takes the code of where it was issued, which may be
    # younger than its holder (stdnum's own check wants the code to exist in the birth year).
    info = {key for _part, props in numdb.get("cn/loc").info(code) for key in props}
    return "county" in info


def upgrade_15(number: str) -> str:
    """A first-generation 15-digit card number as its 18-digit form (born 19xx, check digit added)."""
    body = number[:6] + "19" + number[6:]
    return body + ric.calc_check_digit(body + "0")


@lru_cache(maxsize=65536)
def _date_of(digits: str) -> datetime.date | None:
    try:
        return datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def _birth_and_gender(number: str, today: datetime.date | None) -> tuple[datetime.date, str]:
    born = _date_of(number[6:14])
    if born is None:
        raise IdNumberError(_("The birth date inside the number is not a real date."))
    if born > (today or datetime.date.today()) or born.year < 1880:
        raise IdNumberError(_("The birth date inside the number is not plausible."))
    return born, "male" if int(number[16]) % 2 else "female"


def parse_id_number(id_type: str, raw: str, today: datetime.date | None = None) -> IdNumber:
    """Normalise and validate a number of the given type. Raises IdNumberError with the reason.

    `today` (for the birth date's plausibility) may be passed by a caller checking many numbers."""
    value = str(raw)
    if not value.isalnum() or not value.isascii():
        value = SEPARATORS.sub("", value.translate(FULLWIDTH))
    value = value.upper()
    if not value:
        raise IdNumberError(_("The ID number is empty."))
    if id_type == IdType.RESIDENT_ID:
        if len(value) == 15 and value.isdigit():
            value = upgrade_15(value)
        _gb11643_check(value)
        born, gender = _birth_and_gender(value, today)
        if not _known_place(value[:6]):
            raise IdNumberError(_("The first six digits are not a known place code."))
        return IdNumber(value, born, gender)
    if id_type == IdType.HMT_PERMIT:
        _gb11643_check(value)
        if not value.startswith(HMT_PREFIXES):
            raise IdNumberError(
                _("A Hong Kong/Macao/Taiwan residence permit number starts with 81, 82 or 83.")
            )
        born, gender = _birth_and_gender(value, today)
        return IdNumber(value, born, gender)
    if not OTHER_ID.match(value):
        raise IdNumberError(_("Use 5 to 20 letters and digits."))
    return IdNumber(value, None, "")


def check_agreement(parsed: IdNumber, birth_date: datetime.date | None, gender: str) -> list[tuple[str, str]]:
    """(field, message) for each of birth date and gender that contradicts the number."""
    problems = []
    if parsed.birth_date and birth_date and birth_date != parsed.birth_date:
        problems.append(
            (
                "birth_date",
                _("The birth date %(given)s does not match the ID number (%(expected)s).")
                % {"given": birth_date.isoformat(), "expected": parsed.birth_date.isoformat()},
            )
        )
    if parsed.gender and gender and gender != parsed.gender:
        problems.append(("gender", _("The gender does not match the ID number.")))
    return problems


def compose(place: str, born: datetime.date, sequence: int) -> str:
    """An 18-digit number with a correct check digit (odd sequence: male). For generated test data."""
    body = f"{place}{born:%Y%m%d}{sequence % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")
