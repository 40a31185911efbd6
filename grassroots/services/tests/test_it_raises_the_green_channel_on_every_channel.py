from grassroots.core.models import ChannelSetting, Delivery, Notification
from grassroots.services.models import EventAction, RequestKind
from grassroots.services.services import green_channel_dispatch, green_channel_file


def test_station_centre_and_street_hear_at_once_on_their_channels(place) -> None:  # type: ignore[no-untyped-def]
    ChannelSetting.objects.create(post=place.station, channel="wecom", address="https://robot.invalid/hook")
    ChannelSetting.objects.create(user=place.street_user, channel="sms", address="13900001111")
    req = green_channel_file(
        by=place.staff,
        area=place.building,
        emergency="childbirth",
        name="陈女士",
        phone="13911112222",
        details="临产,需要送医",
        hospital="市妇幼保健院",
    )
    assert req.kind == RequestKind.GREEN_CHANNEL and req.urgency == "urgent"
    for user in (place.station_user, place.community_user, place.street_user):
        note = Notification.objects.get(recipient=user)
        assert note.urgent and req.reference in note.title
    assert not Notification.objects.filter(recipient=place.volunteer).exists()
    assert set(Delivery.objects.values_list("channel", flat=True)) == {"wecom", "sms"}
    assert req.events.filter(action=EventAction.NOTIFIED).exists()


def test_it_records_escort_vehicle_and_hospital(place) -> None:  # type: ignore[no-untyped-def]
    req = green_channel_file(
        by=place.staff,
        area=place.building,
        emergency="acute_illness",
        name="赵先生",
        phone="13911112222",
        details="胸痛",
    )
    green_channel_dispatch(
        by=place.staff, request=req, escort="刘医生", vehicle="吉C·12345", hospital="市中心医院"
    )
    req.refresh_from_db()
    assert (req.escort, req.vehicle, req.hospital) == ("刘医生", "吉C·12345", "市中心医院")
    assert "市中心医院" in req.events.get(action=EventAction.DISPATCHED).note
