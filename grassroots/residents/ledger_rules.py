"""What every write to the ledger shares, whichever service makes it (edits, visits, imports, people
leaving): who may write where, the history entry, the stale-version check, and pointing a household at
its head."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from grassroots.core.models import AnyUser, User
from grassroots.core.scope import in_scope, role_at_least
from grassroots.places.models import Area, AreaKind

from .models import Household, LedgerChange, Resident, Visit


def _actor(by: AnyUser | None) -> tuple[User | None, str]:
    return (by, by.get_username()) if isinstance(by, User) else (None, "")


def check_scope(by: AnyUser | None, area: Area) -> None:
    # by=None is the system itself (demo builder, management commands run by an operator).
    if by is not None and not in_scope(by, area):
        raise PermissionDenied


def may_edit_ledger(user: AnyUser) -> bool:
    """Households and residents are added and edited by hand by community staff and above, not volunteers."""
    return role_at_least(user, "staff")


def check_editor(by: AnyUser | None, area: Area) -> None:
    check_scope(by, area)
    if by is not None and not may_edit_ledger(by):
        raise PermissionDenied


def history_entry(
    *,
    household: Household,
    resident: Resident | None,
    field: str,
    old: Any,
    new: Any,
    via: str,
    by: AnyUser | None,
    visit: Visit | None,
    at: datetime.datetime,
) -> LedgerChange:
    actor, name = _actor(by)
    return LedgerChange(
        household=household,
        resident=resident,
        field=field,
        old="" if old is None else str(old),
        new="" if new is None else str(new),
        via=via,
        visit=visit,
        actor=actor,
        actor_name=name,
        at=at,
    )


def check_version(obj: Household | Resident, version: int | None) -> None:
    if version is not None and version != obj.version:
        raise ValidationError(
            {
                "version": _(
                    "Someone else changed this record meanwhile; reload it and make your change again."
                )
            }
        )


def set_head(
    household: Household,
    head: Resident | None,
    *,
    via: str,
    by: AnyUser | None,
    visit: Visit | None,
    at: datetime.datetime,
) -> LedgerChange:
    """Point the household at its head (or at nobody) and return the history entry saying so."""
    old = household.head.name if household.head is not None else ""
    Household.objects.filter(pk=household.pk).update(head=head)
    household.head = head
    return history_entry(
        household=household,
        resident=None,
        field="head",
        old=old,
        new=head.name if head is not None else "",
        via=via,
        by=by,
        visit=visit,
        at=at,
    )


def household_label(household: Household) -> str:
    """A household as a reader finds it on the grid, from its compound down ("御景公寓 3号楼 2单元 301";
    its area's parents loaded): the history keeps where a person moved from and to in words that
    outlive the households, and every compound has a 1号楼 1单元 101."""
    names = [household.room]
    area: Area | None = household.area
    while area is not None and area.kind in (AreaKind.UNIT, AreaKind.BUILDING, AreaKind.COMPOUND):
        names.append(area.name)
        area = area.parent
    return " ".join(reversed(names))
