"""The job worker, kept running.

django-tasks' `db_worker` ends on a database error while it claims a task: on SQLite, a write held
longer than the lock timeout; on PostgreSQL, a restart or failover. Under its code reloader (on by
default with DEBUG) it does not even end: its thread dies and the process sits idle, so escalations,
reminders and message retries silently stop. This runs it without the reloader and starts it again
after a pause; it stops when the worker stops on a signal.
"""

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import OperationalError, close_old_connections

PAUSE_SECONDS = 5.0


class Command(BaseCommand):
    help = "Run the job worker (db_worker), starting it again after a database error."

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            try:
                call_command("db_worker", reload=False, verbosity=options["verbosity"])
                return
            except OperationalError as exc:
                self.stderr.write(
                    f"job worker stopped on a database error ({exc}); starting again in {PAUSE_SECONDS:g} s"
                )
                close_old_connections()
                time.sleep(PAUSE_SECONDS)
