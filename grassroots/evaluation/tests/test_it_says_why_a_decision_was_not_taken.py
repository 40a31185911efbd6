"""A superior's decision that cannot be taken says why, on the page, and changes nothing."""

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from grassroots.evaluation import services
from grassroots.evaluation.models import AccountabilityStatus, NominationStatus


@pytest.fixture
def hq(period) -> Iterator[Client]:  # type: ignore[no-untyped-def]
    client = Client(headers={"accept-language": "en"})
    client.force_login(period.hq)
    with translation.override("en"):
        yield client


@pytest.fixture
def record_url(period) -> str:  # type: ignore[no-untyped-def]
    record = services.accountability_open(
        by=period.hq, person=period.worker, title="台账漏报", evidence="十月三次未报"
    )
    return reverse("evaluation-accountability", kwargs={"accountability_id": record.pk})


def status(period):  # type: ignore[no-untyped-def]
    return period.worker.accountabilities.get().status


def test_a_missing_reason_is_shown_beside_the_reason_field(period, hq, record_url):  # type: ignore[no-untyped-def]
    response = hq.post(record_url, {"action": "decide", "approve": "yes", "reason": " "})

    assert response.status_code == 200
    assert response.context["decide_form"].errors["reason"] == ["Give the reason for the decision."]
    assert status(period) == AccountabilityStatus.OPEN


def test_an_unchosen_decision_is_shown_beside_the_decision_field(period, hq, record_url):  # type: ignore[no-untyped-def]
    response = hq.post(record_url, {"action": "decide", "reason": "核实属实"})

    assert response.status_code == 200
    assert "approve" in response.context["decide_form"].errors
    assert status(period) == AccountabilityStatus.OPEN


def test_a_decision_taken_is_said_and_kept(period, hq, record_url):  # type: ignore[no-untyped-def]
    response = hq.post(record_url, {"action": "decide", "approve": "no", "reason": "已补报"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Saved."]
    assert status(period) == AccountabilityStatus.DISMISSED


def test_a_nomination_decided_from_the_list_says_what_happened(period, hq):  # type: ignore[no-untyped-def]
    nomination = services.nomination_create(
        by=period.station_user, period=period.period, person=period.worker, title="先进个人", reason="全覆盖"
    )
    url = reverse("evaluation-nomination-decide", kwargs={"nomination_id": nomination.pk})

    refused = hq.post(url, {"reason": "同意"}, follow=True)
    assert [str(m) for m in refused.context["messages"]] == [
        "Check the form: decision: This field is required."
    ]
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PROPOSED

    taken = hq.post(url, {"approve": "yes", "reason": "同意"}, follow=True)
    assert [str(m) for m in taken.context["messages"]] == ["Saved."]
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED
