"""Party roll-up and assessment scoring for the whole demo district at full scale.

Builds the demo grid, staff, logins and party building (the seed's 243 / 240 / 330 / 585) in a
scratch SQLite file (or the empty database DATABASE_URL names), then times:
  (a) `party_stats` for 铁东区 with its streets (counts by path prefix in the database) against a
      baseline that loads every row's area path and buckets them per street in Python; both must agree;
  (b) scoring one month for every person and station of the district (`period_compute`), closing
      it, and recomputing the closed period from its stored inputs; the recomputation must agree.

Usage: python bench/party_evaluation.py
Last line: rollup_db_ms=… rollup_python_ms=… equal=yes|no scores=… compute_s=… close_s=… recompute_s=… identical=yes|no
"""

import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if not os.environ.get("DATABASE_URL"):
    os.environ["GRASSROOTS_VAR_DIR"] = tempfile.mkdtemp(prefix="bench-party-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grassroots.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from grassroots.core.models import User  # noqa: E402
from grassroots.demo import accounts, grid, party, people  # noqa: E402
from grassroots.demo.context import DemoContext  # noqa: E402
from grassroots.evaluation import services  # noqa: E402
from grassroots.evaluation.indicators import REGISTRY  # noqa: E402
from grassroots.party.selectors import _counted, party_stats  # noqa: E402


def python_rollup(streets):  # type: ignore[no-untyped-def]
    out = {}
    for key, (qs, path) in _counted().items():
        # A responsibility area covering several buildings of a street counts once in it.
        rows = list(qs.values_list("pk", path))
        out[key] = [len({pk for pk, p in rows if p and p.startswith(s.path)}) for s in streets]
    return out


def main() -> None:
    call_command("migrate", verbosity=0)
    ctx = DemoContext(seed=1, scale=1.0)
    for step in (grid.build, people.build, accounts.build, party.build):
        step(ctx)
    hq = User.objects.get(username="district")

    t = time.perf_counter()
    stats = party_stats(user=hq, area=ctx.district)
    db_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    baseline = python_rollup(ctx.streets)
    py_ms = (time.perf_counter() - t) * 1000
    equal = all(
        [getattr(c, key) for c in stats.children] == baseline[key]
        for key in ("organisations", "teams", "responsibility_areas", "demonstration_posts")
    )
    print(
        f"district: {stats.organisations} organisations, {stats.teams} teams, "
        f"{stats.responsibility_areas} responsibility areas, {stats.demonstration_posts} demonstration posts"
    )

    lines = [(code, 5, 10 if ind.is_count else None) for code, ind in REGISTRY.items()]
    scheme = services.scheme_create(by=hq, area=ctx.require("district"), name="bench", lines=lines)
    today = timezone.localdate()
    period = services.period_open(
        by=hq, name="bench", kind="month", starts_on=today - timedelta(days=30), ends_on=today,
        area=ctx.require("district"), scheme=scheme,
    )  # fmt: skip
    t = time.perf_counter()
    n = services.period_compute(by=hq, period=period)
    compute_s = time.perf_counter() - t
    t = time.perf_counter()
    services.period_close(by=hq, period=period)
    close_s = time.perf_counter() - t
    before = list(period.scores.order_by("pk").values_list("total", "indicators"))
    t = time.perf_counter()
    services.period_compute(by=hq, period=period)
    recompute_s = time.perf_counter() - t
    after = list(period.scores.order_by("pk").values_list("total", "indicators"))
    # People without a login: unscored on the login-keyed indicators, scored on the staff-keyed ones.
    loginless = [ind for _total, ind in after if any(line.get("no_login") for line in ind.values())]
    staff_scored = sum(
        1
        for ind in loginless
        if any(line["points"] is not None for code, line in ind.items() if not REGISTRY[code].needs_login)
    )
    print(f"people without a login: {len(loginless)}, of whom scored on staff-keyed records: {staff_scored}")
    print(
        f"rollup_db_ms={db_ms:.1f} rollup_python_ms={py_ms:.1f} equal={'yes' if equal else 'no'} "
        f"scores={n} compute_s={compute_s:.2f} close_s={close_s:.2f} recompute_s={recompute_s:.2f} "
        f"identical={'yes' if before == after else 'no'}"
    )


if __name__ == "__main__":
    main()
