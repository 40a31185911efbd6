"""A village has one serving instructor at a time: a second call over a served village is marked, and
its matching is refused where it would seat a second instructor in the same period."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grassroots.core.models import AuditLog

from ..models import Instructor, MatchingStatus, Method
from ..services import call_create
from ..services_matching import matching_decide, matching_propose


def second_call(rural, starts_in_days: int):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    return call_create(
        by=rural.committee,
        name="补充选派",
        area=rural.county,
        villages=rural.villages[:2],
        opens_on=today - timedelta(days=2),
        closes_on=today + timedelta(days=2),
        serves_from=today + timedelta(days=starts_in_days),
        serves_until=today + timedelta(days=starts_in_days + 700),
        rules={},
    )


@pytest.mark.django_db
def test_a_second_call_over_a_served_village_is_named_and_cannot_seat_a_second_instructor(rural):
    first = rural.call()
    serving = [rural.approved(first) for _ in range(6)]
    rural.profile(first, [["industry"]] * 6)
    rural.place(matching_propose(by=rural.committee, call=first, method=Method.OPTIMAL))
    later = second_call(rural, starts_in_days=30)
    record = AuditLog.objects.get(action="instructor_call_create", object_id=str(later.pk))
    assert sorted(record.detail["already_served"]) == sorted(v.name for v in rural.villages[:2])
    c = Client()
    c.force_login(rural.committee)
    page = c.get(reverse("instructors-call", args=[later.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Villages with an instructor still serving" in page and rural.villages[0].name in page

    newcomer = rural.approved(later)
    rural.profile(later, [["industry"]] * 2)
    proposal = matching_propose(by=rural.committee, call=later, method=Method.OPTIMAL)
    rural.close_applications(later)
    with pytest.raises(ValidationError) as refused:
        matching_decide(by=rural.committee, matching=proposal, approve=True, reason="补充")
    placed = proposal.pairs.get().village
    assert placed.name in refused.value.message_dict["approve"][0]
    assert Instructor.objects.get(pk=newcomer.pk).village_id is None
    assert {i.pk for i in Instructor.objects.filter(village=placed)} <= {s.pk for s in serving}


@pytest.mark.django_db
def test_a_call_whose_service_starts_after_the_last_one_ends_is_not_marked(rural):
    first = rural.call()
    rural.approved(first)
    rural.profile(first, [["industry"]] * 6)
    proposal = matching_propose(by=rural.committee, call=first, method=Method.OPTIMAL)
    rural.place(proposal)
    later = second_call(
        rural, starts_in_days=first.serves_until.toordinal() - timezone.localdate().toordinal() + 1
    )
    record = AuditLog.objects.get(action="instructor_call_create", object_id=str(later.pk))
    assert record.detail["already_served"] == []
    rural.approved(later)
    rural.profile(later, [["industry"]] * 2)
    rural.close_applications(later)
    again = matching_propose(by=rural.committee, call=later, method=Method.OPTIMAL)
    assert rural.place(again).status == MatchingStatus.APPROVED
