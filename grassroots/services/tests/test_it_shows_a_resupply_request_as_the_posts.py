"""A post's call for more stock is the post's, not a resident's: its page names the post and the item
(it read "居民：<the station's name>" and "居民已电话确认"), and its confirmation is the post's."""

import pytest
from django.urls import reverse

from grassroots.services.models import Request
from grassroots.services.services import request_accept, request_confirm, request_finish
from grassroots.services.stock_services import stock_issue, stock_item_create, stock_receive


def _resupply(place) -> Request:  # type: ignore[no-untyped-def]
    item = stock_item_create(
        by=place.station_user,
        post=place.station,
        name="N95口罩",
        category="protective",
        unit="盒",
        low_threshold=3,
    )
    stock_receive(by=place.station_user, item=item, quantity=5)
    item.refresh_from_db()
    stock_issue(by=place.station_user, item=item, quantity=2)
    return Request.objects.get(stock_item=item)


def _facts(page) -> str:  # type: ignore[no-untyped-def]
    return page.content.decode().split('<ul class="facts">')[1].split("</ul>")[0]


@pytest.mark.parametrize(
    ("language", "post", "button", "step"),
    [
        ("zh-hans", "阵地：", "阵地已确认收到", "阵地确认收到"),
        ("en", "Post: ", "The post confirmed it arrived", "confirmed by the post"),
    ],
)
def test_the_page_names_the_post_and_the_item(place, client, language, post, button, step) -> None:  # type: ignore[no-untyped-def]
    req = _resupply(place)
    client.force_login(place.community_user)
    url = reverse("services-request", args=[req.pk])
    headers = {"accept-language": language}

    facts = _facts(client.get(url, headers=headers))
    assert f"{post}<b>{place.station.name}</b>" in facts
    assert reverse("services-stock-item", args=[req.stock_item_id]) in facts
    assert "居民" not in facts and "Resident" not in facts

    request_accept(by=place.community_user, request=req)
    request_finish(by=place.community_user, request=req, result="已调拨10盒")
    assert button in client.get(url, headers=headers).content.decode()

    request_confirm(by=place.community_user, request=req)
    timeline = client.get(url, headers=headers).content.decode().split('<ol class="timeline">')[1]
    assert f"<b>{step}</b>" in timeline


def test_a_residents_request_still_names_the_resident(place, client) -> None:  # type: ignore[no-untyped-def]
    from grassroots.services.services import request_file

    req = request_file(
        by=place.staff,
        area=place.building,
        category="food",
        channel="phone",
        name="王",
        phone="13911112222",
        details="要菜",
    )
    client.force_login(place.station_user)
    facts = _facts(
        client.get(reverse("services-request", args=[req.pk]), headers={"accept-language": "zh-hans"})
    )
    assert "居民：<b>王</b>" in facts and "阵地" not in facts
