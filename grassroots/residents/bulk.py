"""Fast inserts of many plain rows (ledger imports, the demo): COPY on PostgreSQL, executemany elsewhere.

Building a model instance per row costs more than validating it; a 200,000-row ledger goes in as tuples.
Callers pass every column, already clean, in the model's field order they name.
"""

import datetime
import json
import queue
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple, cast

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model

BATCH = 5000


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return value.hex
    return value


def _copy(cursor: Any, model: type[Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """COPY in PostgreSQL's binary format, each column as its field's type: psycopg packs a row in
    about half the time it spends writing the same row as text (time the writer thread holds the
    GIL). The values must be the fields' own Python types; a text COPY would let the server parse a
    "12" into an integer column, a binary one refuses it."""
    meta, quote = model._meta, connection.ops.quote_name
    columns, types = [], []
    for name in fields:
        f = cast("Field[Any, Any]", meta.get_field(name))
        columns.append(quote(f.column))  # type: ignore[arg-type]
        # A key's type is its target's; varchar(50) → varchar: the length is the server's to check.
        types.append((f.db_type(connection) or "").split("(")[0])
    count = 0
    with cursor.copy(
        f"COPY {quote(meta.db_table)} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
    ) as copy:
        copy.set_types(types)
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def insert_rows(model: type[Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert the rows in one streamed COPY (PostgreSQL) or batched executemany; returns the count."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _copy(cursor.cursor, model, fields, rows)
        meta = model._meta
        columns = ", ".join(connection.ops.quote_name(meta.get_field(f).column) for f in fields)  # type: ignore[union-attr, arg-type]
        sql = f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        count = 0
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            batch.append(tuple(_sqlite_value(v) for v in row))
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


Insert = tuple[type[Model], Sequence[str], Sequence[Sequence[Any]]]


class Statement(NamedTuple):
    """SQL run in its turn among a batch's inserts: an INSERT … SELECT over rows just copied, say."""

    sql: str
    params: Sequence[Any]


Job = list[Insert | Statement]


def ids_condition(column: str, ids: Sequence[int]) -> tuple[str, str]:
    """`column` is one of `ids`, as SQL with one parameter whatever their number (an IN list of
    20,000 placeholders costs more to parse than the rows it finds)."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(CAST(%s AS bigint[]))", "{" + ",".join(map(str, ids)) + "}"
    return f"{column} IN (SELECT value FROM json_each(%s))", json.dumps(list(ids))


def typed_placeholder(field: Any) -> str:
    """A placeholder for a value of `field` where the database cannot tell its type (a SELECT list)."""
    if connection.vendor == "postgresql":
        return f"CAST(%s AS {field.db_type(connection)})"
    return "%s"  # SQLite takes any value in any column; a CAST to its datetime would make a number


class BackgroundInserts:
    """insert_rows from a second thread on the same connection and transaction (PostgreSQL), so the
    database writes one batch (COPY, indexes, key checks) on its own core while Python prepares the
    next; `send` returns at once unless a batch is already waiting. Elsewhere (SQLite has one writer
    and its connections stay in their thread) `send` writes at once.

    The thread's error is raised in the caller at the next `send` or at `wait`; psycopg's connection
    lock makes the caller's own queries wait for the batch being written, so they see it.
    """

    def __init__(self) -> None:
        self.error: BaseException | None = None
        self.jobs: queue.Queue[Job | None] | None = None
        self.thread: threading.Thread | None = None
        if connection.vendor == "postgresql":
            connection.ensure_connection()
            self.jobs = queue.Queue(maxsize=1)
            # The raw connection, not Django's wrapper, which belongs to the thread that opened it.
            self.thread = threading.Thread(
                target=self._work, args=(connection.connection, connection.wrap_database_errors), daemon=True
            )
            self.thread.start()

    def _work(self, raw: Any, django_errors: Any) -> None:
        assert self.jobs is not None
        while (job := self.jobs.get()) is not None:
            if self.error is None:
                try:
                    with django_errors, raw.cursor() as cursor:
                        for item in job:
                            if isinstance(item, Statement):
                                cursor.execute(item.sql, item.params)
                            else:
                                _copy(cursor, *item)
                except BaseException as exc:  # handed to the caller, which rolls the transaction back
                    self.error = exc
            self.jobs.task_done()
        self.jobs.task_done()

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error

    def send(self, job: Job) -> None:
        self._raise()
        if self.jobs is None:
            for item in job:
                if isinstance(item, Statement):
                    with connection.cursor() as cursor:
                        cursor.execute(item.sql, [_sqlite_value(v) for v in item.params])
                else:
                    insert_rows(*item)
        else:
            self.jobs.put(job)

    def wait(self) -> None:
        """Every batch sent is written."""
        if self.jobs is not None:
            self.jobs.join()
        self._raise()

    def close(self) -> None:
        if self.jobs is not None and self.thread is not None:
            self.jobs.put(None)
            self.thread.join()
            self.jobs = self.thread = None

    def __enter__(self) -> "BackgroundInserts":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def committed_reader(*, nested: bool) -> Iterator[BaseDatabaseWrapper]:
    """A second connection for reads that need only what is committed (the ledger as it was before an
    import began, identity sequences), so they need not wait while BackgroundInserts holds the
    import's connection for a COPY. The import's own connection where a second cannot help: SQLite,
    or a caller's transaction around the import (`nested`), whose rows a second would not see.
    """
    if connection.vendor != "postgresql" or nested:
        yield connection
        return
    reader = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        yield reader
    finally:
        reader.close()


def allocate_ids(model: type[Model], count: int, db: BaseDatabaseWrapper | None = None) -> list[int]:
    """`count` primary keys nobody else will be given, so rows written by COPY can reference each other
    (a resident its household, a history row its resident) without reading the keys back.

    PostgreSQL draws them from the table's identity sequence. SQLite has one writer at a time: the keys
    go past both the table's largest and its AUTOINCREMENT high-water mark, which is then moved on.
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    # Sequences are outside transactions: keys drawn on another connection are as much this one's.
    with (db or connection).cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            (sequence,) = cursor.fetchone()
            # One text value rather than `count` rows: making 20,000 result rows costs more than drawing them.
            cursor.execute(
                "SELECT string_agg(nextval(%s::regclass)::text, ',') FROM generate_series(1, %s)",
                [sequence, count],
            )
            return list(map(int, cursor.fetchone()[0].split(",")))
        quoted = connection.ops.quote_name(table)
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {quoted}")
        (largest,) = cursor.fetchone()
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        mark = cursor.fetchone()
        start = max(largest, mark[0] if mark else 0) + 1
        if mark:
            cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [start + count - 1, table])
        else:
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, start + count - 1]
            )
    return list(range(start, start + count))
