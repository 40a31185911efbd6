"""POST /instructors/calls/{id}/finish finishes a call in matching for the committee, says what it
settled, and refuses everyone else or a call not in matching with the field named."""

import pytest

from ..models import CallStatus, Status


@pytest.mark.django_db
def test_the_committee_finishes_and_reads_what_was_settled(rural, api):
    call, made = rural.in_matching()
    got = api(rural.committee).post(
        f"/api/v1/instructors/calls/{call.pk}/finish",
        {"reason": "选派工作完成"},
        content_type="application/json",
    )
    assert got.status_code == 200, got.content
    assert got.json() == {
        "id": call.pk,
        "status": "finished",
        "matched": 5,
        "unfilled": [{"id": made["vacated"].pk, "name": made["vacated"].name}],
        "not_selected": 3,
        "proposals_rejected": 1,
    }
    listed = api(rural.committee).get("/api/v1/instructors/calls").json()
    assert listed["items"][0]["status"] == CallStatus.FINISHED
    again = api(rural.committee).post(
        f"/api/v1/instructors/calls/{call.pk}/finish", {"reason": "再次"}, content_type="application/json"
    )
    assert again.status_code == 400 and again.json()["errors"][0]["field"] == "call"


@pytest.mark.django_db
def test_it_names_the_missing_reason_and_refuses_others(rural, api):
    call, _made = rural.in_matching()
    url = f"/api/v1/instructors/calls/{call.pk}/finish"
    blank = api(rural.committee).post(url, {"reason": ""}, content_type="application/json")
    assert blank.status_code == 400 and blank.json()["errors"][0]["field"] == "reason"
    # The unit sees the call (its people applied) but may not finish it; a stranger does not see it.
    assert api(rural.unit).post(url, {"reason": "越权"}, content_type="application/json").status_code == 403
    stranger = rural.make_user("stranger")
    assert api(stranger).post(url, {"reason": "越权"}, content_type="application/json").status_code == 404
    assert call.instructors.filter(status=Status.APPLIED).count() == 1


@pytest.mark.django_db
def test_an_open_call_is_refused_naming_the_call(rural, api):
    call = rural.call()
    got = api(rural.committee).post(
        f"/api/v1/instructors/calls/{call.pk}/finish", {"reason": "提前结束"}, content_type="application/json"
    )
    assert got.status_code == 400 and got.json()["errors"][0]["field"] == "call"
