"""Who in a ledger file the ledger already has: found by ID number, or, for a row without one, by
name within the same household. Such a row updates that person; any other row adds one."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, QuerySet

from grassroots.core.models import AnyUser
from grassroots.core.scope import scope_q, sees_all
from grassroots.places.models import AreaKind

from .ledger_read import Row
from .models import Resident

SQLITE_BATCH = 900  # bound parameters per statement, under SQLite's limit
# (ID type, digest) for a row with an ID number; (area id, room, name) for one without.
Known = tuple[str, str] | tuple[int, str, str]


def known_key(row: Row, area: int | None) -> Known:
    return (row.id_type, row.id_digest) if row.id_digest else (area or 0, row.room, row.name)


def known_people(rows: list[tuple[Row, int | None]], db: BaseDatabaseWrapper) -> dict[Known, int]:
    """known_key → resident id, for the named rows (with their place's area id) the ledger has."""
    found = _by_id((r for r, _a in rows if r.name), db)
    found.update(_by_name([(r, a) for r, a in rows if r.name and not r.id_digest and a is not None], db))
    return found


def _by_id(rows: Iterable[Row], db: BaseDatabaseWrapper) -> dict[Known, int]:
    """(ID type, digest) → resident id, for the rows' IDs already in the ledger.

    Asked per ID type and with the unique index's own condition (id_digest <> ''), so the lookup runs
    on that partial index rather than a scan; on PostgreSQL as one text parameter split by the server
    (a 20,000-item IN list costs more to parse than to look up, and psycopg's array adapter spends
    more time quoting the digests than the server spends finding them; hex digests need no quoting).
    """
    digests: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r.id_digest:
            digests[r.id_type].append(r.id_digest)
    found: dict[Known, int] = {}
    table = connection.ops.quote_name(Resident._meta.db_table)
    with db.cursor() as cursor:
        for id_type, wanted in digests.items():
            if connection.vendor == "postgresql":
                batches = [wanted]
                sql = f"SELECT id, id_digest FROM {table} WHERE id_type = %s AND id_digest <> '' AND id_digest = ANY(string_to_array(%s, ','))"
            else:
                batches = [wanted[i : i + SQLITE_BATCH] for i in range(0, len(wanted), SQLITE_BATCH)]
                sql = f"SELECT id, id_digest FROM {table} WHERE id_type = %s AND id_digest <> '' AND id_digest IN ({{}})"
            for batch in batches:
                if connection.vendor == "postgresql":
                    cursor.execute(sql, [id_type, ",".join(batch)])
                else:
                    cursor.execute(sql.format(", ".join(["%s"] * len(batch))), [id_type, *batch])
                for pk, digest in cursor.fetchall():
                    found[(id_type, digest)] = pk
    return found


def _by_name(rows: list[tuple[Row, int]], db: BaseDatabaseWrapper) -> dict[Known, int]:
    """(area id, room, name) → resident id, for rows without an ID number whose household the ledger
    has a resident of that name in: the same person imported again (a child without an ID card, an
    elder whose number was never collected), who would otherwise be added once more each time. One
    who had left the ledger from that household is the same person come back, unless someone of that
    name lives there now."""
    wanted = {(a, r.room, r.name) for r, a in rows}
    areas = sorted({a for a, _room, _name in wanted})
    found: dict[Known, int] = {}
    for i in range(0, len(areas), SQLITE_BATCH):
        # Everyone in these places, matched here: a unit holds a few dozen people, and a name list
        # as long as the rows would cost more to send than the extra rows do.
        sql, params = (
            Resident.everyone.filter(household__area_id__in=areas[i : i + SQLITE_BATCH])
            .order_by(F("left_at").asc(nulls_first=True), "pk")
            .values_list("pk", "household__area_id", "household__room", "name")
            .query.sql_with_params()
        )
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            for pk, area, room, name in cursor.fetchall():
                if (area, room, name) in wanted:
                    found.setdefault((area, room, name), pk)
    return found


def _among(pks: Iterable[int], residents: QuerySet[Resident], db: BaseDatabaseWrapper) -> set[int]:
    """Which of these resident ids `residents` holds, asked in SQLite-sized batches on `db`."""
    wanted = sorted(pks)
    found: set[int] = set()
    for i in range(0, len(wanted), SQLITE_BATCH):
        sql, params = (
            residents.filter(pk__in=wanted[i : i + SQLITE_BATCH]).values_list("pk").query.sql_with_params()
        )
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            found.update(pk for (pk,) in cursor.fetchall())
    return found


def left_among(pks: Iterable[int], db: BaseDatabaseWrapper) -> set[int]:
    """Which of these residents have left the ledger: a file that names them again brings them back."""
    return _among(pks, Resident.everyone.filter(left_at__isnull=False), db)


def living_outside(pks: Iterable[int], user: AnyUser, db: BaseDatabaseWrapper) -> set[int]:
    """Which of these residents live, by the ledger, in a household outside the user's area: a file
    may not move them here until the community where they live takes them out (moved away)."""
    if sees_all(user):
        return set()
    return _among(pks, Resident.objects.exclude(scope_q(user, "household__area__path")), db)


def absent_people(
    homes: set[tuple[int, str]], matched: set[int], before: int, limit: int
) -> tuple[int, list[dict[str, Any]]]:
    """How many people the ledger lists in the file's households whom no row of the file names, and the
    first `limit` of them (where, who, masked ID): a ledger sent in again each month leaves out who
    moved away or died, and the import keeps them, so the sender is shown whom to look into.

    `before`: the highest resident id when the import began; anyone after it was added by the import."""
    areas = sorted({a for a, _room in homes})
    count, listed = 0, list[dict[str, Any]]()
    for i in range(0, len(areas), SQLITE_BATCH):
        people = (
            Resident.objects.filter(household__area_id__in=areas[i : i + SQLITE_BATCH], pk__lte=before)
            .order_by("household__area__path", "household__room", "pk")
            .values_list(
                "pk", "household__area_id", "household__room", "name", "id_masked",
                "household__area__name", "household__area__parent__name", "household__area__kind",
            )
        )  # fmt: skip
        for pk, area, room, name, masked, place, parent, kind in people.iterator(chunk_size=2000):
            if (area, room) not in homes or pk in matched:
                continue
            count += 1
            if len(listed) < limit:
                where = f"{parent} {place} {room}" if kind == AreaKind.UNIT and parent else f"{place} {room}"
                listed.append({"resident": pk, "name": name, "household": where, "id_number": masked})
    return count, listed
