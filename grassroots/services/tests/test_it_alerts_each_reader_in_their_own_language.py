"""A green-channel case or a low-stock alert raised from a page in English is said to each inbox in
its reader's language, choice labels included; SMS and robots carry the site's language; and the
resupply request it files reads in the site's language, like the details residents give."""

from django.utils import translation

from grassroots.core.models import ChannelSetting, Delivery, Notification
from grassroots.services.models import Request
from grassroots.services.services import green_channel_file
from grassroots.services.stock_services import stock_issue, stock_item_create, stock_receive


def test_a_green_channel_case_raised_in_english_reads_in_each_language(place) -> None:  # type: ignore[no-untyped-def]
    ChannelSetting.objects.create(user=place.street_user, channel="sms", address="13900001111")
    with translation.override("en"):
        req = green_channel_file(
            by=place.staff,
            area=place.building,
            emergency="childbirth",
            name="陈女士",
            phone="13911112222",
            details="临产,需要送医",
        )
    note = Notification.objects.get(recipient=place.street_user)
    assert note.texts["zh-hans"]["title"] == f"【绿色通道】{req.reference}:分娩,陈女士"
    assert note.texts["en"]["title"] == f"GREEN CHANNEL {req.reference}: childbirth, 陈女士"
    assert Delivery.objects.get().title == f"【绿色通道】{req.reference}:分娩,陈女士"


def test_a_low_stock_alert_raised_in_english_reads_in_each_language(place) -> None:  # type: ignore[no-untyped-def]
    with translation.override("en"):
        item = stock_item_create(
            by=place.station_user,
            post=place.station,
            name="N95口罩",
            category="protective",
            unit="盒",
            low_threshold=3,
        )
        stock_receive(by=place.station_user, item=item, quantity=10, note="区里配发")
        item.refresh_from_db()
        stock_issue(by=place.station_user, item=item, quantity=8)

    alert = Notification.objects.get(recipient=place.station_user)
    assert alert.texts["zh-hans"]["title"] == "示范指挥站库存预警：N95口罩仅剩2盒"
    assert alert.texts["en"]["title"] == "Low stock at 示范指挥站: N95口罩, 2 盒 left"
    ask = Request.objects.get()
    assert ask.details == "请补充N95口罩：仅剩2盒，预警线3。"
    resupply = Notification.objects.get(
        recipient=place.community_user, texts__en__title__startswith="Resupply"
    )
    assert resupply.texts["zh-hans"]["body"] == "请补充N95口罩：仅剩2盒，预警线3。"
    assert resupply.texts["en"]["body"] == "Please resupply N95口罩: 2 盒 left, threshold 3."
