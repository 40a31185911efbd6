import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from grassroots.core.models import Notification
from grassroots.places.models import Post, PostKind
from grassroots.services.models import MoveKind, Request, RequestKind
from grassroots.services.stock_services import stock_issue, stock_item_create, stock_receive, stock_transfer
from grassroots.services.task_services import Conflict


def _masks(place, quantity=10, low=3):  # type: ignore[no-untyped-def]
    item = stock_item_create(
        by=place.station_user,
        post=place.station,
        name="N95口罩",
        category="protective",
        unit="盒",
        low_threshold=low,
    )
    stock_receive(by=place.station_user, item=item, quantity=quantity, note="区里配发")
    item.refresh_from_db()
    return item


def test_receipts_and_issues_move_the_balance_and_never_below_zero(place) -> None:  # type: ignore[no-untyped-def]
    item = _masks(place)
    move = stock_issue(by=place.station_user, item=item, quantity=4, to_whom="核酸检测组")
    assert (move.kind, move.balance) == (MoveKind.ISSUE, 6)
    with pytest.raises(Conflict):
        stock_issue(by=place.station_user, item=item, quantity=7)
    item.refresh_from_db()
    assert item.quantity == 6
    with pytest.raises(ValidationError):
        stock_issue(by=place.station_user, item=item, quantity=0)
    with pytest.raises(PermissionDenied):
        stock_issue(by=place.volunteer, item=item, quantity=1)


def test_a_retried_issue_is_recorded_once(place) -> None:  # type: ignore[no-untyped-def]
    item = _masks(place)
    key = uuid.uuid4()
    first = stock_issue(by=place.station_user, item=item, quantity=2, client_id=key)
    again = stock_issue(by=place.station_user, item=item, quantity=2, client_id=key)
    assert first.pk == again.pk
    item.refresh_from_db()
    assert item.quantity == 8


def test_falling_to_the_threshold_alerts_and_asks_the_level_above_once(place) -> None:  # type: ignore[no-untyped-def]
    item = _masks(place, quantity=10, low=3)
    stock_issue(by=place.station_user, item=item, quantity=6)
    assert not Request.objects.exists()
    stock_issue(by=place.station_user, item=item, quantity=1)
    ask = Request.objects.get()
    assert ask.kind == RequestKind.RESUPPLY and ask.stock_item == item and ask.area == place.compound
    assert Notification.objects.filter(recipient=place.station_user, urgent=True).exists()
    assert any(ask.reference in n.title for n in Notification.objects.filter(recipient=place.community_user))
    stock_receive(by=place.station_user, item=item, quantity=5)
    stock_issue(by=place.station_user, item=item, quantity=6)
    assert Request.objects.count() == 1


def test_a_transfer_is_two_moves_and_goes_only_where_it_may(place) -> None:  # type: ignore[no-untyped-def]
    item = _masks(place)
    out = stock_transfer(by=place.station_user, item=item, to_post=place.centre, quantity=4)
    there = out.counterpart
    assert there is not None
    assert there.post == place.centre and there.quantity == 4 and out.balance == 6
    assert there.moves.get().kind == MoveKind.TRANSFER_IN
    far = Post.objects.create(name="远处指挥站", kind=PostKind.STATION, area=place.grid.compounds[-1])
    with pytest.raises(ValidationError):
        stock_transfer(by=place.station_user, item=item, to_post=far, quantity=1)
