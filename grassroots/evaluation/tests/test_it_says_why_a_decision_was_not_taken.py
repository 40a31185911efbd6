"""A superior's confirm-or-dismiss that cannot be taken says why, on the page, and changes nothing."""

import pytest
from django.urls import reverse
from django.utils import translation

from grassroots.evaluation import services
from grassroots.evaluation.models import AccountabilityStatus, NominationStatus


@pytest.fixture(autouse=True)
def english(client):  # type: ignore[no-untyped-def]
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def test_it_shows_a_missing_reason_beside_the_reason_field(period, client):  # type: ignore[no-untyped-def]
    record = services.accountability_open(
        by=period.hq, person=period.worker, title="台账漏报", evidence="十月三次未报"
    )
    client.force_login(period.hq)
    url = reverse("evaluation-accountability", kwargs={"accountability_id": record.pk})

    response = client.post(url, {"action": "decide", "approve": "yes", "reason": " "})

    assert response.status_code == 200
    form = response.context["decide_form"]
    assert form.errors["reason"] == ["Give the reason for the decision."]
    record.refresh_from_db()
    assert record.status == AccountabilityStatus.OPEN


def test_it_shows_an_unchosen_decision_beside_the_decision_field(period, client):  # type: ignore[no-untyped-def]
    record = services.accountability_open(
        by=period.hq, person=period.worker, title="台账漏报", evidence="十月三次未报"
    )
    client.force_login(period.hq)
    url = reverse("evaluation-accountability", kwargs={"accountability_id": record.pk})

    response = client.post(url, {"action": "decide", "reason": "核实属实"})

    assert response.status_code == 200
    assert "approve" in response.context["decide_form"].errors
    record.refresh_from_db()
    assert record.status == AccountabilityStatus.OPEN


def test_a_decision_taken_is_said_and_shown(period, client):  # type: ignore[no-untyped-def]
    record = services.accountability_open(
        by=period.hq, person=period.worker, title="台账漏报", evidence="十月三次未报"
    )
    client.force_login(period.hq)
    url = reverse("evaluation-accountability", kwargs={"accountability_id": record.pk})

    response = client.post(url, {"action": "decide", "approve": "no", "reason": "已补报"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Saved."]
    record.refresh_from_db()
    assert record.status == AccountabilityStatus.DISMISSED
    assert record.decision_reason == "已补报"


def test_a_nomination_decision_without_a_choice_is_said(period, client):  # type: ignore[no-untyped-def]
    nomination = services.nomination_create(
        by=period.station_user,
        period=period.period,
        person=period.worker,
        title="先进个人",
        reason="敲门行动全覆盖",
    )
    client.force_login(period.hq)
    url = reverse("evaluation-nomination-decide", kwargs={"nomination_id": nomination.pk})

    response = client.post(url, {"reason": "同意"}, follow=True)

    (message,) = [str(m) for m in response.context["messages"]]
    assert message == "Check the form: decision: This field is required."
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PROPOSED
