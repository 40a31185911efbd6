"""A resident files a request from the building's QR page; the station accepts and finishes it; the
resident confirms and rates it: all in Chromium on a phone-sized screen."""

import re

from playwright.sync_api import Page, expect

from grassroots.core.models import AccessGrant
from grassroots.places.models import Area
from grassroots.services import rules


def test_a_request_from_the_qr_page_to_the_residents_rating(page: Page, login, live_demo) -> None:  # type: ignore[no-untyped-def]
    compound = AccessGrant.objects.get(user__username="station").area
    building = Area.objects.filter(parent=compound, kind="building").order_by("path").first()
    assert building is not None

    page.goto(f"{live_demo.url}/r/{rules.building_token(building)}/")
    expect(page.get_by_role("heading", name="我要求助")).to_be_visible()
    page.fill("#name", "测试居民")
    page.fill("#room", "1-101")
    page.fill("#phone", "13912345678")
    page.select_option("#category", "food")
    page.fill("#details", "家里没有蔬菜了,需要一份蔬菜包")
    page.get_by_role("button", name="提交").click()
    reference = page.locator("#reference").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{8}", reference)

    login("station")
    page.goto(f"{live_demo.url}/services/")
    page.get_by_role("link", name=reference).click()
    expect(page.locator("#req-status")).to_contain_text("新提交")
    page.get_by_role("button", name="受理").click()
    expect(page.locator("#req-status")).to_contain_text("已受理")
    page.fill("#result", "已送蔬菜包上门")
    page.get_by_role("button", name="办结").click()
    expect(page.locator("#req-status")).to_contain_text("已办结")
    expect(page.locator(".timeline")).to_contain_text("受理")

    page.goto(f"{live_demo.url}/r/status/?reference={reference}")
    page.fill("#phone", "13912345678")
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#public-status")).to_contain_text("已办结")
    page.get_by_label("4★").check()
    page.fill("#comment", "送得很快")
    page.get_by_role("button", name="确认并评价").click()
    expect(page.locator("#public-status")).to_contain_text("居民已确认")
    expect(page.get_by_text("感谢您的评价")).to_be_visible()
