"""Concurrent issues of the last units on separate connections: the balance never goes below zero."""

import threading

import pytest
from django.db import connection, connections

from grassroots.core.models import AccessGrant, User
from grassroots.places.models import Post, PostKind
from grassroots.services.models import StockItem, StockMove
from grassroots.services.stock_services import stock_issue
from grassroots.services.task_services import Conflict


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_issues_of_two_from_ten_leave_zero_or_more(grid) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    post = Post.objects.create(name="并发指挥站", kind=PostKind.STATION, area=grid.compound)
    keeper = User.objects.create_user(username="keeper", password="pw-12345678")
    AccessGrant.objects.create(user=keeper, area=grid.compound, role="station", post=post)
    item = StockItem.objects.create(
        post=post, name="防护服", category="protective", quantity=10, low_threshold=0
    )
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def issue() -> None:
        try:
            barrier.wait()
            stock_issue(by=User.objects.get(pk=keeper.pk), item=StockItem.objects.get(pk=item.pk), quantity=2)
            outcomes.append("issued")
        except Conflict:
            outcomes.append("short")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    item.refresh_from_db()
    assert sorted(outcomes) == ["issued"] * 5 + ["short"] * 3
    assert item.quantity == 0
    assert sorted(StockMove.objects.values_list("balance", flat=True)) == [0, 2, 4, 6, 8]
