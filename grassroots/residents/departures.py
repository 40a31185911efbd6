"""People moving: out of the ledger (moved away, died, registered twice), back into it, and from one
household to another.

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

from .ledger_rules import check_editor, check_scope, check_version, history_entry, household_label, set_head
from .models import CarePair, ChangeVia, Household, LedgerChange, LeftReason, Relation, Resident, Visit


def _locked(resident: Resident, *also: int) -> tuple[Resident, dict[int, Household]]:
    """The resident, then their household (and the households `also`), locked in that order, as every
    ledger write takes them: who heads a household is read only once nobody else can change it."""
    resident = Resident.everyone.select_for_update(of=("self",)).get(pk=resident.pk)
    households = {
        h.pk: h
        for h in Household.objects.select_for_update(of=("self",))
        .select_related("area__parent__parent", "head")
        .filter(pk__in=[resident.household_id, *also])
        .order_by("pk")  # two moves between the same two households lock them in one order
    }
    resident.household = households[resident.household_id]
    return resident, households


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
    resident, _households = _locked(resident)
    household = resident.household
    if visit is None:
        check_editor(by, household.area)
    else:
        check_scope(by, household.area)
    if resident.left_at is not None:  # said before the version check: it is why the version moved
        raise ValidationError(_("%(name)s has already left the ledger.") % {"name": resident.name})
    check_version(resident, version)
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
        history.append(
            set_head(household, _next_head(household, resident), via=via, by=by, visit=visit, at=now)
        )
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
    resident, _households = _locked(resident)
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


def _next_head(household: Household, head: Resident) -> Resident | None:
    """Who heads a household after its head leaves it: another current resident registered as head."""
    return (
        Resident.objects.filter(household=household, relation=Relation.HEAD)
        .exclude(pk=head.pk)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def resident_move(
    *, by: AnyUser | None, resident: Resident, to: Household, via: str = ChangeVia.EDIT
) -> Resident:
    """Move a resident to another household (a ledger file lists them in another room). A head hands the
    old household over to another resident registered as head, if any; a resident registered as head
    heads the new one if it has none. Someone current moves only within the mover's area; someone who
    left lives nowhere in the ledger and may be moved from anywhere (to be brought back where they
    live now)."""
    resident, households = _locked(resident, to.pk)
    old, new = resident.household, households[to.pk]
    if old.pk == new.pk:
        return resident
    check_editor(by, new.area)
    if resident.left_at is None:
        check_editor(by, old.area)
    now = timezone.now()
    history = [
        history_entry(household=new, resident=resident, field="household", old=household_label(old),
                      new=household_label(new), via=via, by=by, visit=None, at=now)
    ]  # fmt: skip
    resident.household = new
    resident.version += 1
    resident.save(update_fields=["household", "version", "updated_at"])
    if old.head_id == resident.pk:
        history.append(set_head(old, _next_head(old, resident), via=via, by=by, visit=None, at=now))
    if resident.left_at is None and resident.relation == Relation.HEAD and new.head_id is None:
        history.append(set_head(new, resident, via=via, by=by, visit=None, at=now))
    LedgerChange.objects.bulk_create(history)
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
