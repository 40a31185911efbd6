"""A title said longer than the field holds is cut with an ellipsis, in every language, never refused."""

from grassroots.core.models import Channel, ChannelSetting, Delivery, Notification
from grassroots.core.notify import TITLE_MAX, Message, notify


def test_a_long_title_is_cut_to_fit_with_an_ellipsis(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    reader = make_user("zhong", phone="13800000001")
    ChannelSetting.objects.create(user=reader, channel=Channel.SMS)
    notify(users=[reader], message=lambda: Message("长" * 500, "正文"))

    note = Notification.objects.get()
    for said in note.texts.values():
        assert said["title"] == "长" * (TITLE_MAX - 1) + "…" and said["body"] == "正文"
    delivery = Delivery.objects.get()
    assert len(delivery.title) == TITLE_MAX and delivery.title.endswith("…")


def test_a_title_that_fits_is_kept_whole(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    reader = make_user("zhong")
    notify(users=[reader], message=lambda: Message("长" * TITLE_MAX))
    assert Notification.objects.get().title == "长" * TITLE_MAX
