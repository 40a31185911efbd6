"""A request's timeline reads as a list of events: its first step read "提交时间" (when filed, the
request's column heading) between "已受理" and "已办结"."""

import pytest
from django.urls import reverse

from grassroots.services.services import request_accept, request_file


def _accepted(place):  # type: ignore[no-untyped-def]
    req = request_file(
        by=place.staff,
        area=place.building,
        category="food",
        channel="phone",
        name="王",
        phone="13911112222",
        details="要菜",
    )
    return request_accept(by=place.station_user, request=req)


@pytest.mark.parametrize(
    ("language", "filed", "accepted"), [("zh-hans", "已提交", "已受理"), ("en", "filed", "accepted")]
)
def test_the_filing_reads_as_an_event_like_the_others(place, client, language, filed, accepted) -> None:  # type: ignore[no-untyped-def]
    req = _accepted(place)
    client.force_login(place.station_user)

    page = client.get(reverse("services-request", args=[req.pk]), headers={"accept-language": language})

    timeline = page.content.decode().split('<ol class="timeline">')[1].split("</ol>")[0]
    assert [step.split("<b>")[1].split("</b>")[0] for step in timeline.split("<li>")[1:]] == [filed, accepted]
    assert "提交时间" not in timeline


def test_the_residents_own_steps_name_nobody_in_another_language(place, client) -> None:  # type: ignore[no-untyped-def]
    """Confirming and rating on the public page are the resident's by their words alone: no name
    stored in the language of that moment (an English page read 'confirmed by the resident · 居民')."""
    from grassroots.services.services import request_confirm, request_finish, request_rate

    req = _accepted(place)
    request_finish(by=place.station_user, request=req, result="已送到")
    request_confirm(by=None, request=req)
    request_rate(request=req, rating=5, comment="很好")
    client.force_login(place.station_user)
    page = client.get(reverse("services-request", args=[req.pk]), headers={"accept-language": "en"})
    timeline = page.content.decode().split('<ol class="timeline">')[1].split("</ol>")[0]
    assert "<b>confirmed by the resident</b></li>" in timeline
    assert "<b>rated</b> · <span" in timeline and "居民" not in timeline
    assert 'class="card actions"' not in page.content.decode()  # nothing left to do: no empty card
