from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from grassroots.core.models import AccessGrant

from ..models import Assessment, Grade, Instructor, Method
from ..services_assessment import (
    assessment_compute,
    cadre_review_record,
    grade_for,
    scores_from,
    survey_answer,
    survey_token,
)
from ..services_matching import matching_propose
from ..services_work import work_log_write


def test_it_grades_by_the_four_floors():
    assert [grade_for(Decimal(x)) for x in (95, 90, 80, 75, 60, 59.9)] == [
        Grade.EXCELLENT,
        Grade.EXCELLENT,
        Grade.COMPETENT,
        Grade.COMPETENT,
        Grade.BASIC,
        Grade.INCOMPETENT,
    ]


def test_it_leaves_out_parts_with_no_answers_instead_of_scoring_them_zero():
    inputs = {
        "log_days": 8,
        "log_days_expected": 8,
        "meetings_reported": 1,
        "meetings_held": 1,
        "training_attended": 0,
        "training_sessions": 5,
        "training_required": 2,
        "survey_mean": None,
        "cadre_mean": 80.0,
    }
    work, survey, cadre, total, grade = scores_from(inputs)
    assert (work, survey, cadre) == (Decimal("75.0"), None, Decimal("80.0"))
    assert total == Decimal("76.4") and grade == Grade.COMPETENT  # (0.5·75 + 0.2·80) / 0.7


@pytest.mark.django_db
def test_it_keeps_every_input_behind_a_grade(rural, make_user):
    call = rural.call()
    person = rural.approved(call)
    rural.profile(call, [["industry"]] * 6)
    rural.place(matching_propose(by=rural.committee, call=call, method=Method.OPTIMAL))
    person = Instructor.objects.select_related("village").get(pk=person.pk)
    assert person.village is not None
    work_log_write(
        by=person.user, instructor=person, village=person.village, day=timezone.localdate(), done="走访农户"
    )
    survey_answer(token=survey_token(call, person.village), phone="13800000001", score=5, ip="1.1.1.1")
    cadre = make_user("cadre", "community", person.village)
    outsider = make_user(
        "outsider",
        "community",
        rural.villages[-1] if person.village != rural.villages[-1] else rural.villages[0],
    )
    with pytest.raises(PermissionDenied):
        cadre_review_record(by=outsider, instructor=person, score=90)
    cadre_review_record(by=cadre, instructor=person, score=90)
    assert AccessGrant.objects.filter(user=cadre).exists()
    [a] = assessment_compute(by=rural.committee, call=call, year=timezone.localdate().year)
    assert a.period == Assessment.Period.YEAR
    assert a.inputs["log_days"] == 1 and a.inputs["survey_answers"] == 1 and a.inputs["cadre_reviews"] == 1
    assert a.survey_score == Decimal("100.0") and a.cadre_score == Decimal("90.0")
    assert (a.total, a.grade) == scores_from(a.inputs)[3:]
