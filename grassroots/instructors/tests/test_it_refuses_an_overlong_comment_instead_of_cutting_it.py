"""A villager's or cadre's comment longer than its column is refused, naming the field, its limit and
what was typed, beside the field on the page: cutting it would lose what they wrote."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ..models import CadreReview, Instructor, Method, SurveyAnswer
from ..services_assessment import cadre_review_record, survey_answer, survey_token
from ..services_matching import matching_propose


def serving(rural) -> Instructor:  # type: ignore[no-untyped-def]
    call = rural.call()
    person = rural.approved(call)
    rural.profile(call, [["industry"]] * 6)
    rural.place(matching_propose(by=rural.committee, call=call, method=Method.OPTIMAL))
    person = Instructor.objects.select_related("village", "call").get(pk=person.pk)
    assert person.village is not None
    return person


@pytest.mark.django_db
def test_the_survey_refuses_a_long_comment_and_keeps_one_at_the_limit(rural):
    person = serving(rural)
    assert person.village is not None
    token = survey_token(person.call, person.village)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        survey_answer(token=token, phone="13800000001", score=4, comment="好" * 301, ip="1.1.1.1")
    [error] = refused.value.error_dict["comment"]
    assert error.code == "max_length"
    assert "300" in str(error.message % error.params) and "301" in str(error.message % error.params)
    assert not SurveyAnswer.objects.exists()
    kept = survey_answer(token=token, phone="13800000001", score=4, comment=f"  {'好' * 300}  ", ip="1.1.1.1")
    assert SurveyAnswer.objects.get(pk=kept.pk).comment == "好" * 300


@pytest.mark.django_db
def test_the_survey_page_says_so_beside_the_comment(rural):
    person = serving(rural)
    assert person.village is not None
    url = reverse("instructors-survey", args=[survey_token(person.call, person.village)])
    got = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        url, {"phone": "13800000001", "score": "4", "comment": "好" * 301}
    )
    assert got.context["form"].has_error("comment") and not got.context["done"]
    assert "好" * 301 in got.content.decode()  # what was typed is still there to shorten
    assert not SurveyAnswer.objects.exists()


@pytest.mark.django_db
def test_a_cadre_review_refuses_a_long_comment(rural, make_user):
    person = serving(rural)
    cadre = make_user("cadre", "community", person.village)
    with pytest.raises(ValidationError) as refused:
        cadre_review_record(by=cadre, instructor=person, score=90, comment="好" * 301)
    assert refused.value.error_dict["comment"][0].code == "max_length"
    assert not CadreReview.objects.exists()
