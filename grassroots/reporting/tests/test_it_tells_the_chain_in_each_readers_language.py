"""A report filed, or an order escalated, from a page in English reaches a Chinese reader's inbox in
Chinese, choice labels and lists included, and an English reader's in English."""

from datetime import timedelta

from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from grassroots.reporting.orders import order_escalate, order_issue
from grassroots.reporting.services import report_file

from .conftest import at


def inbox(user, language: str) -> str:  # type: ignore[no-untyped-def]
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    return client.get("/inbox/").content.decode()


def test_a_report_filed_in_english_reads_in_chinese_to_the_centre(chain, grid):  # type: ignore[no-untyped-def]
    with translation.override("en"):
        report_file(
            by=chain.station_user,
            area=grid.compound,
            category="safety",
            severity="general",
            discovered_at=at(2, 8),
            text="楼道堆放杂物起火",
            now=at(2, 9),
        )
    place = grid.compound.name
    chinese = inbox(chain.community_user, "zh-hans")
    assert f"{place}报告：安全隐患" in chinese and "Report from" not in chinese
    english = inbox(chain.street_user, "en")
    assert f"Report from {place}: safety" in english and "安全隐患" not in english


def test_the_laggards_of_an_order_are_listed_as_each_reader_lists(chain, grid):  # type: ignore[no-untyped-def]
    now = timezone.now()
    with translation.override("en"):
        order = order_issue(
            by=chain.street_user,
            area=grid.street,
            title="加强出入管控",
            text="即日起各小区只留一个出入口",
            ack_deadline=now + timedelta(hours=2),
            now=now,
        )
        order_escalate(order_id=order.pk, now=now + timedelta(hours=3))
    chinese = inbox(chain.community_user, "zh-hans")
    assert "二号站、一号站" in chinese or "一号站、二号站" in chinese
    assert "Not acknowledged" not in chinese
    english = inbox(chain.community_user, "en")
    assert (
        "Overdue posts below you: 二号站, 一号站" in english
        or "Overdue posts below you: 一号站, 二号站" in english
    )
