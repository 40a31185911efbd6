"""Once a call is finished its selection and matching are settled: every step of them is refused,
naming the call and why, while the instructors serve on and may still leave their posts."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ..models import Instructor, Matching, MatchingStatus, Method, Status, TrainingKind, VillageNeed
from ..services import (
    call_finish,
    instructor_rank_villages,
    instructor_recommend,
    instructor_review,
    need_update,
)
from ..services_matching import instructor_leave, matching_adjust, matching_decide, matching_propose
from ..services_work import training_record


def finished(rural):  # type: ignore[no-untyped-def]
    call, made = rural.in_matching()
    # A candidate's record still in a state a step expects, as a request started before finishing would see it.
    stale = Instructor.objects.get(pk=made["applied"].pk)
    stale_recommended = Instructor.objects.get(pk=made["recommended"].pk)
    call_finish(by=rural.committee, call=call, reason="选派工作完成")
    call.refresh_from_db()
    return call, made, stale, stale_recommended


def refused(step) -> str:  # type: ignore[no-untyped-def]
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        step()
    error = caught.value.error_dict["call"][0]
    assert error.code == "finished"
    return str(error.message % error.params)


@pytest.mark.django_db
def test_every_selection_and_matching_step_is_refused_naming_why(rural):
    call, made, stale, stale_recommended = finished(rural)
    need = VillageNeed.objects.filter(call=call).first()
    assert need is not None
    steps = [
        lambda: matching_propose(by=rural.committee, call=call, method=Method.OPTIMAL),
        lambda: matching_adjust(by=rural.committee, call=call, reason="有人离岗"),
        lambda: instructor_recommend(by=rural.unit, instructor=stale, approve=True, reason="同意"),
        lambda: instructor_review(
            by=rural.committee, instructor=stale_recommended, approve=True, reason="同意"
        ),
        lambda: instructor_rank_villages(by=made["late"].user, instructor=made["late"], village_ids=[]),
        lambda: need_update(
            by=rural.township_user,
            need=need,
            version=need.version,
            focus=["industry"],
            households=300,
            distance_km=10,
            special_needs="",
        ),
    ]
    for step in steps:
        said = refused(step)
        assert call.name in said and "is finished" in said and "supplementary call" in said
    assert not Matching.objects.filter(call=call, status=MatchingStatus.PROPOSED).exists()
    assert Instructor.objects.get(pk=stale.pk).status == Status.NOT_SELECTED


@pytest.mark.django_db
def test_a_proposal_made_before_finishing_cannot_be_approved_after(rural):
    call, made = rural.in_matching()
    proposal = made["proposal"]
    call_finish(by=rural.committee, call=call, reason="选派工作完成")
    for approve in (True, False):
        refused(
            lambda approve=approve: matching_decide(
                by=rural.committee, matching=proposal, approve=approve, reason="补批"
            )
        )
    proposal.refresh_from_db()
    assert proposal.status == MatchingStatus.REJECTED


@pytest.mark.django_db
def test_the_instructors_serve_on_and_may_leave(rural):
    call, _made, _stale, _stale_recommended = finished(rural)
    serving = list(call.instructors.filter(status=Status.APPROVED, village__isnull=False))
    session = training_record(
        by=rural.committee,
        call=call,
        title="驻村实务",
        kind=TrainingKind.PRACTICE,
        held_on=date.today(),
        hours=Decimal(4),
        place="市委党校",
        attendee_ids=[p.pk for p in serving],
    )
    assert session.attendees.count() == len(serving)
    left = instructor_leave(by=rural.committee, instructor=serving[0], reason="提拔任用")
    assert left.status == Status.LEFT and left.village is None
