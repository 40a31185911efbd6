"""A step the system wrote (who was told of a green-channel case, the level an escalation reached, a
resident filing on the public page) is said in the reader's language, whatever language the site
spoke when it was written; a note a person typed stays as typed."""

import pytest
from django.urls import reverse
from django.utils import translation

from .conftest import steps_written_in

READ = {
    "en": ("command station, community centre, street", "escalated", "street", "resident"),
    "zh-hans": ("小区指挥站、社区指挥中心、街道", "已升级", "街道", "居民"),
}


@pytest.mark.parametrize(("written", "read"), [("zh-hans", "en"), ("en", "zh-hans")])
def test_a_step_written_in_one_language_reads_in_the_other(place, client, written, read) -> None:  # type: ignore[no-untyped-def]
    green, public = steps_written_in(written, place)
    told, escalated, level, resident = READ[read]
    client.force_login(place.station_user)

    page = client.get(
        reverse("services-request", args=[green.pk]), headers={"accept-language": read}
    ).content.decode()
    assert told in page
    assert f"{escalated}</b> · <span" in page or level in page
    assert READ[written][0] not in page

    page = client.get(
        reverse("services-request", args=[public.pk]), headers={"accept-language": read}
    ).content.decode()
    assert f" · {resident}</li>" in page
    assert "已自行解决" in page, "a person's note stays as typed"


def test_the_steps_keep_codes_not_words(place) -> None:  # type: ignore[no-untyped-def]
    green, public = steps_written_in("zh-hans", place)
    notified = green.events.get(action="notified")
    assert (notified.note, notified.params) == ("", {"levels": [0, 1, 2]})
    assert green.events.get(action="escalated").params["level"] >= 1
    assert public.events.get(action="filed").actor_name == ""
    assert public.events.get(action="closed").note == "已自行解决"
    with translation.override("en"):
        assert notified.note_said == "command station, community centre, street"
