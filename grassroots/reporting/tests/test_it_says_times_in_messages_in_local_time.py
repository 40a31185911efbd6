"""A time inside a message is the site's local time (times are stored in UTC), in the inbox and on
the external channels alike, whatever time zone was active when the message was sent."""

from django.utils import timezone

from grassroots.core.models import Channel, ChannelSetting, Delivery, Notification
from grassroots.reporting.orders import order_issue, order_remind

from .conftest import at


def test_a_reminder_names_the_deadline_in_local_time(chain, grid):  # type: ignore[no-untyped-def]
    ChannelSetting.objects.create(user=chain.station_user, channel=Channel.SMS, address="13800000001")
    order = order_issue(
        by=chain.street_user,
        area=grid.street,
        title="加强出入管控",
        text="即日起各小区只留一个出入口",
        ack_deadline=at(2, 9),  # 01:00 UTC
        now=at(2, 8),
    )
    Delivery.objects.all().delete()

    with timezone.override("UTC"):
        assert order_remind(order_id=order.pk, now=at(2, 8, 30)) == 5

    note = Notification.objects.filter(recipient=chain.station_user).latest("pk")
    assert note.body == "签收期限：03-02 09:00。"
    assert note.texts["en"]["body"] == "Due by 03-02 09:00."
    assert Delivery.objects.get(channel=Channel.SMS).body == "签收期限：03-02 09:00。"
