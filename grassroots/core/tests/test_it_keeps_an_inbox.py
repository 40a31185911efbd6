from django.test import Client

from grassroots.core.models import Role
from grassroots.core.notify import Message
from grassroots.core.services import notification_send


def test_it_delivers_once_per_person_and_marks_read(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("st", Role.STATION, grid.compound)
    sent = notification_send(
        recipients=[user, user], message=lambda: Message("新要求", "请今晚八点前回复"), urgent=True
    )
    assert len(sent) == 1
    client = Client()
    client.force_login(user)
    assert "1 条未读通知" in client.get("/").content.decode()
    assert "新要求" in client.get("/inbox/").content.decode()
    client.post("/inbox/read/")
    assert user.notifications.filter(read_at__isnull=True).count() == 0
