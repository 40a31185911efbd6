"""Finishing a call settles it: whoever still waits is marked not selected and told why, waiting
proposals are rejected, the villages nobody serves are recorded and their townships told; only the
committee finishes, only a call in matching, and always with a reason."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from grassroots.core.models import AuditLog, Notification

from ..models import Call, CallStatus, Instructor, InstructorRole, MatchingStatus, RoleKind, Status, Step
from ..services import call_finish


@pytest.mark.django_db
def test_it_marks_the_waiting_not_selected_rejects_proposals_and_lists_unfilled_villages(rural):
    call, made = rural.in_matching()
    done, closing = call_finish(by=rural.committee, call=call, reason="选派工作完成")
    assert done.status == CallStatus.FINISHED == Call.objects.get(pk=call.pk).status
    assert done.finished_by == rural.committee and done.finish_reason == "选派工作完成" and done.finished_at
    assert closing.matched == 5 and [v.pk for v in closing.unfilled] == [made["vacated"].pk]
    assert {c.pk for c in closing.waiting} == {made[k].pk for k in ("applied", "recommended", "late")}

    # Each waiting candidate ends not selected, with a step saying what they were waiting for.
    expected = {
        "applied": "before the sending unit decided",
        "recommended": "before the city committee reviewed",
        "late": "without a village",
    }
    with translation.override("en"):
        for key, words in expected.items():
            candidate = Instructor.objects.get(pk=made[key].pk)
            assert candidate.status == Status.NOT_SELECTED and candidate.village is None
            step = candidate.steps.last()
            assert step is not None and step.step == Step.FINISHING and step.by == rural.committee
            assert words in step.reason_words and step.decision_words == "not selected"
    # Those serving keep serving; the one who left stays left.
    assert Instructor.objects.filter(call=call, status=Status.APPROVED, village__isnull=False).count() == 5
    assert Instructor.objects.get(pk=made["leaver"].pk).status == Status.LEFT

    proposal = made["proposal"]
    proposal.refresh_from_db()
    assert proposal.status == MatchingStatus.REJECTED and proposal.decided_at == done.finished_at
    assert not call.matchings.filter(status=MatchingStatus.PROPOSED).exists()

    audit = AuditLog.objects.get(action="instructor_call_finish", object_id=str(call.pk))
    assert audit.reason == "选派工作完成"
    assert audit.detail == {
        "matched": 5,
        "unfilled": [made["vacated"].name],
        "not_selected": 3,
        "proposals_rejected": 1,
    }


@pytest.mark.django_db
def test_it_tells_each_candidate_why_and_the_townships_their_unfilled_villages(rural):
    call, made = rural.in_matching()
    other_township = rural.make_user("township-2")
    InstructorRole.objects.create(user=other_township, kind=RoleKind.TOWNSHIP, area=rural.townships[1])
    before = Notification.objects.count()
    call_finish(by=rural.committee, call=call, reason="选派工作完成")
    with translation.override("en"):
        for key in ("applied", "recommended", "late"):
            told = Notification.objects.filter(recipient=made[key].user).latest("pk")
            assert told.link == reverse("instructors-mine")
            assert "not selected" in told.title and call.name in told.body
        township = Notification.objects.filter(recipient=rural.township_user).latest("pk")
        assert township.link == reverse("instructors-call", args=[call.pk])
        assert made["vacated"].name in township.body and "supplementary call" in township.body
    # Nobody else: the other township has every village served, serving instructors keep their post.
    assert not Notification.objects.filter(recipient=other_township).exists()
    assert Notification.objects.count() == before + 4


@pytest.mark.django_db
def test_only_the_committee_over_the_call_finishes_it(rural):
    call, made = rural.in_matching()
    outsider = rural.make_user("other-county-committee")
    for who in (rural.unit, rural.township_user, made["applied"].user, outsider):
        with pytest.raises(PermissionDenied):
            call_finish(by=who, call=call, reason="越权")
    assert Call.objects.get(pk=call.pk).status == CallStatus.MATCHING


@pytest.mark.django_db
def test_it_needs_a_reason_and_refuses_an_overlong_one_changing_nothing(rural):
    call, made = rural.in_matching()
    for reason, code in (("   ", None), ("因" * 301, "max_length")):
        with pytest.raises(ValidationError) as refused:
            call_finish(by=rural.committee, call=call, reason=reason)
        assert "reason" in refused.value.message_dict
        if code:
            assert refused.value.error_dict["reason"][0].code == code
    assert Call.objects.get(pk=call.pk).status == CallStatus.MATCHING
    assert Instructor.objects.get(pk=made["applied"].pk).status == Status.APPLIED


@pytest.mark.django_db
def test_only_a_call_in_matching_can_be_finished(rural):
    call = rural.call()
    rural.candidate(call)
    with pytest.raises(ValidationError) as refused:
        call_finish(by=rural.committee, call=call, reason="提前结束")
    assert refused.value.error_dict["call"][0].code == "not_matching"
    assert Call.objects.get(pk=call.pk).status == CallStatus.OPEN

    matching, _made = rural.in_matching()
    call_finish(by=rural.committee, call=matching, reason="选派工作完成")
    with pytest.raises(ValidationError) as again:
        call_finish(by=rural.committee, call=matching, reason="再次结束")
    assert again.value.error_dict["call"][0].code == "finished"
    assert AuditLog.objects.filter(action="instructor_call_finish").count() == 1
