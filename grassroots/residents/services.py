"""Writes to the ledger: households and residents, each change kept in the history."""

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from grassroots.core import crypto
from grassroots.core.lists import listed
from grassroots.core.models import AnyUser, AuditLog
from grassroots.core.services import audit_record
from grassroots.core.typed import typed_text
from grassroots.people.models import Gender
from grassroots.people.validators import normalise_phone
from grassroots.places.models import Area, AreaKind

from .departures import resident_move, resident_return
from .idnumbers import IdNumberError, check_agreement, parse_id_number
from .ledger_rules import (
    check_editor,
    check_scope,
    check_version,
    history_entry,
    set_head,
)
from .models import (
    CareTag,
    ChangeVia,
    Household,
    HouseholdStatus,
    IdType,
    LedgerChange,
    Relation,
    ResidenceType,
    Resident,
    Visit,
)

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


def _clean_household(changes: dict[str, Any]) -> dict[str, Any]:
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


@transaction.atomic
def household_create(
    *,
    by: AnyUser | None,
    area: Area,
    room: str,
    status: str = HouseholdStatus.OCCUPIED,
    no_smartphone: bool = False,
    notes: str = "",
    via: str = ChangeVia.EDIT,
) -> Household:
    check_editor(by, area)
    if area.kind not in (AreaKind.UNIT, AreaKind.BUILDING):
        raise ValidationError({"area": _("A household belongs to a unit or a building.")})
    clean = _clean_household({"room": room, "status": status, "no_smartphone": no_smartphone, "notes": notes})
    if Household.objects.filter(area=area, room=clean["room"]).exists():
        raise ValidationError(
            {"room": _("Room %(room)s is already in the ledger here.") % {"room": clean["room"]}}
        )
    household = Household.objects.create(area=area, **clean)
    history_entry(
        household=household,
        resident=None,
        field="created",
        old="",
        new=str(household),
        via=via,
        by=by,
        visit=None,
        at=timezone.now(),
    ).save()
    audit_record(actor=by, action="household_create", obj=household, area=area)
    return household


@transaction.atomic
def household_update(
    *,
    by: AnyUser | None,
    household: Household,
    changes: dict[str, Any],
    version: int | None = None,
    via: str = ChangeVia.EDIT,
    visit: Visit | None = None,
) -> Household:
    """Apply field changes; each real change is kept in the history. `version` guards lost updates."""
    check_scope(by, household.area)
    household = Household.objects.select_for_update().select_related("area").get(pk=household.pk)
    check_version(household, version)
    clean = _clean_household(changes)
    if (
        "room" in clean
        and clean["room"] != household.room
        and (
            Household.objects.filter(area=household.area, room=clean["room"])
            .exclude(pk=household.pk)
            .exists()
        )
    ):
        raise ValidationError(
            {"room": _("Room %(room)s is already in the ledger here.") % {"room": clean["room"]}}
        )
    now = timezone.now()
    history = []
    for field, new in clean.items():
        old = getattr(household, field)
        if old != new:
            history.append(
                history_entry(
                    household=household,
                    resident=None,
                    field=field,
                    old=old,
                    new=new,
                    via=via,
                    by=by,
                    visit=visit,
                    at=now,
                )
            )
            setattr(household, field, new)
    if history:
        household.version += 1
        household.save()
        LedgerChange.objects.bulk_create(history)
        audit_record(
            actor=by,
            action="household_update",
            obj=household,
            detail={"fields": [c.field for c in history], "via": via},
        )
    return household


def _id_fields(
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


def _clean_resident(changes: dict[str, Any], id_type: str) -> dict[str, Any]:
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


def _check_id_free(
    id_type: str, id_digest: str, exclude_pk: int | None, *, bring_back: bool = False
) -> Resident | None:
    """Refuse a number someone else in the ledger has, or had: the number stays theirs after they leave.
    With `bring_back`, someone who left is not refused but returned, to be brought back."""
    if not id_digest:
        return None
    holders = Resident.everyone.filter(id_type=id_type, id_digest=id_digest).exclude(pk=exclude_pk or 0)
    if bring_back:
        # Locked: of two bringing the same person back at once, the second waits, then finds them
        # back in the ledger and is told so, rather than moving them out of the first one's household.
        holders = holders.select_for_update()
    holder = holders.only("pk", "name", "left_at").first()
    if holder is None:
        return None
    if holder.left_at is None:
        raise ValidationError({"id_number": _("This ID number is already in the ledger.")})
    if not bring_back:
        raise ValidationError({"id_number": _left_holder(holder)})
    return holder


def _left_holder(holder: Resident) -> ValidationError:
    assert holder.left_at is not None
    return ValidationError(
        _(
            "This ID number is %(name)s's, who left the ledger on %(date)s. If this is them, tick "
            "“Bring them back here” and save: they return to the ledger in this household, with what "
            "is typed here."
        )
        % {"name": holder.name, "date": timezone.localdate(holder.left_at).isoformat()},
        code="left_ledger",
    )


def _bring_back_here(
    *,
    by: AnyUser | None,
    holder: Resident,
    household: Household,
    clean: dict[str, Any],
    tags: list[CareTag],
    via: str,
) -> Resident:
    """Someone who left, registered again by hand (moved back, or moved here from another community):
    their own record comes back, history, care record and plans with it, rather than a second person
    with their number. What the form left empty keeps what the ledger had, as an import does."""
    resident = resident_move(by=by, resident=holder, to=household, via=via)
    resident = resident_return(by=by, resident=resident, via=via)
    changes: dict[str, Any] = {f: clean[f] for f in ("name", "relation", "residence_type")}
    if tags:
        changes["care_tags"] = [t.name for t in tags]
    changes |= {f: clean[f] for f in ("phone", "notes", "is_party_member") if clean[f]}
    return resident_update(by=by, resident=resident, changes=changes, via=via)


@transaction.atomic
def resident_create(
    *,
    by: AnyUser | None,
    household: Household,
    name: str,
    gender: str = "",
    id_type: str = IdType.RESIDENT_ID,
    id_number: str = "",
    birth_date: datetime.date | None = None,
    phone: str = "",
    relation: str = Relation.OTHER,
    residence_type: str = ResidenceType.PERMANENT,
    care_tags: list[str] | None = None,
    is_party_member: bool = False,
    notes: str = "",
    via: str = ChangeVia.EDIT,
    bring_back: bool = False,
) -> Resident:
    """Add a resident to a household. `bring_back`: when the ID number is that of someone who left the
    ledger, bring them back into this household instead of refusing the number."""
    check_editor(by, household.area)
    # Locked so two people added as head at once cannot both become it.
    household = (
        # The head is on the nullable side of an outer join, which PostgreSQL cannot lock; the household is enough.
        Household.objects.select_for_update(of=("self",)).select_related("area", "head").get(pk=household.pk)
    )
    clean = _clean_resident(
        {
            "name": name,
            "gender": gender,
            "id_type": id_type,
            "birth_date": birth_date,
            "phone": phone,
            "relation": relation,
            "residence_type": residence_type,
            "is_party_member": is_party_member,
            "notes": notes,
            "care_tags": care_tags or [],
            "id_number": id_number,
        },
        id_type,
    )
    tags, number = clean.pop("care_tags"), clean.pop("id_number")
    if clean["relation"] == Relation.HEAD and household.head is not None:
        raise ValidationError({"relation": _head_taken(household.head)})
    id_columns, clean["birth_date"], clean["gender"] = _id_fields(
        clean["id_type"], number, clean["birth_date"], clean["gender"]
    )
    holder = _check_id_free(clean["id_type"], id_columns["id_digest"], None, bring_back=bring_back)
    if holder is not None:
        return _bring_back_here(by=by, holder=holder, household=household, clean=clean, tags=tags, via=via)
    try:
        with transaction.atomic():
            resident = Resident.objects.create(household=household, **clean, **id_columns)
    except IntegrityError as exc:
        # A concurrent writer registered the same number between the check and the insert.
        raise ValidationError({"id_number": _("This ID number is already in the ledger.")}) from exc
    resident.care_tags.set(tags)
    now = timezone.now()
    history = [
        history_entry(
            household=household,
            resident=resident,
            field="created",
            old="",
            new=resident.name,
            via=via,
            by=by,
            visit=None,
            at=now,
        )
    ]
    if clean["relation"] == Relation.HEAD:
        history.append(set_head(household, resident, via=via, by=by, visit=None, at=now))
    LedgerChange.objects.bulk_create(history)
    audit_record(actor=by, action="resident_create", obj=resident, area=household.area)
    return resident


def _head_taken(head: Resident) -> str:
    return _("%(name)s is already the head of this household; change their relation first.") % {
        "name": head.name
    }


def _head_after(resident: Resident, new_relation: str, *, via: str) -> tuple[bool, Resident | None]:
    """Whether the household's head changes when `resident` takes `new_relation`, and to whom.

    Someone who becomes head becomes the household's head if it has none; a hand edit naming a
    second head is refused, while imports and visits leave the existing head in place. A head who
    stops being head hands over to another resident registered as head, if any.
    """
    household = resident.household
    if new_relation == Relation.HEAD:
        if household.head_id is None:
            return True, resident
        if household.head_id != resident.pk and via == ChangeVia.EDIT and household.head is not None:
            raise ValidationError({"relation": _head_taken(household.head)})
        return False, None
    if household.head_id == resident.pk:
        successor = (
            Resident.objects.filter(household=household, relation=Relation.HEAD)
            .exclude(pk=resident.pk)
            .order_by("pk")
            .first()
        )
        return True, successor
    return False, None


def _display(field: str, value: Any) -> Any:
    if field == "care_tags":
        return "、".join(sorted(t.name for t in value))
    if field == "birth_date" and value:
        return value.isoformat()
    return value


@transaction.atomic
def resident_update(
    *,
    by: AnyUser | None,
    resident: Resident,
    changes: dict[str, Any],
    version: int | None = None,
    via: str = ChangeVia.EDIT,
    visit: Visit | None = None,
) -> Resident:
    """Apply field changes (an ID number is re-validated against birth date and gender)."""
    resident = (
        Resident.everyone.select_for_update(of=("self", "household", "household__area"))
        .select_related("household__area", "household__head")
        .get(pk=resident.pk)
    )
    household = resident.household
    check_scope(by, household.area)
    check_version(resident, version)
    if resident.left_at is not None:
        raise ValidationError(
            _("%(name)s has left the ledger; bring them back before changing their record.")
            % {"name": resident.name}
        )
    clean = _clean_resident(changes, resident.id_type)
    now = timezone.now()
    history = []
    if "relation" in clean and clean["relation"] != resident.relation:
        # Locked so two residents made head at once cannot both become it.
        household = (
            # The head is on the nullable side of an outer join, which PostgreSQL cannot lock; the household is enough.
            Household.objects.select_for_update(of=("self",))
            .select_related("area", "head")
            .get(pk=household.pk)
        )
        resident.household = household
        head_changes, new_head = _head_after(resident, clean["relation"], via=via)
    else:
        head_changes, new_head = False, None
    if {"id_number", "id_type", "birth_date", "gender"} & clean.keys():
        id_type = clean.get("id_type", resident.id_type)
        number = clean.pop("id_number", None)
        if number is None and resident.id_number_encrypted:
            number = crypto.decrypt(resident.id_number_encrypted)
        columns, birth, gender = _id_fields(
            id_type,
            number or "",
            clean.get("birth_date", resident.birth_date),
            clean.get("gender", resident.gender),
        )
        if columns["id_digest"] != resident.id_digest or id_type != resident.id_type:
            _check_id_free(id_type, columns["id_digest"], resident.pk)
            if columns["id_digest"] != resident.id_digest:
                # The history keeps masked numbers only; the clear number lives encrypted in one place.
                history.append(
                    history_entry(
                        household=household,
                        resident=resident,
                        field="id_number",
                        old=resident.id_masked,
                        new=columns["id_masked"],
                        via=via,
                        by=by,
                        visit=visit,
                        at=now,
                    )
                )
                for column, value in columns.items():
                    setattr(resident, column, value)
        clean["birth_date"], clean["gender"] = birth, gender
    tags = clean.pop("care_tags", None)
    for field, new in clean.items():
        old = getattr(resident, field)
        if old != new:
            history.append(
                history_entry(
                    household=household,
                    resident=resident,
                    field=field,
                    old=_display(field, old),
                    new=_display(field, new),
                    via=via,
                    by=by,
                    visit=visit,
                    at=now,
                )
            )
            setattr(resident, field, new)
    if tags is not None:
        before = list(resident.care_tags.all())
        if {t.pk for t in before} != {t.pk for t in tags}:
            history.append(
                history_entry(
                    household=household,
                    resident=resident,
                    field="care_tags",
                    old=_display("care_tags", before),
                    new=_display("care_tags", tags),
                    via=via,
                    by=by,
                    visit=visit,
                    at=now,
                )
            )
            resident.care_tags.set(tags)
    if history:
        resident.version += 1
        try:
            with transaction.atomic():
                resident.save()
        except IntegrityError as exc:
            raise ValidationError({"id_number": _("This ID number is already in the ledger.")}) from exc
        if head_changes:
            history.append(set_head(household, new_head, via=via, by=by, visit=visit, at=now))
        LedgerChange.objects.bulk_create(history)
        audit_record(
            actor=by,
            action="resident_update",
            obj=resident,
            area=household.area,
            detail={"fields": [c.field for c in history], "via": via},
        )
    return resident


def can_unmask(user: AnyUser) -> bool:
    return user.is_authenticated and user.has_perm("residents.unmask_resident")


@transaction.atomic
def resident_unmask(*, by: AnyUser, resident: Resident, reason: str) -> str:
    """The full ID number, for a user with the permission who says why; always audited."""
    check_scope(by, resident.household.area)
    if not can_unmask(by):
        raise PermissionDenied
    reason = typed_text(AuditLog, "reason", reason)  # the audit log keeps it whole, so it must fit
    if len(reason) < 2:
        raise ValidationError({"reason": _("Say why you need the full number.")})
    if not resident.id_number_encrypted:
        return ""
    audit_record(
        actor=by, action="resident_unmask", obj=resident, area=resident.household.area, reason=reason
    )
    return crypto.decrypt(resident.id_number_encrypted)
