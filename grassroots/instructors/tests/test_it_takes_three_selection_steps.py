import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from grassroots.core.models import AuditLog

from ..models import Decision, Status, Step
from ..services import instructor_recommend, instructor_review


@pytest.mark.django_db
def test_it_records_each_step_with_its_decision_reason_and_actor(rural):
    call = rural.call()
    c = rural.candidate(call)
    c = instructor_recommend(by=rural.unit, instructor=c, approve=True, reason="业务骨干")
    assert c.status == Status.RECOMMENDED
    c = instructor_review(by=rural.committee, instructor=c, approve=True, reason="市委常委会研究同意")
    assert c.status == Status.APPROVED
    steps = list(c.steps.values_list("step", "decision", "reason", "by__username"))
    assert steps == [
        (Step.APPLICATION, Decision.SUBMIT, steps[0][2], c.user.username),
        (Step.RECOMMENDATION, Decision.APPROVE, "业务骨干", "unit"),
        (Step.REVIEW, Decision.APPROVE, "市委常委会研究同意", "committee"),
    ]
    actions = set(AuditLog.objects.filter(object_id=str(c.pk)).values_list("action", flat=True))
    assert {"instructor_apply", "instructor_recommendation", "instructor_review"} <= actions


@pytest.mark.django_db
def test_it_lets_only_the_candidates_own_unit_recommend(rural):
    call = rural.call()
    c = rural.candidate(call)
    with pytest.raises(PermissionDenied):
        instructor_recommend(by=rural.committee, instructor=c, approve=True, reason="越级")
    with pytest.raises(PermissionDenied):
        instructor_recommend(by=rural.township_user, instructor=c, approve=True, reason="越级")
    assert c.steps.count() == 1


@pytest.mark.django_db
def test_it_lets_only_the_city_committee_review_and_only_after_recommendation(rural):
    call = rural.call()
    c = rural.candidate(call)
    with pytest.raises(ValidationError):
        instructor_review(by=rural.committee, instructor=c, approve=True, reason="跳步")
    c = instructor_recommend(by=rural.unit, instructor=c, approve=True, reason="推荐")
    with pytest.raises(PermissionDenied):
        instructor_review(by=rural.unit, instructor=c, approve=True, reason="自审")


@pytest.mark.django_db
def test_it_needs_a_reason_and_records_a_rejection(rural):
    call = rural.call()
    c = rural.candidate(call)
    with pytest.raises(ValidationError) as err:
        instructor_recommend(by=rural.unit, instructor=c, approve=False, reason="  ")
    assert "reason" in err.value.message_dict
    c = instructor_recommend(by=rural.unit, instructor=c, approve=False, reason="岗位离不开")
    assert c.status == Status.REJECTED
    with pytest.raises(ValidationError):
        instructor_review(by=rural.committee, instructor=c, approve=True, reason="改判")


@pytest.mark.django_db
def test_it_stops_an_ineligible_candidate_from_being_recommended(rural):
    call = rural.call()
    c = rural.candidate(call, health_ok=False)
    with pytest.raises(ValidationError):
        instructor_recommend(by=rural.unit, instructor=c, approve=True, reason="推荐")
