"""The external channels: how one delivery leaves the building. Each sender raises `DeliveryError` on failure."""

import json
import logging
import urllib.error
import urllib.request
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from .models import Channel, Delivery

log = logging.getLogger(__name__)

# A robot webhook that does not answer within this many seconds counts as failed and is retried.
WEBHOOK_TIMEOUT = 10


class DeliveryError(Exception):
    pass


def _text(delivery: Delivery) -> str:
    parts = [delivery.title, delivery.body]
    if delivery.link:
        parts.append(getattr(settings, "SITE_URL", "").rstrip("/") + delivery.link)
    return "\n".join(p for p in parts if p)


def _post_json(url: str, payload: dict[str, object]) -> dict[str, object]:
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(
            request, timeout=WEBHOOK_TIMEOUT
        ) as response:  # the URL is set by an administrator
            answer = json.loads(response.read().decode() or "{}")
    except (urllib.error.URLError, TimeoutError, ValueError) as exc:
        raise DeliveryError(str(exc)) from exc
    if not isinstance(answer, dict):
        raise DeliveryError(f"unexpected answer: {answer!r}"[:300])
    return answer


def _robot(url: str, payload: dict[str, object]) -> None:
    # WeCom and DingTalk robots both answer HTTP 200 with {"errcode": 0, "errmsg": "ok"} on success.
    answer = _post_json(url, payload)
    if answer.get("errcode") != 0:
        raise DeliveryError(f"errcode {answer.get('errcode')}: {answer.get('errmsg', '')}"[:300])


def send_wecom(delivery: Delivery) -> None:
    """WeCom 企业微信 group robot: msgtype text, mentioning everyone when urgent."""
    text: dict[str, object] = {"content": _text(delivery)}
    if delivery.urgent:
        text["mentioned_list"] = ["@all"]
    _robot(delivery.address, {"msgtype": "text", "text": text})


def send_dingtalk(delivery: Delivery) -> None:
    """DingTalk 钉钉 group robot: msgtype text, at everyone when urgent."""
    _robot(
        delivery.address,
        {"msgtype": "text", "text": {"content": _text(delivery)}, "at": {"isAtAll": delivery.urgent}},
    )


def send_email(delivery: Delivery) -> None:
    try:
        send_mail(delivery.title, _text(delivery), None, [delivery.address], fail_silently=False)
    except OSError as exc:
        raise DeliveryError(str(exc)) from exc


class SmsProvider(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class LoggingSmsProvider:
    """The default SMS provider: writes the message to the log (set SMS_PROVIDER for a real gateway)."""

    def send(self, phone: str, text: str) -> None:
        log.warning("SMS to %s: %s", phone, text)


def sms_provider() -> SmsProvider:
    provider: SmsProvider = import_string(
        getattr(settings, "SMS_PROVIDER", "grassroots.core.channels.LoggingSmsProvider")
    )()
    return provider


def send_sms(delivery: Delivery) -> None:
    try:
        sms_provider().send(delivery.address, _text(delivery))
    except OSError as exc:
        raise DeliveryError(str(exc)) from exc


SENDERS = {
    Channel.EMAIL: send_email,
    Channel.WECOM: send_wecom,
    Channel.DINGTALK: send_dingtalk,
    Channel.SMS: send_sms,
}
