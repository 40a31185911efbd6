"""A request is finished (办结) only with what was done for the resident; the page says so beside the
field and keeps what was typed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from grassroots.services.models import RequestStatus
from grassroots.services.services import green_channel_file, request_accept, request_finish


def _green(place):  # type: ignore[no-untyped-def]
    req = green_channel_file(
        by=place.staff,
        area=place.building,
        emergency="dialysis",
        name="李",
        phone="13911112222",
        details="透析",
    )
    return request_accept(by=place.station_user, request=req)


def test_the_service_refuses_an_empty_result_naming_the_field(place) -> None:  # type: ignore[no-untyped-def]
    req = _green(place)

    with pytest.raises(ValidationError) as err:
        request_finish(by=place.station_user, request=req, result="  ")

    assert err.value.message_dict == {"result": ["请填写办理情况。"]}
    req.refresh_from_db()
    assert req.status == RequestStatus.ACCEPTED and req.done_at is None


def test_the_page_shows_the_refusal_beside_the_field(place, client) -> None:  # type: ignore[no-untyped-def]
    req = _green(place)
    client.force_login(place.station_user)

    got = client.post(reverse("services-request", args=[req.pk]), {"action": "finish", "result": " \n "})

    assert got.status_code == 400
    page = got.content.decode()
    assert (
        '<textarea id="result" name="result" rows="2" required> \n </textarea><p class="errorlist" role="alert">请填写办理情况。</p>'
        in page
    )
    req.refresh_from_db()
    assert req.status == RequestStatus.ACCEPTED


def test_a_refused_close_keeps_the_reason_typed_beside_its_field(place, client) -> None:  # type: ignore[no-untyped-def]
    req = _green(place)
    client.force_login(place.station_user)

    page = client.post(
        reverse("services-request", args=[req.pk]), {"action": "close", "reason": "   "}
    ).content.decode()

    assert "<details open>" in page
    assert (
        'name="reason" value="   " required maxlength="300"><p class="errorlist" role="alert">请说明关闭原因。</p>'
        in page
    )


def test_a_result_finishes_it(place, client) -> None:  # type: ignore[no-untyped-def]
    req = _green(place)
    client.force_login(place.station_user)

    got = client.post(
        reverse("services-request", args=[req.pk]), {"action": "finish", "result": "已送达医院"}
    )

    assert got.status_code == 302
    req.refresh_from_db()
    assert (req.status, req.result) == (RequestStatus.DONE, "已送达医院")
