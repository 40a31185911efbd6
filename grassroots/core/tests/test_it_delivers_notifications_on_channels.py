"""One notify() call reaches the inbox, then email, WeCom/DingTalk robots and SMS; failures are retried."""

import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from grassroots.core.models import AccessGrant, Channel, ChannelSetting, Delivery, DeliveryStatus
from grassroots.core.notify import MAX_ATTEMPTS, Message, delivery_attempt, notify
from grassroots.core.services import notification_send
from grassroots.places.models import Post, PostKind


class Robot(BaseHTTPRequestHandler):
    """A group robot: records each JSON body; answers errcode 0, or 500 while `fail` is set."""

    received: list[tuple[str, dict[str, Any]]] = []
    fail = False

    def do_POST(self) -> None:  # http.server names handlers this way
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])).decode())
        Robot.received.append((self.path, body))
        if Robot.fail:
            self.send_response(500)
            self.end_headers()
            return
        answer = json.dumps({"errcode": 0, "errmsg": "ok"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def robot() -> Iterator[str]:
    Robot.received, Robot.fail = [], False
    server = HTTPServer(("127.0.0.1", 0), Robot)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_it_posts_wecom_and_dingtalk_messages_to_the_robots(grid, make_user, robot):  # type: ignore[no-untyped-def]
    station = Post.objects.create(name="一站", kind=PostKind.STATION, area=grid.compound)
    user = make_user("zhan")
    AccessGrant.objects.create(user=user, area=grid.compound, role="station", post=station)
    ChannelSetting.objects.create(post=station, channel=Channel.WECOM, address=f"{robot}/wecom?key=k1")
    ChannelSetting.objects.create(
        post=station, channel=Channel.DINGTALK, address=f"{robot}/ding?access_token=t"
    )

    notes = notify(
        posts=[station], message=lambda: Message("紧急通知", "立即到岗"), link="/reports/1/", urgent=True
    )

    assert [n.recipient for n in notes] == [user]
    deliveries = list(Delivery.objects.order_by("channel"))
    assert {d.status for d in deliveries} == {DeliveryStatus.PENDING}
    for d in deliveries:
        assert delivery_attempt(delivery_id=d.pk) == DeliveryStatus.SENT
    by_path = dict(Robot.received)
    assert by_path["/wecom?key=k1"] == {
        "msgtype": "text",
        "text": {"content": "紧急通知\n立即到岗\n/reports/1/", "mentioned_list": ["@all"]},
    }
    assert by_path["/ding?access_token=t"] == {
        "msgtype": "text",
        "text": {"content": "紧急通知\n立即到岗\n/reports/1/"},
        "at": {"isAtAll": True},
    }
    assert all(d.area_path == grid.compound.path for d in deliveries)


def test_it_retries_a_failed_webhook_with_backoff_then_gives_up(grid, robot):  # type: ignore[no-untyped-def]
    station = Post.objects.create(name="一站", kind=PostKind.STATION, area=grid.compound)
    ChannelSetting.objects.create(post=station, channel=Channel.WECOM, address=f"{robot}/wecom")
    notify(posts=[station], message=lambda: Message("通知"))
    delivery = Delivery.objects.get()
    Robot.fail = True
    now = timezone.now()

    assert delivery_attempt(delivery_id=delivery.pk, now=now) == DeliveryStatus.RETRYING
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.next_attempt_at == now + timedelta(minutes=1)
    assert "500" in delivery.last_error
    assert delivery_attempt(delivery_id=delivery.pk, now=now) == DeliveryStatus.RETRYING
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == now + timedelta(minutes=4)
    for _ in range(MAX_ATTEMPTS - 2):
        delivery_attempt(delivery_id=delivery.pk, now=now)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == MAX_ATTEMPTS
    assert len(Robot.received) == MAX_ATTEMPTS


def test_it_recovers_when_the_robot_comes_back(grid, robot):  # type: ignore[no-untyped-def]
    station = Post.objects.create(name="一站", kind=PostKind.STATION, area=grid.compound)
    ChannelSetting.objects.create(post=station, channel=Channel.DINGTALK, address=f"{robot}/ding")
    notify(posts=[station], message=lambda: Message("通知"))
    delivery = Delivery.objects.get()
    Robot.fail = True
    delivery_attempt(delivery_id=delivery.pk)
    Robot.fail = False
    assert delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.SENT
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.last_error == "" and delivery.sent_at is not None


def test_it_emails_and_texts_users_who_asked_for_it(grid, make_user, caplog):  # type: ignore[no-untyped-def]
    a = make_user("a", email="a@example.org", phone="13800000001")
    b = make_user("b")
    ChannelSetting.objects.create(user=a, channel=Channel.EMAIL)
    ChannelSetting.objects.create(user=a, channel=Channel.SMS)
    ChannelSetting.objects.create(user=b, channel=Channel.SMS, address="13800000002", urgent_only=True)

    notification_send(recipients=[a, b, a], message=lambda: Message("例会提醒", "18:00 晚例会"))

    assert a.notifications.count() == 1 and b.notifications.count() == 1
    deliveries = {d.channel: d for d in Delivery.objects.all()}
    assert set(deliveries) == {Channel.EMAIL, Channel.SMS}, "b's SMS is for urgent messages only"
    for d in deliveries.values():
        assert delivery_attempt(delivery_id=d.pk) == DeliveryStatus.SENT
    assert mail.outbox[0].to == ["a@example.org"] and mail.outbox[0].subject == "例会提醒"
    assert "SMS to 13800000001: 例会提醒" in caplog.text


def test_it_sends_externally_only_after_commit(grid, make_user, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    a = make_user("a", email="a@example.org")
    ChannelSetting.objects.create(user=a, channel=Channel.EMAIL)
    with django_capture_on_commit_callbacks() as callbacks:
        notify(users=[a], message=lambda: Message("通知"))
    assert len(callbacks) == 1
    assert not mail.outbox, "nothing leaves before the transaction commits"
    assert not DBTaskResult.objects.exists()
    callbacks[0]()
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "grassroots.core.tasks.delivery_send"
    assert queued.args_kwargs["args"] == [Delivery.objects.get().pk]
