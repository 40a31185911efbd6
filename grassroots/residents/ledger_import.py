"""Importing a ledger workbook: check the whole file, then write it all or nothing.

One pass over the sheet. Rows are checked as they are read and handled a chunk at a time, so memory
holds one chunk, the errors, and one small entry per ID number and per household, whatever the
file's length. In a real import each clean chunk goes straight into the tables (COPY on PostgreSQL)
inside one transaction; the first error stops the writing, checking goes on to the end so every
error is listed, and the transaction is rolled back. A dry run checks everything a real import
would (including whether each compound exists) and writes nothing.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import crypto
from grassroots.core.models import AnyUser, User
from grassroots.core.scope import in_scope, role_at_least
from grassroots.core.services import audit_record
from grassroots.places.models import Area

from .bulk import (
    BackgroundInserts,
    Job,
    Statement,
    allocate_ids,
    committed_reader,
    ids_condition,
    typed_placeholder,
)
from .departures import resident_move, resident_return
from .ledger_known import Known, absent_people, known_key, known_people, left_among, living_outside
from .ledger_places import Compounds, Grid, NewHouseholds
from .ledger_read import Checked, Row, check_workbook, household_status
from .models import CareTag, ChangeVia, Household, HouseholdStatus, LedgerChange, Relation, Resident
from .services import resident_update

CHUNK = 20_000  # rows checked before they are written together: memory stays at one chunk
ABSENT_LISTED = 500  # people not in the file listed by name; beyond that, counted
RESIDENT_FIELDS = [
    "id", "household", "name", "gender", "id_type", "id_number_encrypted", "id_digest", "id_masked",
    "birth_date", "phone", "relation", "residence_type", "is_party_member", "notes", "version", "updated_at",
]  # fmt: skip
HOUSEHOLD_FIELDS = ["id", "area", "room", "status", "no_smartphone", "head", "notes", "version", "updated_at"]
AREA_FIELDS = [f.name for f in Area._meta.concrete_fields]
# An Area's values in AREA_FIELDS order.
area_row = attrgetter(*[f.attname for f in Area._meta.concrete_fields])
CHANGE_FIELDS = ["household", "resident", "field", "old", "new", "via", "actor", "actor_name", "at"]
IMMEDIATE_KEYS: list[tuple[type[Model], str]] = [
    (Household, "area_id"),
    (Resident, "household_id"),
    (Resident.care_tags.through, "resident_id"),
    (Resident.care_tags.through, "caretag_id"),
]
# Keys whose rows a batch writes before what they point to (a household before its head, a unit in the
# same COPY as its building): deferred, and checked at the end of each batch rather than at commit.
BATCH_END_KEYS: list[tuple[type[Model], str]] = [(Household, "head_id"), (Area, "parent_id")]


@dataclass
class ImportResult:
    total: int = 0
    households_created: int = 0
    households_updated: int = 0
    created: int = 0
    updated: int = 0
    returned: int = 0  # of the updated, people who had left the ledger and are brought back
    # People the ledger lists in the file's households whom no row names: how many, and the first ABSENT_LISTED.
    absent_count: int = 0
    absent: list[dict[str, Any]] = field(default_factory=list)
    areas_created: list[str] = field(default_factory=list)
    sheets_read: list[str] = field(default_factory=list)
    sheets_unread: list[str] = field(default_factory=list)  # each with why, to show before confirming
    errors: list[dict[str, Any]] = field(default_factory=list)
    dry_run: bool = True

    @classmethod
    def from_counts(
        cls, counts: dict[str, Any], errors: list[dict[str, Any]], dry_run: bool
    ) -> "ImportResult":
        """The result again from what was kept of it (`counts()` and the errors), to show it again."""
        kept = {("total" if k == "rows" else k): v for k, v in counts.items()}
        return cls(**kept, errors=errors, dry_run=dry_run)

    def counts(self) -> dict[str, Any]:
        return {
            "rows": self.total,
            "households_created": self.households_created,
            "households_updated": self.households_updated,
            "created": self.created,
            "updated": self.updated,
            "returned": self.returned,
            "absent_count": self.absent_count,
            "absent": self.absent,
            "areas_created": self.areas_created,
            "sheets_read": self.sheets_read,
            "sheets_unread": self.sheets_unread,
        }


class _Home:
    """A household the file touches: what the ledger had and what the file says, OR-ed over its rows."""

    __slots__ = ("db_no_phone", "db_status", "head", "is_new", "no_phone", "pk", "vacant", "written")

    def __init__(self, pk: int, status: str, no_phone: bool, head: int | None, is_new: bool) -> None:
        self.pk, self.db_status, self.db_no_phone, self.head, self.is_new = pk, status, no_phone, head, is_new
        self.vacant, self.no_phone = False, False
        # (vacant, no smartphone, head) as last written: a new household's first insert, or the ledger's head.
        self.written: tuple[bool, bool, int | None] = (False, False, head)


class _Writer:
    """Writes clean chunks: households, residents, care tags and their history, by COPY/executemany."""

    def __init__(
        self,
        by: AnyUser | None,
        result: ImportResult,
        inserts: BackgroundInserts,
        db: BaseDatabaseWrapper,
        batch_end: list[Statement],
    ) -> None:
        self.by, self.result, self.inserts, self.db, self.batch_end = by, result, inserts, db, batch_end
        actor = by if isinstance(by, User) else None
        self.actor_id: int | None = actor.pk if actor else None
        self.actor_name = actor.get_username() if actor else ""
        self.now = timezone.now()
        self.homes: dict[tuple[int, str], _Home] = {}
        self.loaded_areas: set[int] = set()
        self.tag_ids = dict(CareTag.objects.values_list("name", "pk"))
        self.updates: list[tuple[Row, int, tuple[int, str]]] = []
        self.built: Job = []  # the last chunk, built and not yet sent

    def _load_homes(self, areas: set[int]) -> None:
        """The households these areas had before the import (the committed ones are enough: any this
        import has written are in self.homes already)."""
        fresh = areas - self.loaded_areas
        if not fresh:
            return
        sql, params = (
            Household.objects.filter(area_id__in=fresh)
            .values_list("pk", "area_id", "room", "status", "no_smartphone", "head_id")
            .query.sql_with_params()
        )
        with self.db.cursor() as cursor:
            cursor.execute(sql, params)
            for pk, area_id, room, status, no_phone, head in cursor.fetchall():
                self.homes[(area_id, room)] = _Home(pk, status, bool(no_phone), head, False)
        self.loaded_areas |= fresh

    def chunk(self, rows: list[tuple[Row, int]], existing: dict[Known, int], areas: list[Area]) -> None:
        """`rows`: clean rows with their place's area id; `existing`: known people (known_key) →
        resident id; `areas`:
        the new buildings and units they stand in, keyed, written first.

        The lookups run on `self.db`. When that is a second connection (the committed reader), the
        chunk is sent as soon as it is built, so the database starts writing it at once. When it is
        the import's own connection, a lookup would wait while the writer's COPY holds it, so the
        built chunk is held and sent after the next chunk's lookups (or by finish())."""
        self._load_homes({a for _r, a in rows})
        homes = self.homes
        fresh_keys = list(dict.fromkeys(k for r, a in rows if (k := (a, r.room)) not in homes))
        for key, pk in zip(fresh_keys, allocate_ids(Household, len(fresh_keys), self.db), strict=True):
            homes[key] = _Home(pk, HouseholdStatus.OCCUPIED, False, None, True)
        fresh = [homes[k] for k in fresh_keys]
        new_rows = [
            (r, home)
            for r, a in rows
            if r.name and known_key(r, a) not in existing
            for home in (homes[(a, r.room)],)
        ]
        ids = iter(allocate_ids(Resident, len(new_rows), self.db))
        self._send_built()
        tokens = iter(crypto.encrypt_many([r.id_number for r, _h in new_rows if r.id_number]))
        mask, now = crypto.mask, self.now
        residents, tags = [], []
        for r, a in rows:
            home = homes[(a, r.room)]
            home.vacant |= r.vacant
            home.no_phone |= r.no_smartphone
            if r.name and (known := existing.get(known_key(r, a))):
                self.updates.append((r, known, (a, r.room)))
        for r, home in new_rows:
            pk = next(ids)
            if r.relation == Relation.HEAD and home.head is None:
                home.head = pk
            number = r.id_number
            residents.append(
                (
                    pk, home.pk, r.name, r.gender, r.id_type, next(tokens) if number else "", r.id_digest,
                    mask(number) if number else "", r.birth_date, r.phone, r.relation, r.residence_type, False,
                    r.notes, 1, now,
                )
            )  # fmt: skip
            tags += [(pk, self.tag_ids[t]) for t in r.tags]
        for home in fresh:
            home.written = (home.vacant, home.no_phone, home.head)
        households = [
            (h.pk, a, room, household_status(h.vacant), h.no_phone, h.head, "", 1, now)
            for (a, room), h in zip(fresh_keys, fresh, strict=True)
        ]
        # Households before the residents whose key checks look them up; a household's creation
        # before its residents' in the history, as the history lists them.
        self.built = [
            (Area, AREA_FIELDS, [area_row(a) for a in areas]),
            (Household, HOUSEHOLD_FIELDS, households),
            (Resident, RESIDENT_FIELDS, residents),
            (Resident.care_tags.through, ["resident", "caretag"], tags),
            *[
                self._created(model, pks)
                for model, pks in ((Household, [h.pk for h in fresh]), (Resident, [t[0] for t in residents]))
                if pks
            ],
            *self.batch_end,
        ]
        self.result.households_created += len(fresh)
        if self.db is not connection:
            self._send_built()

    def _created(self, model: type[Household | Resident], pks: list[int]) -> Statement:
        """The history's "created" entries for rows in this batch, made by the database from the rows
        themselves: a 200,000-row import has 267,000, and each sent through Python cost this thread
        the tuple and the COPY formatting."""
        q, change = connection.ops.quote_name, LedgerChange._meta
        columns = ", ".join(q(change.get_field(f).column) for f in CHANGE_FIELDS)  # type: ignore[union-attr, arg-type]
        if model is Household:
            household, resident, label = "id", "NULL", "room"
        else:
            household, resident, label = "household_id", "id", "name"
        where, ids = ids_condition("id", pks)
        values = ", ".join(
            typed_placeholder(change.get_field(f)) for f in ("via", "actor", "actor_name", "at")
        )
        return Statement(
            f"INSERT INTO {q(change.db_table)} ({columns}) "
            f"SELECT {household}, {resident}, 'created', '', {label}, {values} "
            f"FROM {q(model._meta.db_table)} WHERE {where} ORDER BY id",
            [ChangeVia.IMPORT.value, self.actor_id, self.actor_name, self.now, ids],
        )

    def _send_built(self) -> None:
        if self.built:
            self.inserts.send(self.built)
            self.built = []

    def finish(self) -> None:
        """What only the whole file settles: household flags and heads, then people already known."""
        self._send_built()
        self.inserts.wait()
        changes = []
        for home in self.homes.values():
            if home.is_new:
                if home.written != (home.vacant, home.no_phone, home.head):
                    # A later chunk added to a household written earlier: not a change, its first state.
                    Household.objects.filter(pk=home.pk).update(
                        status=household_status(home.vacant), no_smartphone=home.no_phone, head_id=home.head
                    )
                continue
            want = {"status": household_status(home.vacant), "no_smartphone": home.no_phone}
            had = {"status": home.db_status, "no_smartphone": home.db_no_phone}
            differ = {f: v for f, v in want.items() if had[f] != v}
            if differ:
                self.result.households_updated += 1
                changes += [
                    LedgerChange(household_id=home.pk, field=f, old=str(had[f]), new=str(v), via=ChangeVia.IMPORT,
                                 actor_id=self.actor_id, actor_name=self.actor_name, at=self.now)
                    for f, v in differ.items()
                ]  # fmt: skip
            if home.head is not None and home.head != home.written[2]:
                differ["head_id"] = home.head
            if differ:
                Household.objects.filter(pk=home.pk).update(**differ)
        LedgerChange.objects.bulk_create(changes)
        self._update_known()

    def _update_known(self) -> None:
        """People already in the ledger: the file's values go through the same services as an edit."""
        by = self.by
        for chunk in _chunks(self.updates):
            residents = Resident.everyone.in_bulk([pk for _r, pk, _k in chunk])
            households = Household.objects.in_bulk({self.homes[k].pk for _r, _pk, k in chunk})
            for r, pk, key in chunk:
                resident = residents[pk]
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
                household = households[self.homes[key].pk]
                if household.pk != resident.household_id:
                    # Moved first: someone who left is brought back where the file says they live now.
                    resident = resident_move(by=by, resident=resident, to=household, via=ChangeVia.IMPORT)
                if resident.left_at is not None:
                    resident_return(by=by, resident=resident, via=ChangeVia.IMPORT)
                resident_update(by=by, resident=resident, changes=changes, via=ChangeVia.IMPORT)


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


class _Rollback(Exception):
    """Raised inside the import's transaction when the file had errors, so nothing stays written."""


def ledger_import(*, by: AnyUser | None, area: Area, path: str, dry_run: bool) -> ImportResult:
    """Check the workbook at `path` against `area`; unless dry_run and when error-free, write it."""
    if by is not None and not (in_scope(by, area) and role_at_least(by, "station")):
        raise PermissionDenied
    result = ImportResult(dry_run=dry_run)
    nested = connection.in_atomic_block
    try:
        with transaction.atomic():
            _run(by, area, path, dry_run, result, nested)
            if result.errors:
                raise _Rollback
            if not dry_run:
                audit_record(actor=by, action="ledger_import", area=area, detail=result.counts())
    except _Rollback:
        pass
    return result


def _run(
    by: AnyUser | None,
    area: Area,
    path: str,
    dry_run: bool,
    result: ImportResult,
    nested: bool,
) -> None:
    if dry_run:
        _check(by, None, area, path, result)
        return
    with (
        committed_reader(nested=nested) as db,
        BackgroundInserts() as inserts,
        _keys_checked_per_batch() as batch_end,
    ):
        _check(by, _Writer(by, result, inserts, db, batch_end), area, path, result)


def _key_names(keys: list[tuple[type[Model], str]], cursor: Any) -> str:
    names = []
    for model, column in keys:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
        names += [n for n, c in constraints.items() if c["foreign_key"] and c["columns"] == [column]]
    return ", ".join(connection.ops.quote_name(n) for n in names)


@contextmanager
def _keys_checked_per_batch() -> Iterator[list[Statement]]:
    """On PostgreSQL, check the imported rows' foreign keys as each batch is written (by the database,
    beside Python checking the next chunk) rather than all at once at commit, where nothing else runs
    beside them. Yields the statements that end a batch: they check BATCH_END_KEYS for what the batch
    wrote (setting a deferred key IMMEDIATE checks what is pending at once) and defer them again."""
    if connection.vendor != "postgresql":
        yield []
        return
    with connection.cursor() as cursor:
        listed = _key_names(IMMEDIATE_KEYS, cursor)
        later = _key_names(BATCH_END_KEYS, cursor)
        cursor.execute(f"SET CONSTRAINTS {listed} IMMEDIATE")
        try:
            yield [
                Statement(f"SET CONSTRAINTS {later} IMMEDIATE", []),
                Statement(f"SET CONSTRAINTS {later} DEFERRED", []),
            ]
        finally:
            # Back to their declared mode for whatever else the transaction does.
            cursor.execute(f"SET CONSTRAINTS {listed} DEFERRED")


def _refuse_people_living_outside(
    by: AnyUser,
    placed: list[tuple[Row, int | None]],
    existing: dict[Known, int],
    checked: Checked,
    db: BaseDatabaseWrapper,
) -> None:
    """A row whose ID number belongs to someone living outside the importer's area is an error (the
    file would move them here): said in the check, before anything is written."""
    outside = living_outside(existing.values(), by, db)
    for r, a in placed:
        if r.name and existing.get(known_key(r, a)) in outside:
            checked.error(
                r.number,
                "证件号码",
                crypto.mask(r.id_number),
                _(
                    "This person is registered in a household outside your area: the community there must "
                    "take them out of its ledger (moved away) before this file can bring them here."
                ),
            )


def _check(by: AnyUser | None, writer: "_Writer | None", area: Area, path: str, result: ImportResult) -> None:
    checked = Checked()
    compounds = Compounds(area, checked)
    db = writer.db if writer else None
    grid = Grid(db)
    chunk: list[tuple[Row, Area]] = []
    before = Resident.everyone.aggregate(last=Max("pk"))["last"] or 0
    matched: set[int] = set()  # people of the ledger the file names
    homes: set[tuple[int, str]] = set()  # households of the ledger the file names, as (area id, room)
    new_households = NewHouseholds() if writer is None else None

    def flush() -> None:
        wanted = {(c.pk, r.building, r.unit): c for r, c in chunk}
        place = grid.places(wanted)
        placed = [(r, place[(c.pk, r.building, r.unit)]) for r, c in chunk]
        if new_households is not None:
            new_households.add(chunk, place)
        existing = known_people(placed, db or connection)
        if existing:
            matched.update(existing.values())
            result.returned += len(left_among(existing.values(), db or connection))
            if by is not None:
                _refuse_people_living_outside(by, placed, existing, checked, db or connection)
        if before:  # a ledger with nobody in it yet has nobody a file could leave out
            homes.update((a, r.room) for r, a in placed if a is not None)
        named = [(r, a) for r, a in placed if r.name]
        updated = sum(1 for r, a in named if known_key(r, a) in existing)
        result.updated += updated
        result.created += len(named) - updated
        if writer and not checked.errors:
            areas, grid.unwritten = grid.unwritten, []
            writer.chunk(placed, existing, areas)  # type: ignore[arg-type]
        chunk.clear()

    for row in check_workbook(path, set(CareTag.objects.values_list("name", flat=True)), checked):
        compound = compounds.of(row)
        if compound is not None:
            chunk.append((row, compound))
            if len(chunk) >= CHUNK:
                flush()
    if chunk:
        flush()
    result.total = checked.total
    result.areas_created = grid.new_buildings + grid.new_units
    if new_households is not None:
        result.households_created = len(new_households.new)
    result.sheets_read, result.sheets_unread = checked.read, checked.unread
    sheets = {name: i for i, name in enumerate(dict.fromkeys(e["sheet"] for e in checked.errors))}
    result.errors = sorted(checked.errors, key=lambda e: (sheets[e["sheet"]], e["row"], e["column"]))
    if writer and not result.errors:
        writer.finish()
    if homes and not result.errors:
        result.absent_count, result.absent = absent_people(homes, matched, before, ABSENT_LISTED)
