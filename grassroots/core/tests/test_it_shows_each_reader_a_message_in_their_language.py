"""A message is said in every language of the site when it is sent, so whoever sent it, and in
whatever language their page was, each reader's inbox shows it in the reader's own language."""

from django.conf import settings
from django.test import Client
from django.utils import translation

from grassroots.core.lists import listed
from grassroots.core.models import Notification, Role
from grassroots.core.notify import Message, notify


def inbox(user, language: str) -> str:  # type: ignore[no-untyped-def]
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    return client.get("/inbox/").content.decode()


def test_a_message_sent_from_an_english_page_reads_in_chinese_to_a_chinese_reader(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    chinese, english = make_user("zhong"), make_user("ying")
    with translation.override("en"):
        notify(
            users=[chinese, english],
            message=lambda: Message(f"{Role.STATION.label}: 一号站", listed(["甲", "乙"])),
        )

    page = inbox(chinese, "zh-hans")
    assert "小区指挥站: 一号站" in page and "甲、乙" in page
    assert "command station" not in page
    page = inbox(english, "en")
    assert "command station: 一号站" in page and "甲, 乙" in page
    assert "小区指挥站" not in page


def test_the_message_keeps_every_language_of_the_site(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    reader = make_user("zhong")
    with translation.override("en"):
        notify(users=[reader], message=lambda: Message(str(Role.STATION.label)))
    note = Notification.objects.get()
    assert note.texts == {
        "zh-hans": {"title": "小区指挥站", "body": ""},
        "en": {"title": "command station", "body": ""},
    }
    with translation.override("en"):
        assert note.title == "command station"
    with translation.override("zh-hans"):
        assert str(note) == "小区指挥站"
