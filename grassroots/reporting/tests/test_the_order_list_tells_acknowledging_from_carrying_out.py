"""An acknowledged order is not done while carrying it out is owed: the list, the filter and the
station's own section of the order say which step is done and which is overdue."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from grassroots.reporting.orders import order_acknowledge, order_carry_out, order_escalate, order_issue


def client_for(user):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


def test_an_acknowledged_order_overdue_for_carrying_out_says_so(chain, grid):  # type: ignore[no-untyped-def]
    issued = timezone.now() - timedelta(days=3)
    order = order_issue(
        by=chain.community_user,
        area=grid.community,
        title="封闭东门",
        text="12-01 09:00 前完成",
        ack_deadline=issued + timedelta(hours=1),
        carry_out_deadline=issued + timedelta(hours=2),
        post_ids=[chain.station.pk],
        now=issued,
    )
    order_acknowledge(by=chain.station_user, order=order, name="王站长")
    station = client_for(chain.station_user)

    listed = station.get("/orders/").content.decode()
    assert "已办结" not in listed and "已全部签收" in listed
    assert "落实 <b>0/1</b>" in listed and "落实已逾期" in listed
    assert station.get("/orders/?waiting=carry_out").context["page"].object_list == [order]
    assert list(station.get("/orders/?waiting=acknowledge").context["page"].object_list) == []

    detail = station.get(f"/orders/{order.pk}/").content.decode()
    assert 'value="carry_out"' in detail and "落实已逾期" in detail

    order_carry_out(by=chain.station_user, order=order, note="已封闭东门")
    detail = station.get(f"/orders/{order.pk}/").content.decode()
    assert 'value="carry_out"' not in detail
    assert '<span class="status done">已落实</span>' in detail and "已封闭东门" in detail
    listed = station.get("/orders/").content.decode()
    assert "已全部落实" in listed and "落实已逾期" not in listed


def test_an_order_without_carrying_out_shows_acknowledgement_alone(chain, grid):  # type: ignore[no-untyped-def]
    order = order_issue(
        by=chain.community_user,
        area=grid.community,
        title="今晚值守",
        text="全员在岗",
        ack_deadline=timezone.now() + timedelta(hours=2),
    )
    listed = client_for(chain.community_user).get("/orders/").content.decode()
    deadline = timezone.localtime(order.ack_deadline).strftime("%m-%d %H:%M")
    assert f"签收期限 {deadline}" in listed and "应报时间" not in listed
    assert "落实" not in listed.split(order.title)[1]


def test_receipts_name_posts_and_escalation_in_their_own_words(chain, grid):  # type: ignore[no-untyped-def]
    issued = timezone.now() - timedelta(hours=3)
    order = order_issue(
        by=chain.community_user,
        area=grid.community,
        title="排查隐患",
        text="今日完成",
        ack_deadline=issued + timedelta(hours=1),
        now=issued,
    )
    assert order_escalate(order_id=order.pk) == 2
    receipts = client_for(chain.community_user).get(f"/orders/{order.pk}/receipts/").content.decode()
    assert "已通报上级" in receipts and "已上报上级" not in receipts, "escalation is not a report passed up"
    assert "阵地" in receipts and "点位" not in receipts
    form = client_for(chain.community_user).get("/orders/new/").content.decode()
    assert "阵地" in form and "点位" not in form
