"""Writes to the ledger: households and residents, each change kept in the history."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import crypto
from grassroots.core.models import AnyUser, AuditLog
from grassroots.core.services import audit_record
from grassroots.core.typed import typed_text
from grassroots.places.models import Area, AreaKind

from .departures import resident_move, resident_return
from .ledger_fields import clean_household, clean_resident, id_fields
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
    clean = clean_household({"room": room, "status": status, "no_smartphone": no_smartphone, "notes": notes})
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
    clean = clean_household(changes)
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
    clean = clean_resident(
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
    id_columns, clean["birth_date"], clean["gender"] = id_fields(
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
    clean = clean_resident(changes, resident.id_type)
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
        columns, birth, gender = id_fields(
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
