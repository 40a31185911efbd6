"""Racing writes in tests: calls released at the same moment, each on its own thread and database
connection, as concurrent requests would be (PostgreSQL; SQLite has one writer)."""

import threading
from collections.abc import Callable, Sequence

from django.core.exceptions import ValidationError
from django.db import connections


def at_once(
    calls: Sequence[Callable[[], object]],
    refused: type[Exception] | tuple[type[Exception], ...] = ValidationError,
) -> list[Exception | None]:
    """Per call, in order: None when it went through, or the refusal (`refused`) it raised. Anything
    else it raises fails the test."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[Exception | None] = [None] * len(calls)
    failures: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            calls[i]()
        except refused as exc:
            outcomes[i] = exc
        except BaseException as exc:  # handed to the test's thread, where it fails the test
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise failures[0]
    return outcomes
