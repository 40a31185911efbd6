"""Concurrent stock issues on PostgreSQL: the conditional UPDATE used by `stock_issue` against a
SELECT … FOR UPDATE read-check-write baseline, same item, same threads, same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gr_bench_services .venv/bin/python bench/services_stock_issue.py

Creates the database's tables if needed, then prints attempts per second for each way and checks
that neither let the balance go below zero or lose an issue. The service path also checks the
caller's office, looks up a replayed client id and writes an audit record; the baseline does only
the locked write, so the gap is the price of those, not of the UPDATE itself."""

import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grassroots.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from grassroots.core.models import AccessGrant, User  # noqa: E402
from grassroots.places.models import Area, Post, PostKind  # noqa: E402
from grassroots.places.services import area_create  # noqa: E402
from grassroots.services.models import StockItem, StockMove  # noqa: E402
from grassroots.services.stock_services import stock_issue  # noqa: E402
from grassroots.services.task_services import Conflict  # noqa: E402

THREADS, PER_THREAD = 8, 150


def locked_issue(*, by: User, item: StockItem, quantity: int) -> None:
    """The baseline: lock the row, check, write."""
    with transaction.atomic():
        row = StockItem.objects.select_for_update().get(pk=item.pk)
        if row.quantity < quantity:
            raise Conflict("short")
        row.quantity -= quantity
        row.save(update_fields=["quantity"])
        StockMove.objects.create(
            item=row, kind="issue", quantity=quantity, balance=row.quantity, by=by, at=timezone.now()
        )


def run(name: str, issue: Callable[..., object], item: StockItem, keeper: User) -> None:
    start_qty = THREADS * PER_THREAD - 100  # some issues must be refused
    StockItem.objects.filter(pk=item.pk).update(quantity=start_qty)
    StockMove.objects.filter(item=item).delete()
    done, short = [0], [0]
    lock = threading.Lock()
    barrier = threading.Barrier(THREADS)

    def worker() -> None:
        me = User.objects.get(pk=keeper.pk)
        barrier.wait()
        for _ in range(PER_THREAD):
            try:
                issue(by=me, item=StockItem.objects.get(pk=item.pk), quantity=1)
                with lock:
                    done[0] += 1
            except Conflict:
                with lock:
                    short[0] += 1
        connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - began
    item.refresh_from_db()
    moves = StockMove.objects.filter(item=item).count()
    assert item.quantity == 0 and done[0] == start_qty == moves, (item.quantity, done, moves)
    print(
        f"{name:32s} {THREADS * PER_THREAD / took:8.0f} attempts/s  issued {done[0]}, refused {short[0]}, balance {item.quantity}"
    )


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("needs PostgreSQL: set DATABASE_URL")
    call_command("migrate", verbosity=0)
    root = Area.objects.filter(parent__isnull=True, name="压测市").first() or area_create(
        name="压测市", kind="city", parent=None, code="990900"
    )
    district = Area.objects.filter(parent=root).first() or area_create(
        name="压测区", kind="district", parent=root, code="01"
    )
    street = Area.objects.filter(parent=district).first() or area_create(
        name="压测街道", kind="street", parent=district, code="01"
    )
    community = Area.objects.filter(parent=street).first() or area_create(
        name="压测社区", kind="community", parent=street, code="01"
    )
    compound = Area.objects.filter(parent=community).first() or area_create(
        name="压测小区", kind="compound", parent=community, code="01"
    )
    post, _ = Post.objects.get_or_create(name="压测指挥站", kind=PostKind.STATION, area=compound)
    keeper, _ = User.objects.get_or_create(username="bench-keeper")
    AccessGrant.objects.get_or_create(user=keeper, area=compound, role="station", defaults={"post": post})
    item, _ = StockItem.objects.get_or_create(post=post, name="压测口罩", defaults={"category": "protective"})
    print(f"{THREADS} threads × {PER_THREAD} issues of 1 on one item, PostgreSQL")
    for _round in range(2):
        run("SELECT FOR UPDATE (baseline)", locked_issue, item, keeper)
        run("conditional UPDATE (stock_issue)", stock_issue, item, keeper)


if __name__ == "__main__":
    main()
