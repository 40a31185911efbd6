"""What a change to a household or resident may say: each field cleaned to what the ledger stores, and
every refusal said at once (a form with three mistakes names all three)."""

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from grassroots.core import crypto
from grassroots.core.lists import listed
from grassroots.core.typed import typed_text
from grassroots.people.models import Gender
from grassroots.people.validators import normalise_phone

from .idnumbers import IdNumberError, check_agreement, parse_id_number
from .models import CareTag, Household, HouseholdStatus, IdType, Relation, ResidenceType, Resident

HOUSEHOLD_FIELDS = ("room", "status", "no_smartphone", "notes")
RESIDENT_FIELDS = (
    "name",
    "gender",
    "id_type",
    "id_number",
    "birth_date",
    "phone",
    "relation",
    "residence_type",
    "is_party_member",
    "notes",
    "care_tags",
)
CHOICES = {
    "status": HouseholdStatus,
    "gender": Gender,
    "id_type": IdType,
    "relation": Relation,
    "residence_type": ResidenceType,
}


def _as_bool(field: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on", "是"):
        return True
    if text in ("0", "false", "no", "off", "否", ""):
        return False
    raise ValidationError({field: _("Answer yes or no.")})


def _clean_choice(field: str, value: Any) -> str:
    choices = CHOICES[field]
    text = str(value or "").strip()
    if field == "gender" and text == "":
        return ""
    if text not in choices.values:
        raise ValidationError(
            {
                field: _("%(value)s is not one of: %(allowed)s.")
                % {"value": text, "allowed": ", ".join(choices.values)}
            }
        )
    return text


def _clean_each(changes: dict[str, Any], clean_one: Callable[[str, Any], Any]) -> dict[str, Any]:
    """Every field cleaned, and every refusal said at once (a form with three mistakes names all three)."""
    clean: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for field, value in changes.items():
        try:
            clean[field] = clean_one(field, value)
        except ValidationError as exc:
            for name, texts in exc.message_dict.items():
                errors.setdefault(name, []).extend(texts)
    if errors:
        raise ValidationError(errors)
    return clean


def clean_household(changes: dict[str, Any]) -> dict[str, Any]:
    return _clean_each(changes, _clean_household_field)


def _clean_household_field(field: str, value: Any) -> Any:
    if field not in HOUSEHOLD_FIELDS:
        raise ValidationError({field: _("This field cannot be changed here.")})
    if field == "room":
        room = typed_text(Household, "room", str(value))
        if not room:
            raise ValidationError({field: _("The room number is required.")})
        return room
    if field == "status":
        return _clean_choice(field, value)
    if field == "no_smartphone":
        return _as_bool(field, value)
    return str(value or "").strip()


def id_fields(
    id_type: str, id_number: str, birth_date: datetime.date | None, gender: str
) -> tuple[dict[str, Any], datetime.date | None, str]:
    """Validated ID columns (encrypted, digest, masked) and the birth date and gender it implies."""
    if not id_number:
        return {"id_number_encrypted": "", "id_digest": "", "id_masked": ""}, birth_date, gender
    try:
        parsed = parse_id_number(id_type, id_number)
    except IdNumberError as exc:
        raise ValidationError({"id_number": str(exc)}) from exc
    problems = check_agreement(parsed, birth_date, gender)
    if problems:
        raise ValidationError({field: message for field, message in problems})
    fields = {
        "id_number_encrypted": crypto.encrypt(parsed.number),
        "id_digest": crypto.digest(parsed.number),
        "id_masked": crypto.mask(parsed.number),
    }
    return fields, birth_date or parsed.birth_date, gender or parsed.gender


def clean_resident(changes: dict[str, Any], id_type: str) -> dict[str, Any]:
    """The changes cleaned; `id_type`, the person's ID type unless the changes set it, is what an ID
    number in them is read as (checked here for its form, so its refusal comes with the others)."""
    reading_as = str(changes.get("id_type") or id_type)

    def clean_one(field: str, value: Any) -> Any:
        if field == "id_number":
            number = str(value or "").strip()
            if number and reading_as in IdType.values:
                try:
                    parse_id_number(reading_as, number)
                except IdNumberError as exc:
                    raise ValidationError({field: str(exc)}) from exc
            return number
        return _clean_resident_field(field, value)

    return _clean_each(changes, clean_one)


def _clean_resident_field(field: str, value: Any) -> Any:
    if field not in RESIDENT_FIELDS:
        raise ValidationError({field: _("This field cannot be changed here.")})
    if field in CHOICES:
        return _clean_choice(field, value)
    if field == "is_party_member":
        return _as_bool(field, value)
    if field == "phone":
        return normalise_phone(str(value or ""))
    if field == "birth_date":
        if value in (None, ""):
            return None
        try:
            parsed = value if isinstance(value, datetime.date) else parse_date(str(value))
        except ValueError:  # well formed but no such day
            parsed = None
        if parsed is None:
            raise ValidationError({field: _("Write the date as YYYY-MM-DD.")})
        return parsed
    if field == "care_tags":
        names = [str(v).strip() for v in (value or []) if str(v).strip()]
        tags = list(CareTag.objects.filter(name__in=names))
        missing = sorted(set(names) - {t.name for t in tags})
        if missing:
            raise ValidationError({field: _("Unknown care tag: %(tags)s.") % {"tags": listed(missing)}})
        return tags
    if field == "name":
        name = typed_text(Resident, "name", str(value or ""))
        if not name:
            raise ValidationError({field: pgettext("person", "The name is required.")})
        return name
    return str(value or "").strip()
