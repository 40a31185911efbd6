"""Each log line reaches the console once: the job worker's task lines were written twice in
development, by Django's own "django" console handler and by the root's."""

import logging

import pytest


@pytest.mark.parametrize("debug", [True, False])
def test_a_job_worker_line_reaches_one_console_handler(settings, debug) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = debug
    logger = logging.getLogger("django.tasks")
    record = logger.makeRecord(logger.name, logging.INFO, __file__, 1, "Task id=1 state=RUNNING", (), None)
    writers = []
    node: logging.Logger | None = logger
    while node is not None:
        writers += [
            h
            for h in node.handlers
            if not type(h).__module__.startswith("_pytest") and record.levelno >= h.level and h.filter(record)
        ]
        node = node.parent if node.propagate else None
    assert len(writers) == 1, writers
