"""A request's timeline read through the API: each step's code with its label, when, who and the note,
the system's words said in the caller's language (Accept-Language) whatever language wrote them; a
request outside the caller's scope is not found."""

from datetime import datetime

import pytest

from .conftest import steps_written_in

READ = {
    "en": {
        "told": "command station, community centre, street",
        "notified": "notified",
        "resident": "resident",
    },
    "zh-hans": {"told": "小区指挥站、社区指挥中心、街道", "notified": "已通知", "resident": "居民"},
}


def _steps(client, req, language):  # type: ignore[no-untyped-def]
    got = client.get(f"/api/v1/requests/{req.pk}/events", headers={"accept-language": language})
    assert got.status_code == 200
    return got.json()


@pytest.mark.parametrize(("written", "read"), [("zh-hans", "en"), ("en", "zh-hans")])
def test_a_step_written_in_one_language_reads_in_the_other(place, api, written, read) -> None:  # type: ignore[no-untyped-def]
    green, public = steps_written_in(written, place)
    client = api(place.station_user)
    said = READ[read]

    steps = _steps(client, green, read)
    assert [s["action"] for s in steps][:2] == ["filed", "notified"]
    assert {"id", "action", "action_label", "at", "who", "note"} == set(steps[0])
    notified = steps[1]
    assert (notified["action_label"], notified["note"]) == (said["notified"], said["told"])
    assert READ[written]["told"] not in str(steps)
    assert steps[0]["who"] == place.staff.display_name
    escalated = [s for s in steps if s["action"] == "escalated"]
    assert escalated and all(s["note"] for s in escalated)
    for step in steps:
        assert datetime.fromisoformat(step["at"]).utcoffset() is not None

    steps = _steps(client, public, read)
    filed, closed = steps[0], steps[-1]
    assert (filed["action"], filed["who"]) == ("filed", said["resident"])
    assert (closed["action"], closed["note"]) == ("closed", "已自行解决"), "a person's note stays as typed"


def test_steps_are_in_order_of_time(place, api) -> None:  # type: ignore[no-untyped-def]
    green, _public = steps_written_in("zh-hans", place)
    steps = _steps(api(place.station_user), green, "en")
    assert [s["id"] for s in steps] == list(green.events.order_by("at", "id").values_list("id", flat=True))


def test_a_request_outside_the_caller_s_scope_is_not_found(place, api) -> None:  # type: ignore[no-untyped-def]
    green, public = steps_written_in("zh-hans", place)
    for req in (green, public):
        assert api(place.outsider).get(f"/api/v1/requests/{req.pk}/events").status_code == 404
        # A volunteer sees only the requests they filed.
        assert api(place.volunteer).get(f"/api/v1/requests/{req.pk}/events").status_code == 404
    assert api(place.station_user).get("/api/v1/requests/999999/events").status_code == 404
