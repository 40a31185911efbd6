"""`manage.py worker` keeps the job worker running through database errors, and ends when it ends."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.tasks import TaskResultStatus

from grassroots.core.management.commands import worker
from grassroots.core.tasks import delivery_send


@pytest.mark.django_db
def test_it_starts_the_worker_again_after_a_database_error(monkeypatch):  # type: ignore[no-untyped-def]
    runs: list[dict[str, object]] = []

    def db_worker(name: str, **options: object) -> None:
        runs.append({"name": name, **options})
        if len(runs) < 3:
            raise OperationalError("database is locked")

    monkeypatch.setattr(worker, "call_command", db_worker)
    monkeypatch.setattr(worker, "PAUSE_SECONDS", 0)
    err = StringIO()

    call_command("worker", stderr=err)

    assert [r["name"] for r in runs] == ["db_worker"] * 3
    assert all(r["reload"] is False for r in runs)
    assert err.getvalue().count("database is locked") == 2


def test_any_other_error_still_stops_it(monkeypatch):  # type: ignore[no-untyped-def]
    def db_worker(name: str, **options: object) -> None:
        raise ValueError("a bug")

    monkeypatch.setattr(worker, "call_command", db_worker)

    with pytest.raises(ValueError):
        call_command("worker")


# A transactional test: db_worker closes its connection when it ends, which would break the
# surrounding test transaction on PostgreSQL and read as a database error forever.
@pytest.mark.django_db(transaction=True)
def test_it_runs_the_real_worker_to_the_end_of_its_queue(monkeypatch):  # type: ignore[no-untyped-def]
    real = worker.call_command
    monkeypatch.setattr(worker, "call_command", lambda name, **o: real(name, **o, batch=True))

    queued = delivery_send.enqueue(delivery_id=0)

    call_command("worker", verbosity=0)

    queued.refresh()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert queued.return_value == "gone"
