"""Importing a ledger workbook: check the whole file, then write it all or nothing.

A dry run checks everything a real import would (including whether each compound exists) and
reports every error with row, column, value and reason; it writes nothing.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import crypto
from grassroots.core.models import AnyUser, User
from grassroots.core.scope import in_scope, role_at_least
from grassroots.core.services import audit_record
from grassroots.places.models import Area, AreaKind
from grassroots.places.services import areas_bulk_create

from .bulk import insert_rows
from .ledger_read import Checked, Row, check_rows, household_status, read_rows
from .models import CareTag, ChangeVia, Household, LedgerChange, Relation, Resident
from .services import resident_update

CHUNK = 5000
Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    total: int = 0
    households_created: int = 0
    households_updated: int = 0
    created: int = 0
    updated: int = 0
    areas_created: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    dry_run: bool = True

    def counts(self) -> dict[str, Any]:
        return {
            "rows": self.total,
            "households_created": self.households_created,
            "households_updated": self.households_updated,
            "created": self.created,
            "updated": self.updated,
            "areas_created": self.areas_created,
        }


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _compounds_for(area: Area, checked: Checked) -> dict[int, Area]:
    """Row number → its compound under `area`, by the 社区/小区 columns; unknown ones become errors."""
    if area.kind == AreaKind.COMPOUND:
        found = {}
        for row in checked.rows:
            if row.compound and row.compound != area.name:
                checked.error(
                    row.number,
                    "小区",
                    row.compound,
                    _("This file is being imported into %(area)s.") % {"area": area.name},
                )
            else:
                found[row.number] = area
        return found
    compounds = list(
        Area.objects.filter(path__startswith=area.path, kind=AreaKind.COMPOUND).select_related("parent")
    )
    by_name: dict[str, list[Area]] = defaultdict(list)
    for c in compounds:
        by_name[c.name].append(c)
    found = {}
    for row in checked.rows:
        matches = [
            c
            for c in by_name.get(row.compound, [])
            if not row.community or (c.parent and c.parent.name == row.community)
        ]
        if len(matches) == 1:
            found[row.number] = matches[0]
        elif not matches:
            checked.error(
                row.number,
                "小区",
                row.compound,
                _("No compound of this name in %(area)s.") % {"area": area.name},
            )
        else:
            checked.error(
                row.number,
                "社区",
                row.community,
                _("Several compounds have this name; fill in the 社区 column."),
            )
    return found


def _grid_places(
    compounds: dict[int, Area], rows: list[Row], dry_run: bool, result: ImportResult
) -> dict[int, int]:
    """Row number → the id of its unit (or building); missing buildings and units are created."""
    ids = {c.pk for c in compounds.values()}
    buildings = {
        (b.parent_id, b.name): b
        for b in Area.objects.filter(parent_id__in=ids, kind=AreaKind.BUILDING).select_related("parent")
    }
    wanted_buildings = {(compounds[r.number].pk, r.building) for r in rows}
    missing = sorted(wanted_buildings - buildings.keys())
    by_id = {c.pk: c for c in compounds.values()}
    result.areas_created += [f"{by_id[c].name} {b}" for c, b in missing]
    if missing and not dry_run:
        codes = _next_codes(ids)
        made = areas_bulk_create(
            [Area(name=b, kind=AreaKind.BUILDING, parent=by_id[c], code=codes.take(c)) for c, b in missing]
        )
        buildings.update({(b.parent_id, b.name): b for b in made})
    units = {
        (u.parent_id, u.name): u
        for u in Area.objects.filter(parent_id__in=[b.pk for b in buildings.values()], kind=AreaKind.UNIT)
    }
    wanted_units = {(compounds[r.number].pk, r.building, r.unit) for r in rows if r.unit}
    missing_units = sorted(
        (c, b, u)
        for c, b, u in wanted_units
        if (c, b) not in buildings or (buildings[(c, b)].pk, u) not in units
    )
    result.areas_created += [f"{by_id[c].name} {b} {u}" for c, b, u in missing_units]
    if missing_units and not dry_run:
        codes = _next_codes({buildings[(c, b)].pk for c, b, _u in missing_units})
        made = areas_bulk_create(
            [
                Area(
                    name=u,
                    kind=AreaKind.UNIT,
                    parent=buildings[(c, b)],
                    code=codes.take(buildings[(c, b)].pk),
                )
                for c, b, u in missing_units
            ]
        )
        units.update({(u.parent_id, u.name): u for u in made})
    if dry_run:
        return {}
    place = {}
    for r in rows:
        building = buildings[(compounds[r.number].pk, r.building)]
        place[r.number] = units[(building.pk, r.unit)].pk if r.unit else building.pk
    return place


class _Codes:
    def __init__(self, taken: dict[int, set[str]]) -> None:
        self.taken = taken

    def take(self, parent: int) -> str:
        n = 1
        while f"{n:02d}" in self.taken[parent]:
            n += 1
        self.taken[parent].add(f"{n:02d}")
        return f"{n:02d}"


def _next_codes(parents: set[int]) -> _Codes:
    taken: dict[int, set[str]] = defaultdict(set)
    for parent, code in Area.objects.filter(parent_id__in=parents).values_list("parent_id", "code"):
        taken[parent].add(code)
    return _Codes(taken)


def _existing_ids(rows: list[Row]) -> dict[tuple[str, str], int]:
    keys = [(r.id_type, r.id_digest) for r in rows if r.id_digest]
    found: dict[tuple[str, str], int] = {}
    for chunk in _chunks(sorted({d for _t, d in keys})):
        for pk, id_type, digest in Resident.objects.filter(id_digest__in=chunk).values_list(
            "pk", "id_type", "id_digest"
        ):
            found[(id_type, digest)] = pk
    return found


def ledger_import(
    *, by: AnyUser | None, area: Area, path: str, dry_run: bool, progress: Progress | None = None
) -> ImportResult:
    """Check the workbook at `path` against `area`; unless dry_run and when error-free, write it."""
    if by is not None and not (in_scope(by, area) and role_at_least(by, "station")):
        raise PermissionDenied
    result = ImportResult(dry_run=dry_run)
    checked = check_rows(read_rows(path), set(CareTag.objects.values_list("name", flat=True)))
    result.total = checked.total
    if progress:
        progress(checked.total // 2, checked.total)
    compounds = _compounds_for(area, checked)
    rows = [r for r in checked.rows if r.number in compounds]
    result.errors = sorted(checked.errors, key=lambda e: (e["row"], e["column"]))
    existing = _existing_ids(rows)
    with_id = [r for r in rows if r.name]
    result.updated = sum(1 for r in with_id if (r.id_type, r.id_digest) in existing)
    result.created = len(with_id) - result.updated
    if result.errors or dry_run:
        _grid_places(compounds, rows, True, result)
        return result
    with transaction.atomic():
        place = _grid_places(compounds, rows, False, result)
        _write(by, rows, place, existing, result)
        audit_record(actor=by, action="ledger_import", area=area, detail=result.counts())
    if progress:
        progress(checked.total, checked.total)
    return result


def _write(
    by: AnyUser | None,
    rows: list[Row],
    place: dict[int, int],
    existing: dict[tuple[str, str], int],
    result: ImportResult,
) -> None:
    now = timezone.now()
    actor = by if isinstance(by, User) else None
    actor_id, actor_name = (actor.pk, actor.get_username()) if actor else (None, "")
    households = _households(rows, place, now, actor_id, actor_name, result)
    new_rows = [r for r in rows if r.name and (r.id_type, r.id_digest) not in existing]
    fields = [
        "household", "name", "gender", "id_type", "id_number_encrypted", "id_digest", "id_masked", "birth_date",
        "phone", "relation", "residence_type", "is_party_member", "notes", "version", "updated_at",
    ]  # fmt: skip
    encrypt, mask = crypto.encrypt, crypto.mask
    insert_rows(
        Resident,
        fields,
        (
            (
                households[(place[r.number], r.room)], r.name, r.gender, r.id_type,
                encrypt(r.id_number) if r.id_number else "", r.id_digest, mask(r.id_number) if r.id_number else "",
                r.birth_date, r.phone, r.relation, r.residence_type, False, r.notes, 1, now,
            )
            for r in new_rows
        ),
    )  # fmt: skip
    touched = sorted({households[(place[r.number], r.room)] for r in new_rows})
    pks: dict[tuple[int, str, str], int] = {}
    for chunk in _chunks(touched):
        for pk, household, name, digest in Resident.objects.filter(household_id__in=chunk).values_list(
            "pk", "household_id", "name", "id_digest"
        ):
            pks[(household, name, digest)] = pk
    tag_ids = dict(CareTag.objects.values_list("name", "pk"))
    created = [(r, pks[(households[(place[r.number], r.room)], r.name, r.id_digest)]) for r in new_rows]
    insert_rows(
        Resident.care_tags.through,
        ["resident", "caretag"],
        ((pk, tag_ids[t]) for r, pk in created for t in r.tags),
    )
    insert_rows(
        LedgerChange,
        ["household", "resident", "field", "old", "new", "via", "actor", "actor_name", "at"],
        (
            (
                households[(place[r.number], r.room)],
                pk,
                "created",
                "",
                r.name,
                ChangeVia.IMPORT,
                actor_id,
                actor_name,
                now,
            )
            for r, pk in created
        ),
    )
    _update_known(
        by, [r for r in rows if r.name and (r.id_type, r.id_digest) in existing], place, households, existing
    )
    for chunk in _chunks(touched):
        Household.objects.filter(pk__in=chunk, head__isnull=True).update(
            head=Subquery(
                Resident.objects.filter(household=OuterRef("pk"), relation=Relation.HEAD).values("pk")[:1]
            )
        )


def _households(
    rows: list[Row],
    place: dict[int, int],
    now: datetime.datetime,
    actor_id: int | None,
    actor_name: str,
    result: ImportResult,
) -> dict[tuple[int, str], int]:
    """(area id, room) → household id, creating new ones and updating the vacancy and smartphone flags."""
    flags: dict[tuple[int, str], list[bool]] = {}
    for r in rows:
        key = (place[r.number], r.room)
        vacant, no_phone = flags.get(key, [False, False])
        flags[key] = [vacant or r.vacant, no_phone or r.no_smartphone]
    areas = sorted({a for a, _room in flags})
    known: dict[tuple[int, str], tuple[int, str, bool]] = {}
    for chunk in _chunks(areas):
        for pk, area_id, room, status, no_phone in Household.objects.filter(area_id__in=chunk).values_list(
            "pk", "area_id", "room", "status", "no_smartphone"
        ):
            known[(area_id, room)] = (pk, status, no_phone)
    new = [k for k in flags if k not in known]
    insert_rows(
        Household,
        ["area", "room", "status", "no_smartphone", "notes", "version", "updated_at"],
        (
            (a, room, household_status(flags[(a, room)][0]), flags[(a, room)][1], "", 1, now)
            for a, room in new
        ),
    )
    result.households_created = len(new)
    ids = {k: v[0] for k, v in known.items()}
    for chunk in _chunks(areas):
        for pk, area_id, room in Household.objects.filter(area_id__in=chunk).values_list(
            "pk", "area_id", "room"
        ):
            ids[(area_id, room)] = pk
    insert_rows(
        LedgerChange,
        ["household", "field", "old", "new", "via", "actor", "actor_name", "at"],
        ((ids[k], "created", "", k[1], ChangeVia.IMPORT, actor_id, actor_name, now) for k in new),
    )
    changed = []
    for key, (pk, status, no_phone) in known.items():
        if key not in flags:
            continue
        want_status, want_phone = household_status(flags[key][0]), flags[key][1]
        for fld, old, new_value in (("status", status, want_status), ("no_smartphone", no_phone, want_phone)):
            if old != new_value:
                changed.append((pk, fld, old, new_value))
    for pk, fld, _old, new_value in changed:
        Household.objects.filter(pk=pk).update(**{fld: new_value})
    LedgerChange.objects.bulk_create(
        LedgerChange(household_id=pk, field=fld, old=str(old), new=str(new_value), via=ChangeVia.IMPORT,
                     actor_id=actor_id, actor_name=actor_name, at=now)
        for pk, fld, old, new_value in changed
    )  # fmt: skip
    result.households_updated = len({pk for pk, *_ in changed})
    return ids


def _update_known(
    by: AnyUser | None,
    rows: list[Row],
    place: dict[int, int],
    households: dict[tuple[int, str], int],
    existing: dict[tuple[str, str], int],
) -> None:
    """People already in the ledger: the file's values go through the same service as an edit."""
    residents = Resident.objects.in_bulk([existing[(r.id_type, r.id_digest)] for r in rows])
    for r in rows:
        resident = residents[existing[(r.id_type, r.id_digest)]]
        changes: dict[str, Any] = {
            "name": r.name,
            "relation": r.relation,
            "residence_type": r.residence_type,
            "care_tags": list(r.tags),
        }
        if r.phone:
            changes["phone"] = r.phone
        if r.notes:
            changes["notes"] = r.notes
        household = households[(place[r.number], r.room)]
        if household != resident.household_id:
            Resident.objects.filter(pk=resident.pk).update(household_id=household)
            LedgerChange.objects.create(
                household_id=household, resident=resident, field="household", old=str(resident.household_id),
                new=str(household), via=ChangeVia.IMPORT, actor=by if isinstance(by, User) else None,
                actor_name=by.get_username() if isinstance(by, User) else "", at=timezone.now(),
            )  # fmt: skip
        resident_update(by=by, resident=resident, changes=changes, via=ChangeVia.IMPORT)
