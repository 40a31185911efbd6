import pytest
from django.core.exceptions import ValidationError

from ..models import Method, SurveyAnswer
from ..services_assessment import SURVEY_LIMIT_PER_HOUR, survey_answer, survey_token
from ..services_matching import matching_propose


def matched(rural):  # type: ignore[no-untyped-def]
    call = rural.call()
    for _ in range(6):
        rural.approved(call)
    rural.profile(call, [["industry"]] * 6)
    rural.place(matching_propose(by=rural.committee, call=call, method=Method.OPTIMAL))
    return call


@pytest.mark.django_db
def test_it_takes_one_answer_per_phone_number(rural):
    call = matched(rural)
    token = survey_token(call, rural.villages[0])
    survey_answer(token=token, phone="13812345678", score=5, ip="10.0.0.1")
    with pytest.raises(ValidationError) as err:
        survey_answer(token=token, phone="138 1234 5678", score=1, ip="10.0.0.2")
    assert "phone" in err.value.message_dict
    assert SurveyAnswer.objects.count() == 1
    # The same phone may answer for another village; the number itself is never stored.
    survey_answer(token=survey_token(call, rural.villages[1]), phone="13812345678", score=4, ip="10.0.0.1")
    assert not SurveyAnswer.objects.filter(phone_digest__contains="13812345678").exists()


@pytest.mark.django_db
def test_it_refuses_a_forged_code_and_a_flood_from_one_address(rural):
    call = matched(rural)
    with pytest.raises(ValidationError):
        survey_answer(token="forged:token", phone="13812345678", score=5, ip="10.0.0.1")
    token = survey_token(call, rural.villages[0])
    for i in range(SURVEY_LIMIT_PER_HOUR):
        survey_answer(token=token, phone=f"137{i:08d}", score=3, ip="10.9.9.9")
    with pytest.raises(ValidationError):
        survey_answer(token=token, phone="13699999999", score=3, ip="10.9.9.9")
    assert SurveyAnswer.objects.count() == SURVEY_LIMIT_PER_HOUR
