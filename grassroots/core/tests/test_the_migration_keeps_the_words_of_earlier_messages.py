"""Messages stored before each was said in every language keep their words: each language of the
site reads the text as it was written, and deliveries keep theirs. Going back puts the words back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("core", "0002_channels_deliveries")]
AFTER = [("core", "0003_notification_texts_per_language")]


def migrate(target):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_earlier_messages_read_as_written_in_every_language() -> None:
    old = migrate(BEFORE)
    try:
        user = old.get_model("core", "User").objects.create(username="zhong")
        old.get_model("core", "Notification").objects.create(
            recipient=user, title="Report from 一号站: safety", body="已处置", link="/reports/1/"
        )
        old.get_model("core", "Delivery").objects.create(
            channel="sms", address="13800000001", title="紧急通知", body="立即到岗"
        )

        new = migrate(AFTER)
        note = new.get_model("core", "Notification").objects.get()
        said = {"title": "Report from 一号站: safety", "body": "已处置"}
        assert note.texts == {"zh-hans": said, "en": said} and note.link == "/reports/1/"
        delivery = new.get_model("core", "Delivery").objects.get()
        assert (delivery.title, delivery.body) == ("紧急通知", "立即到岗")

        back = migrate(BEFORE).get_model("core", "Notification").objects.get()
        assert (back.title, back.body) == ("Report from 一号站: safety", "已处置")
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
