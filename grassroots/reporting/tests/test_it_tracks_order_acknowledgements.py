"""Orders go to every post below or the chosen ones; named read receipts; reminders; escalation of laggards."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from grassroots.core.models import Notification
from grassroots.reporting.models import Acknowledgement
from grassroots.reporting.orders import (
    order_acknowledge,
    order_carry_out,
    order_escalate,
    order_issue,
    order_remind,
)
from grassroots.reporting.selectors import order_receipts


def issue(chain, grid, **kw):  # type: ignore[no-untyped-def]
    now = timezone.now()
    return order_issue(
        by=chain.street_user,
        area=grid.street,
        title="加强出入管控",
        text="即日起各小区只留一个出入口",
        ack_deadline=now + timedelta(hours=2),
        now=now,
        **kw,
    )


def test_it_reaches_every_post_below_and_records_who_read_it(chain, grid):  # type: ignore[no-untyped-def]
    order = issue(chain, grid, carry_out_deadline=timezone.now() + timedelta(days=1))
    posts = set(order.acknowledgements.values_list("post__name", flat=True))
    assert {"一号站", "二号站", "社区中心"} <= posts and len(posts) == 5, (
        "4 stations and the centre of the street"
    )
    assert Notification.objects.filter(recipient=chain.station_user, link=f"/orders/{order.pk}/").exists()

    order_acknowledge(by=chain.station_user, order=order, name="王站长")
    row = order.acknowledgements.get(post=chain.station)
    assert row.acknowledged_name == "王站长" and row.acknowledged_by == chain.station_user
    order_acknowledge(by=chain.station_user, order=order, name="别人")
    row.refresh_from_db()
    assert row.acknowledged_name == "王站长", "the first read receipt stands"
    with pytest.raises(ValidationError):
        order_carry_out(by=chain.station_user, order=order, note=" ")
    order_carry_out(by=chain.station_user, order=order, note="已封闭东门")
    row.refresh_from_db()
    assert row.carried_out_at and row.carried_out_note == "已封闭东门"

    pending = [
        r.post.name for r in order_receipts(user=chain.street_user, order=order) if not r.acknowledged_at
    ]
    assert len(pending) == 4 and "一号站" not in pending
    seen_by_station = list(order_receipts(user=chain.station_user, order=order))
    assert [r.post for r in seen_by_station] == [chain.station], "a station sees only its own receipt"


def test_it_sends_to_chosen_posts_only_and_refuses_others(chain, grid, make_user):  # type: ignore[no-untyped-def]
    order = issue(chain, grid, post_ids=[chain.station2.pk])
    assert list(order.acknowledgements.values_list("post", flat=True)) == [chain.station2.pk]
    with pytest.raises(ValidationError):
        order_acknowledge(by=chain.station_user, order=order)
    with pytest.raises(PermissionDenied):
        order_issue(
            by=chain.station_user,
            area=grid.compound,
            title="x",
            text="y",
            ack_deadline=timezone.now() + timedelta(hours=1),
        )
    with pytest.raises(ValidationError) as bad:
        order_issue(
            by=chain.community_user,
            area=grid.community,
            title="x",
            text="y",
            ack_deadline=timezone.now() - timedelta(hours=1),
            post_ids=[chain.station.pk, 999999],
        )
    assert set(bad.value.message_dict) == {"ack_deadline", "post_ids"}


def test_it_reminds_before_and_escalates_laggards_after_the_deadline(chain, grid):  # type: ignore[no-untyped-def]
    order = issue(chain, grid)
    order_acknowledge(by=chain.station_user, order=order)
    before = order.ack_deadline - timedelta(minutes=30)
    assert order_remind(order_id=order.pk, now=before) == 4
    assert order_remind(order_id=order.pk, now=before) == 0, "each laggard is reminded once"
    assert order_escalate(order_id=order.pk, now=before) == 0, "nothing escalates before the deadline"

    # The worker runs an hour late: the same laggards escalate, to the level above each.
    late = order.ack_deadline + timedelta(hours=1)
    assert order_escalate(order_id=order.pk, now=late) == 4
    (community_alert,) = [
        n
        for n in Notification.objects.filter(recipient=chain.community_user, urgent=True)
        if order.title in n.title and "二号站" in n.body
    ]
    assert "一号站" not in community_alert.body
    street_alerts = Notification.objects.filter(recipient=chain.street_user)
    assert any("社区中心" in n.body for n in street_alerts), (
        "the centre's laggard goes to the street above it"
    )
    assert Acknowledgement.objects.filter(order=order, escalated_at=late).count() == 4
    assert order_escalate(order_id=order.pk, now=late) == 0


def test_the_api_issues_and_lists_who_has_not_acknowledged(chain, grid, api):  # type: ignore[no-untyped-def]
    deadline = (timezone.now() + timedelta(hours=3)).isoformat()
    got = api(chain.community_user).post(
        "/api/v1/orders",
        {"area": grid.community.pk, "title": "核酸检测安排", "text": "明早7点", "ack_deadline": deadline},
        content_type="application/json",
    )
    assert got.status_code == 201, got.content
    order_id = got.json()["id"]
    assert len(got.json()["not_acknowledged"]) == 2
    acked = api(chain.station_user).post(
        f"/api/v1/orders/{order_id}/acknowledge", {"name": "李四"}, content_type="application/json"
    )
    assert acked.status_code == 200
    view = api(chain.community_user).get(f"/api/v1/orders/{order_id}").json()
    assert [r["acknowledged_name"] for r in view["acknowledged"]] == ["李四"]
    assert [r["post_name"] for r in view["not_acknowledged"]] == ["二号站"]


def test_a_receipt_without_a_name_names_the_reader_as_pages_do(chain, grid):  # type: ignore[no-untyped-def]
    """The reader's staff record names them, as everywhere else (it was their login when they had no
    full name on their account)."""
    from grassroots.people.models import Gender, Staff, StaffKind

    Staff.objects.create(
        name="孙站长", gender=Gender.MALE, kind=StaffKind.CADRE, area=grid.compound, user=chain.station_user
    )
    order = issue(chain, grid)
    order_acknowledge(by=type(chain.station_user).objects.get(pk=chain.station_user.pk), order=order)
    assert Acknowledgement.objects.get(order=order, post=chain.station).acknowledged_name == "孙站长"
