"""People leaving the ledger (moved away, died, registered twice) and coming back.

Someone who leaves is not deleted: their care record, green-channel plans, party membership and the
history all point at them, and a wrong removal must be undone without retyping the person. They are
only taken out of every list, count and export (the default manager, `CurrentResidents`; the services
app's plan list likewise leaves out the green-channel plans of people who left).
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.models import AnyUser
from grassroots.core.services import audit_record

from .ledger_rules import check_editor, check_scope, check_version, history_entry, set_head
from .models import CarePair, ChangeVia, Household, LedgerChange, LeftReason, Relation, Resident, Visit


def _locked(resident: Resident) -> Resident:
    return (
        Resident.everyone.select_for_update(of=("self",))
        .select_related("household__area", "household__head")
        .get(pk=resident.pk)
    )


@transaction.atomic
def resident_leave(
    *,
    by: AnyUser | None,
    resident: Resident,
    reason: str,
    note: str = "",
    version: int | None = None,
    via: str = ChangeVia.EDIT,
    visit: Visit | None = None,
) -> Resident:
    """Take a resident out of the ledger, saying why. Their one-to-one care ends; a head of household
    hands over to another resident registered as head, if any.

    Staff and above do this by hand; on a door-knocking visit, whoever knocked may (as they may
    correct any field): the visit is the evidence, kept in the history beside the entry."""
    resident = _locked(resident)
    household = resident.household
    if visit is None:
        check_editor(by, household.area)
    else:
        check_scope(by, household.area)
    check_version(resident, version)
    if resident.left_at is not None:
        raise ValidationError(_("%(name)s has already left the ledger.") % {"name": resident.name})
    if reason not in LeftReason.values:
        raise ValidationError({"reason": _("Choose why they left.")})
    note = note.strip()
    if reason == LeftReason.OTHER and not note:
        raise ValidationError({"note": _("Say why they left.")})
    now = timezone.now()
    resident.left_at, resident.left_reason = now, reason
    resident.version += 1
    resident.save(update_fields=["left_at", "left_reason", "version", "updated_at"])
    # The reason's code (shown in the reader's language by change_value), then the note.
    history = [
        history_entry(household=household, resident=resident, field="left", old="",
                new=f"{reason}:{note}" if note else reason, via=via, by=by, visit=visit, at=now)
    ]  # fmt: skip
    if household.head_id == resident.pk:
        household = (
            Household.objects.select_for_update(of=("self",)).select_related("head").get(pk=household.pk)
        )
        successor = (
            Resident.objects.filter(household=household, relation=Relation.HEAD).order_by("pk").first()
        )
        history.append(set_head(household, successor, via=via, by=by, visit=visit, at=now))
    LedgerChange.objects.bulk_create(history)
    care_ended = CarePair.objects.filter(resident=resident, ended_at__isnull=True).update(ended_at=now)
    detail: dict[str, Any] = {"reason": reason, "care_pairs_ended": care_ended, "via": via}
    audit_record(
        actor=by, action="resident_leave", obj=resident, area=household.area, reason=note, detail=detail
    )
    return resident


@transaction.atomic
def resident_return(
    *, by: AnyUser | None, resident: Resident, note: str = "", via: str = ChangeVia.EDIT
) -> Resident:
    """Bring back someone who left (taken out by mistake, or moved back: an import that finds their ID
    number again brings them back). Care is not restarted by itself: a care resident shows on the gaps
    list again until a helper is paired. Their green-channel plans are listed again."""
    resident = _locked(resident)
    household = resident.household
    check_editor(by, household.area)
    if resident.left_at is None:
        return resident
    was = resident.left_reason
    resident.left_at, resident.left_reason = None, ""
    resident.version += 1
    resident.save(update_fields=["left_at", "left_reason", "version", "updated_at"])
    now = timezone.now()
    entry = history_entry(household=household, resident=resident, field="returned", old=was,
                    new=note.strip(), via=via, by=by, visit=None, at=now)  # fmt: skip
    history = [entry]
    if resident.relation == Relation.HEAD and household.head_id is None:
        history.append(set_head(household, resident, via=via, by=by, visit=None, at=now))
    LedgerChange.objects.bulk_create(history)
    audit_record(actor=by, action="resident_return", obj=resident, area=household.area, reason=note.strip(),
                 detail={"via": via})  # fmt: skip
    return resident


@transaction.atomic
def residents_leave(
    *, by: AnyUser | None, residents: list[Resident], reason: str, note: str = ""
) -> list[Resident]:
    """Several people out of the ledger for one reason (those a ledger file left out, once the sender
    has looked into them): all of them, or none if any one is refused."""
    if not residents:
        raise ValidationError({"resident": _("Tick the people to take out of the ledger.")})
    return [resident_leave(by=by, resident=r, reason=reason, note=note) for r in residents]
