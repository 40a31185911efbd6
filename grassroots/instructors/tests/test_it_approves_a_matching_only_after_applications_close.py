"""A matching is approved only once the call stops taking applications, and every decision says why."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ..models import Call, CallStatus, Instructor, Matching, MatchingStatus, Method
from ..services_matching import matching_decide, matching_propose


def proposals(rural):  # type: ignore[no-untyped-def]
    call = rural.call()
    for _ in range(3):
        rural.approved(call)
    rural.profile(call, [["industry"]] * 6)
    first = matching_propose(by=rural.committee, call=call, method=Method.OPTIMAL)
    second = matching_propose(by=rural.committee, call=call, method=Method.STABLE_CANDIDATE)
    return call, first, second


@pytest.mark.django_db
def test_it_refuses_to_approve_while_applications_run_and_changes_nothing(rural):
    call, first, _second = proposals(rural)
    with pytest.raises(ValidationError) as refused:
        matching_decide(by=rural.committee, matching=first, approve=True, reason="先定下来")
    assert "approve" in refused.value.message_dict
    assert call.closes_on.isoformat() in refused.value.message_dict["approve"][0]
    assert Call.objects.get(pk=call.pk).status == CallStatus.OPEN
    assert set(Matching.objects.values_list("status", flat=True)) == {MatchingStatus.PROPOSED}
    assert not Instructor.objects.filter(call=call, village__isnull=False).exists()
    # Another person can still open the apply page.
    assert Client().get(reverse("instructors-home")).status_code == 302
    newcomer = rural.make_user("newcomer")
    c = Client()
    c.force_login(newcomer)
    assert c.get(reverse("instructors-apply", args=[call.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("approve", [True, False])
def test_it_needs_a_reason_for_either_decision(rural, approve):
    call, first, _second = proposals(rural)
    rural.close_applications(call)
    with pytest.raises(ValidationError) as refused:
        matching_decide(by=rural.committee, matching=first, approve=approve, reason="   ")
    assert "reason" in refused.value.message_dict
    assert Matching.objects.get(pk=first.pk).status == MatchingStatus.PROPOSED


@pytest.mark.django_db
def test_a_proposal_may_be_rejected_while_applications_run(rural):
    _call, first, second = proposals(rural)
    decided = matching_decide(by=rural.committee, matching=first, approve=False, reason="匹配度偏低")
    assert decided.status == MatchingStatus.REJECTED and decided.decision_reason == "匹配度偏低"
    assert Matching.objects.get(pk=second.pk).status == MatchingStatus.PROPOSED


@pytest.mark.django_db
def test_after_closing_approval_places_keeps_the_reason_and_points_the_others_at_it(rural):
    call, first, second = proposals(rural)
    rural.close_applications(call)
    matching_decide(by=rural.committee, matching=first, approve=True, reason="市委常委会审定")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == MatchingStatus.APPROVED and first.decision_reason == "市委常委会审定"
    assert second.status == MatchingStatus.REJECTED and second.superseded_by_id == first.pk
    assert Call.objects.get(pk=call.pk).status == CallStatus.MATCHING
    assert Instructor.objects.filter(call=call, village__isnull=False).count() == 3


@pytest.mark.django_db
def test_the_page_warns_and_names_the_missing_reason(rural):
    call, first, second = proposals(rural)
    c = Client()
    c.force_login(rural.committee)
    url = reverse("instructors-matching-detail", args=[first.pk])
    page = c.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # While applications run: the date is said, there is no approve button, and the counts are told.
    assert call.closes_on.isoformat() in page and 'name="approve" value="1"' not in page
    assert "3 villages get no instructor" in page and "rejects the 1 other proposal" in page
    rural.close_applications(call)
    refused = c.post(url, {"approve": "1", "reason": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400
    assert (
        'id="id_reason"' in refused.content.decode() and "This field is required" in refused.content.decode()
    )
    assert Matching.objects.get(pk=first.pk).status == MatchingStatus.PROPOSED
    done = c.post(url, {"approve": "1", "reason": "审定"})
    assert done.status_code == 302
    shown = c.get(reverse("instructors-matching-detail", args=[second.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "rejected when another proposal was approved" in shown.content.decode()
