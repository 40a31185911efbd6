"""The timeliness roll-up for the whole district: in the database by path prefix vs. a Python walk.

Builds the demo grid (8 streets, 40 communities, 230 compounds) in a scratch SQLite file (or the
database DATABASE_URL names, which must be empty), then `n` reports (default 100,000) spread over
a year, ~15 % late, with progress updates (some late), missed and concealed findings. Times the
app's `timeliness()` for the district over one quarter against a baseline that loads the rows and
buckets them per street in Python, and checks both give the same figures.

Usage: python bench/reporting_timeliness.py [n]
Last line: n=… db_s=… python_s=… equal=yes|no
"""

import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if not os.environ.get("DATABASE_URL"):
    os.environ["GRASSROOTS_VAR_DIR"] = tempfile.mkdtemp(prefix="bench-timeliness-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grassroots.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from grassroots.core.models import User  # noqa: E402
from grassroots.demo import grid  # noqa: E402
from grassroots.demo.context import DemoContext  # noqa: E402
from grassroots.reporting.models import (  # noqa: E402
    FindingKind,
    FindingStatus,
    ProgressUpdate,
    Report,
    ReportStatus,
    Source,
    TimelinessFinding,
)
from grassroots.reporting.selectors import timeliness  # noqa: E402

START = datetime(2026, 1, 1, tzinfo=UTC)


def populate(n: int) -> None:
    ctx = DemoContext(seed=3, scale=1.0)
    grid.build(ctx)
    user = User.objects.create(username="bench")
    rng = random.Random(5)
    stations = ctx.stations
    reports = []
    for _ in range(n):
        post = rng.choice(stations)
        discovered = START + timedelta(minutes=rng.randint(0, 365 * 24 * 60))
        deadline = discovered + timedelta(hours=1)
        late = rng.random() < 0.15
        reported = (
            deadline + timedelta(minutes=rng.randint(1, 300))
            if late
            else discovered + timedelta(minutes=rng.randint(5, 59))
        )
        reports.append(
            Report(
                area=post.area,
                post=post,
                source=Source.OTHER if rng.random() < 0.01 else Source.OWN,
                filed_by=user,
                category="emergency",
                severity="major",
                discovered_at=discovered,
                reported_at=reported,
                text="bench",
                deadline=deadline,
                update_every=timedelta(hours=4),
                holder=post.area.parent,
                status=ReportStatus.CLOSED if rng.random() < 0.97 else ReportStatus.OPEN,
            )
        )
    Report.objects.bulk_create(reports, batch_size=5000)
    updates, findings = [], []
    for report in Report.objects.only("pk", "reported_at", "area_id", "source"):
        due = report.reported_at + timedelta(hours=4)
        at = due + timedelta(hours=1) if rng.random() < 0.05 else due - timedelta(hours=1)
        updates.append(ProgressUpdate(report=report, at=at, due_at=due, measures="bench", by=user))
        roll = rng.random()
        kind = (
            FindingKind.MISSED
            if report.source == Source.OTHER
            else (FindingKind.CONCEALED if roll < 0.005 else None)
        )
        if kind:
            findings.append(
                TimelinessFinding(
                    kind=kind,
                    area_id=report.area_id,
                    report=report,
                    occurred_at=report.reported_at,
                    status=FindingStatus.DISMISSED if roll < 0.001 else FindingStatus.OPEN,
                )
            )
    ProgressUpdate.objects.bulk_create(updates, batch_size=5000)
    TimelinessFinding.objects.bulk_create(findings, batch_size=5000)


def python_walk(district, start: datetime, end: datetime, now: datetime) -> dict[str, dict[str, int]]:  # type: ignore[no-untyped-def]
    """The baseline: load every row of the period and bucket it per street in Python."""
    streets = {s.path: s.name for s in district.children.all()}

    def street_of(path: str) -> str | None:
        return next((name for prefix, name in streets.items() if path.startswith(prefix)), None)

    out = {
        name: dict.fromkeys(["reports", "on_time", "late", "missed", "concealed", "missed_updates"], 0)
        for name in streets.values()
    }
    rows = Report.objects.filter(
        discovered_at__gte=start, discovered_at__lt=end, area__path__startswith=district.path
    )
    last_update: dict[int, datetime] = {}
    late_updates: dict[int, int] = {}
    for report_id, at, due in ProgressUpdate.objects.filter(report__in=rows).values_list(
        "report_id", "at", "due_at"
    ):
        last_update[report_id] = max(at, last_update.get(report_id, at))
        if at > due:
            late_updates[report_id] = late_updates.get(report_id, 0) + 1
    for pk, path, source, reported, deadline, status, every in rows.values_list(
        "pk", "area__path", "source", "reported_at", "deadline", "status", "update_every"
    ):
        name = street_of(path)
        if name is None or source != Source.OWN:
            continue
        figures = out[name]
        figures["reports"] += 1
        figures["on_time" if reported <= deadline else "late"] += 1
        figures["missed_updates"] += late_updates.get(pk, 0)
        if status == ReportStatus.OPEN and last_update.get(pk, reported) + every < now:
            figures["missed_updates"] += 1
    for kind, path in (
        TimelinessFinding.objects.exclude(status=FindingStatus.DISMISSED)
        .filter(report__in=rows, kind__in=[FindingKind.MISSED, FindingKind.CONCEALED])
        .values_list("kind", "area__path")
    ):
        name = street_of(path)
        if name is not None:
            out[name][kind] += 1
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    call_command("migrate", verbosity=0)
    t = time.perf_counter()
    populate(n)
    print(f"populated {n} reports in {time.perf_counter() - t:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
    from grassroots.places.models import Area

    district = Area.objects.get(kind="district", name="铁东区")
    admin = User.objects.create_superuser(username="bench-admin", password=None)
    start, end, now = (
        datetime(2026, 4, 1, tzinfo=UTC),
        datetime(2026, 7, 1, tzinfo=UTC),
        datetime(2027, 1, 1, tzinfo=UTC),
    )
    best_db = best_py = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        in_db = timeliness(user=admin, area=district, start=start, end=end, now=now)
        best_db = min(best_db, time.perf_counter() - t)
        t = time.perf_counter()
        walked = python_walk(district, start, end, now)
        best_py = min(best_py, time.perf_counter() - t)
    keys = ["reports", "on_time", "late", "missed", "concealed", "missed_updates"]
    equal = all({k: child[k] for k in keys} == walked[child["name"]] for child in in_db["children"])
    print(f"district total: { ({k: in_db[k] for k in keys}) }")
    print(f"n={n} db_s={best_db:.3f} python_s={best_py:.3f} equal={'yes' if equal else 'no'}")


if __name__ == "__main__":
    main()
