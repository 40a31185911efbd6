"""SMS, WeCom, DingTalk and email readers share no page language with the sender: what leaves the
building is said in the site's language, whatever language the sender's page was in."""

from django.conf import settings
from django.utils import translation

from grassroots.core.lists import listed
from grassroots.core.models import AccessGrant, Channel, ChannelSetting, Delivery, DeliveryStatus, Role
from grassroots.core.notify import Message, delivery_attempt, notify
from grassroots.places.models import Post, PostKind


def test_an_english_sender_texts_and_posts_in_the_sites_language(grid, make_user, caplog) -> None:  # type: ignore[no-untyped-def]
    assert settings.LANGUAGE_CODE == "zh-hans"
    station = Post.objects.create(name="一站", kind=PostKind.STATION, area=grid.compound)
    holder = make_user("zhan", phone="13800000001")
    AccessGrant.objects.create(user=holder, area=grid.compound, role="station", post=station)
    ChannelSetting.objects.create(user=holder, channel=Channel.SMS)
    ChannelSetting.objects.create(post=station, channel=Channel.WECOM, address="http://127.0.0.1:9/robot")

    with translation.override("en"):
        notify(posts=[station], message=lambda: Message(str(Role.STATION.label), listed(["甲", "乙"])))

    deliveries = {d.channel: d for d in Delivery.objects.all()}
    assert set(deliveries) == {Channel.SMS, Channel.WECOM}
    for d in deliveries.values():
        assert (d.title, d.body) == ("小区指挥站", "甲、乙")
    with translation.override("en"):
        assert delivery_attempt(delivery_id=deliveries[Channel.SMS].pk) == DeliveryStatus.SENT
    assert "SMS to 13800000001: 小区指挥站\n甲、乙" in caplog.text
