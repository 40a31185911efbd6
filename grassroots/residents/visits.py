"""Writes for door-knocking: campaigns and visits (idempotent by the client-made visit id)."""

import datetime
import hashlib
import json
import uuid
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.models import AnyUser, User
from grassroots.core.scope import in_scope, role_at_least
from grassroots.core.services import audit_record
from grassroots.core.typed import typed_text
from grassroots.places.models import Area

from .departures import resident_leave
from .models import Campaign, ChangeVia, Channel, Household, HouseholdStatus, Outcome, Resident, Visit
from .services import household_update, resident_update


class VisitConflict(Exception):
    """The visit id was already used for different content."""

    def __init__(self, existing: Visit) -> None:
        super().__init__(str(existing.pk))
        self.existing = existing


def may_run_campaigns(user: AnyUser, area: Area | None = None) -> bool:
    """Streets and above start and change door-knocking campaigns for areas inside their scope."""
    return role_at_least(user, "street") and (area is None or in_scope(user, area))


def _clean_campaign(name: str, starts_on: datetime.date, ends_on: datetime.date) -> str:
    name = typed_text(Campaign, "name", name)
    if not name:
        raise ValidationError({"name": _("The name is required.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end comes before the start.")})
    return name


@transaction.atomic
def campaign_create(
    *, by: AnyUser | None, name: str, area: Area, starts_on: datetime.date, ends_on: datetime.date
) -> Campaign:
    # by=None is the system itself (demo builder, management commands run by an operator).
    if by is not None and not may_run_campaigns(by, area):
        raise PermissionDenied
    name = _clean_campaign(name, starts_on, ends_on)
    campaign = Campaign.objects.create(
        name=name,
        area=area,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=by if isinstance(by, User) else None,
    )
    audit_record(actor=by, action="campaign_create", obj=campaign)
    return campaign


@transaction.atomic
def campaign_update(
    *,
    by: AnyUser | None,
    campaign: Campaign,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> Campaign:
    """Rename a campaign or move its dates (its area stays: visits already made were made inside it)."""
    campaign = Campaign.objects.select_for_update().select_related("area").get(pk=campaign.pk)
    if by is not None and not may_run_campaigns(by, campaign.area):
        raise PermissionDenied
    name = _clean_campaign(name, starts_on, ends_on)
    before = {"name": campaign.name, "starts_on": campaign.starts_on, "ends_on": campaign.ends_on}
    after = {"name": name, "starts_on": starts_on, "ends_on": ends_on}
    changed = {f: [str(before[f]), str(after[f])] for f in after if before[f] != after[f]}
    if changed:
        for field, value in after.items():
            setattr(campaign, field, value)
        campaign.save(update_fields=list(after))
        audit_record(actor=by, action="campaign_update", obj=campaign, detail={"changed": changed})
    return campaign


def campaign_close(*, by: AnyUser | None, campaign: Campaign) -> Campaign:
    """End a running campaign today."""
    today = timezone.localdate()
    if campaign.ends_on < today:
        raise ValidationError({"ends_on": _("This campaign has already ended.")})
    if campaign.starts_on > today:
        raise ValidationError(
            {"starts_on": _("This campaign has not started yet; change its dates instead.")}
        )
    return campaign_update(
        by=by, campaign=campaign, name=campaign.name, starts_on=campaign.starts_on, ends_on=today
    )


def fingerprint(
    *,
    household_id: int,
    campaign_id: int | None,
    channel: str,
    outcome: str,
    changes: dict[str, Any],
    note: str,
) -> str:
    """A digest of what was submitted, so a retry can be told from a different visit with the same id."""
    content = {
        "household": household_id,
        "campaign": campaign_id,
        "channel": channel,
        "outcome": outcome,
        "changes": changes,
        "note": note,
    }
    return hashlib.sha256(
        json.dumps(content, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


def _split_changes(
    household: Household, changes: dict[str, Any]
) -> tuple[dict[str, Any], dict[int, dict[str, Any]]]:
    """`{"status": …, "resident.<id>.phone": …, "resident.<id>.left": "moved_away"}` → household
    changes and per-resident changes."""
    own: dict[str, Any] = {}
    per_resident: dict[int, dict[str, Any]] = {}
    for key, value in changes.items():
        if key.startswith("resident."):
            parts = key.split(".")
            if len(parts) != 3 or not parts[1].isdigit():
                raise ValidationError({key: _("Name a resident field as resident.<id>.<field>.")})
            per_resident.setdefault(int(parts[1]), {})[parts[2]] = value
        else:
            own[key] = value
    people = Resident.everyone.filter(household=household, pk__in=per_resident).values_list(
        "pk", "name", "left_at"
    )
    known = {pk: (name, left_at) for pk, name, left_at in people}
    for pk in list(per_resident):
        if pk not in known:
            raise ValidationError(
                {f"resident.{pk}": _("This resident does not live in the household visited.")}
            )
        name, left_at = known[pk]
        if left_at is None:
            continue
        # Taken out meanwhile (a visit kept on a phone offline arrives late): that they left is
        # recorded already; anything else about them is refused, naming them.
        if set(per_resident[pk]) != {"left"}:
            raise ValidationError(
                {
                    f"resident.{pk}": _(
                        "%(name)s has left the ledger; bring them back before changing their record."
                    )
                    % {"name": name}
                }
            )
        del per_resident[pk]
    return own, per_resident


def _for_resident(resident: Resident, refused: ValidationError) -> ValidationError:
    """A refusal of one resident's corrections, keyed by the visit's own names (resident.<id>.<field>;
    why they left is resident.<id>.left) and naming the person, as a visit corrects several at once."""
    fields = refused.message_dict if hasattr(refused, "error_dict") else {"": refused.messages}
    said: dict[str, list[str]] = {}
    for field, texts in fields.items():
        if field == "note":  # why someone left "for another reason" is the visit's own note
            key = "note"
        elif field in ("", NON_FIELD_ERRORS):
            key = f"resident.{resident.pk}"
        else:
            key = f"resident.{resident.pk}.{'left' if field == 'reason' else field}"
        said[key] = [_("%(field)s: %(errors)s") % {"field": resident.name, "errors": t} for t in texts]
    return ValidationError(said)


def visit_record(
    *,
    by: AnyUser | None,
    id: uuid.UUID,
    household: Household,
    campaign: Campaign | None,
    channel: str,
    outcome: str,
    changes: dict[str, Any] | None = None,
    note: str = "",
    visited_at: datetime.datetime | None = None,
) -> tuple[Visit, bool]:
    """Record a visit and apply its corrections to the ledger. Returns (visit, created).

    The same id with the same content returns the stored visit (created=False); with different
    content it raises VisitConflict. Concurrent retries race on the primary key: the loser's insert
    fails inside a savepoint and it reads the winner's row instead.
    """
    changes = changes or {}
    note = note.strip()
    if by is not None and not in_scope(by, household.area):
        raise PermissionDenied
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Unknown channel %(value)s.") % {"value": channel}})
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Unknown outcome %(value)s.") % {"value": outcome}})
    if campaign is not None and not household.area.path.startswith(campaign.area.path):
        raise ValidationError({"campaign": _("This household is outside the campaign's area.")})
    if changes and outcome not in (Outcome.CORRECTED, Outcome.VACANT):
        raise ValidationError(
            {"changes": _("Only a visit that corrected the ledger carries changed fields.")}
        )
    digest = fingerprint(
        household_id=household.pk,
        campaign_id=campaign.pk if campaign else None,
        channel=channel,
        outcome=outcome,
        changes=changes,
        note=note,
    )
    existing = Visit.objects.filter(pk=id).first()
    if existing is not None:
        return _replay(existing, digest), False
    try:
        with transaction.atomic():
            visit = Visit.objects.create(
                id=id,
                household=household,
                campaign=campaign,
                visitor=by if isinstance(by, User) else None,
                visited_at=visited_at or timezone.now(),
                channel=channel,
                outcome=outcome,
                changes=changes,
                note=note,
                fingerprint=digest,
            )
            _apply(by, visit, household, outcome, changes)
            audit_record(
                actor=by, action="visit_record", obj=visit, area=household.area, detail={"outcome": outcome}
            )
    except IntegrityError:
        existing = Visit.objects.filter(pk=id).first()
        if existing is None:
            raise
        return _replay(existing, digest), False
    return visit, True


def _replay(existing: Visit, digest: str) -> Visit:
    if existing.fingerprint != digest:
        raise VisitConflict(existing)
    return existing


def _apply(
    by: AnyUser | None, visit: Visit, household: Household, outcome: str, changes: dict[str, Any]
) -> None:
    own, per_resident = _split_changes(household, changes)
    if outcome == Outcome.VACANT and household.status != HouseholdStatus.VACANT:
        own.setdefault("status", HouseholdStatus.VACANT)
    if own:
        household_update(by=by, household=household, changes=own, via=ChangeVia.VISIT, visit=visit)
    for resident in Resident.objects.filter(pk__in=per_resident).order_by("pk"):
        fields = dict(per_resident[resident.pk])
        # "left": why they no longer live here (moved away, deceased, registered twice), found at the door.
        left = fields.pop("left", None)
        try:
            if fields:
                resident_update(by=by, resident=resident, changes=fields, via=ChangeVia.VISIT, visit=visit)
            if left:
                resident_leave(by=by, resident=resident, reason=str(left), note=visit.note, via=ChangeVia.VISIT,
                               visit=visit)  # fmt: skip
        except ValidationError as refused:
            raise _for_resident(resident, refused) from refused
