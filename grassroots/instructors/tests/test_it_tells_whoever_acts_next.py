"""Each selection step that hands work to someone tells them, with a link to where they act."""

import pytest
from django.urls import reverse

from grassroots.core.models import Notification

from ..models import InstructorRole, Method, RoleKind
from ..services import instructor_recommend, instructor_review
from ..services_matching import matching_propose


@pytest.mark.django_db
def test_each_step_tells_the_next_one(rural):
    other_unit = rural.make_user("other-unit")
    InstructorRole.objects.create(
        user=other_unit, kind=RoleKind.SENDING_UNIT, department=rural.other_department, area=rural.county
    )
    call = rural.call()
    candidate = rural.candidate(call)
    person = reverse("instructors-person", args=[candidate.pk])

    to_unit = Notification.objects.get(recipient=rural.unit)
    assert to_unit.link == person and candidate.name in to_unit.title
    assert not Notification.objects.filter(recipient=other_unit).exists()
    assert not Notification.objects.filter(recipient__in=[rural.township_user, rural.committee]).exists()

    instructor_recommend(by=rural.unit, instructor=candidate, approve=True, reason="业务骨干")
    to_township = Notification.objects.get(recipient=rural.township_user)
    assert to_township.link == reverse("instructors-needs", args=[call.pk])
    assert candidate.name in to_township.title
    to_committee = Notification.objects.get(recipient=rural.committee)
    assert to_committee.link == person

    instructor_review(by=rural.committee, instructor=candidate, approve=True, reason="同意")
    to_candidate = Notification.objects.get(recipient=candidate.user)
    assert to_candidate.link == reverse("instructors-preferences", args=[candidate.pk])

    rural.profile(call, [["industry"]] * 6)
    rural.place(matching_propose(by=rural.committee, call=call, method=Method.OPTIMAL))
    placed = Notification.objects.filter(recipient=candidate.user).latest("pk")
    candidate.refresh_from_db()
    assert candidate.village is not None and candidate.village.name in placed.title
    assert placed.link == reverse("instructors-log")


@pytest.mark.django_db
def test_a_candidate_the_unit_turns_down_is_told_and_nobody_else(rural):
    call = rural.call()
    candidate = rural.candidate(call)
    instructor_recommend(by=rural.unit, instructor=candidate, approve=False, reason="岗位需要")
    told = Notification.objects.get(recipient=candidate.user)
    assert told.link == reverse("instructors-mine")
    assert not Notification.objects.filter(recipient__in=[rural.township_user, rural.committee]).exists()


@pytest.mark.django_db
def test_an_ineligible_application_hands_no_work_to_the_unit(rural):
    rural.candidate(rural.call(), health_ok=False)
    assert not Notification.objects.filter(recipient=rural.unit).exists()
