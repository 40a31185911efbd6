"""Orders acknowledged but not yet carried out wait on the station's home page, the overdue ones on
a line of their own before the rest, each linking to exactly those orders."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from grassroots.reporting.orders import order_acknowledge, order_carry_out, order_issue


def test_overdue_carrying_out_comes_first_and_links_to_those_orders(offices, grid):  # type: ignore[no-untyped-def]
    def issue(title, issued, carry_out_after):  # type: ignore[no-untyped-def]
        order = order_issue(
            by=offices.community_user,
            area=grid.community,
            title=title,
            text="按要求落实",
            ack_deadline=issued + timedelta(hours=1),
            carry_out_deadline=issued + carry_out_after,
            post_ids=[offices.station.pk],
            now=issued,
        )
        order_acknowledge(by=offices.station_user, order=order)
        return order

    now = timezone.now()
    late = issue("封闭东门", now - timedelta(days=3), timedelta(hours=2))
    issue("清理楼道", now - timedelta(minutes=10), timedelta(days=2))
    client = Client()
    client.force_login(offices.station_user)

    home = client.get("/").content.decode()
    items = home.split('<ul class="attention">')[1].split("</ul>")[0].split("</li>")
    overdue = next(i for i in items if "1条上级要求落实已逾期" in i)
    due = next(i for i in items if "1条上级要求待落实" in i)
    assert items.index(overdue) < items.index(due)
    assert 'href="/orders/?waiting=carry_out"' in overdue and "badge overdue" in overdue
    assert "尚未签收" not in home, "both orders are acknowledged"
    listed = client.get("/orders/?waiting=carry_out").context["page"].object_list
    assert len(listed) == 2

    order_carry_out(by=offices.station_user, order=late, note="已封闭")
    home = client.get("/").content.decode()
    assert "落实已逾期" not in home and "1条上级要求待落实" in home


def test_an_unacknowledged_order_past_its_deadline_is_overdue(offices, grid):  # type: ignore[no-untyped-def]
    issued = timezone.now() - timedelta(hours=3)
    order_issue(
        by=offices.community_user,
        area=grid.community,
        title="排查隐患",
        text="今日完成",
        ack_deadline=issued + timedelta(hours=1),
        post_ids=[offices.station.pk],
        now=issued,
    )
    client = Client()
    client.force_login(offices.station_user)
    home = client.get("/").content.decode()
    item = next(i for i in home.split("</li>") if "1条上级要求签收已逾期" in i)
    assert 'href="/orders/?waiting=acknowledge"' in item and "badge overdue" in item
