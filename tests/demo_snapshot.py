"""The demo district, built once per test process and copied back in for each test that wants it.

A build takes 8–20 s and about 25 tests want one. The first such test in a process builds it into its
(transactional) test database and a snapshot is taken; later tests get the snapshot restored: through
SQLite's backup API for the in-memory test database, or from a template database on PostgreSQL.
"""

import copy
import sqlite3

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from grassroots.demo.build import build_demo
from grassroots.demo.context import DemoContext


class DemoSnapshot:
    def __init__(self) -> None:
        self.ctx: DemoContext | None = None
        self.sqlite: sqlite3.Connection | None = None
        self.template = ""

    def load(self) -> DemoContext:
        """The demo in the test database, committed; the caller's test must be transactional."""
        if self.ctx is None:
            ctx = build_demo(seed=7, scale=0.15)
            self._take()
            self.ctx = ctx  # only once the snapshot exists: a failed one is retried by the next test
        else:
            self._restore()
        # Tests may change the instances they are handed; each gets its own copies. The random
        # sources are shared rather than copied: nothing reads them after the build.
        return copy.deepcopy(self.ctx, {id(self.ctx.rng): self.ctx.rng, id(self.ctx.fake): self.ctx.fake})

    def _take(self) -> None:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            self.sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self.sqlite)
            return
        name = connection.settings_dict["NAME"]
        connection.close()
        with connection._nodb_cursor() as cursor:
            # A request of the previous test may still hold a connection; a template must have none.
            cursor.execute(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            cursor.execute(f'CREATE DATABASE "{name}_demo" TEMPLATE "{name}"')
        self.template = f"{name}_demo"

    def _restore(self) -> None:
        if self.sqlite is not None:
            connection.ensure_connection()
            self.sqlite.backup(connection.connection)
        else:
            name = connection.settings_dict["NAME"]
            connection.close()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        # Content type ids come from the snapshot now, not from the last flush.
        ContentType.objects.clear_cache()

    def drop(self) -> None:
        if self.sqlite is not None:
            self.sqlite.close()
        if self.template:  # set only once the template database was made
            connection.close()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
