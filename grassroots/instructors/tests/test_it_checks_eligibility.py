from datetime import date

import pytest
from django.core.exceptions import ValidationError

from grassroots.core.models import AuditLog

from ..models import Decision, Status


@pytest.mark.django_db
def test_it_admits_a_candidate_meeting_every_rule(rural):
    call = rural.call()
    c = rural.candidate(call)
    assert c.status == Status.APPLIED and c.failed_rule == ""
    assert c.steps.get().decision == Decision.SUBMIT


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("override", "rule"),
    [
        ({"political_quality_ok": False}, "political_quality"),
        ({"health_ok": False}, "health"),
        ({"party_work_years": 1}, "party_work_years"),
        ({"birth_date": date(1960, 1, 1)}, "max_age"),
    ],
)
def test_it_stops_an_ineligible_application_naming_the_rule(rural, override, rule):
    call = rural.call()
    c = rural.candidate(call, **override)
    assert c.status == Status.INELIGIBLE and c.failed_rule == rule
    step = c.steps.get()
    assert step.decision == Decision.INELIGIBLE
    label = str(call.rules.get(kind=rule))
    assert label in step.reason_words
    assert AuditLog.objects.filter(
        action="instructor_apply", object_id=str(c.pk), reason=step.reason_words
    ).exists()


@pytest.mark.django_db
def test_it_uses_the_calls_own_configured_rules(rural):
    call = rural.call(rules={"service_years": 10})
    assert rural.candidate(call, service_years=9).failed_rule == "service_years"
    # No health rule in this call: an unfit-for-rural-work flag does not stop anyone.
    assert rural.candidate(call, service_years=10, health_ok=False).status == Status.APPLIED


@pytest.mark.django_db
def test_it_lets_a_stopped_candidate_correct_and_apply_again(rural):
    call = rural.call()
    user = rural.make_user("again")
    first = rural.candidate(call, user=user, health_ok=False)
    second = rural.candidate(call, user=user)
    assert second.pk == first.pk and second.status == Status.APPLIED and second.steps.count() == 2
    with pytest.raises(ValidationError):
        rural.candidate(call, user=user)


@pytest.mark.django_db
def test_it_refuses_a_bad_phone_without_writing(rural):
    call = rural.call()
    with pytest.raises(ValidationError) as err:
        rural.candidate(call, phone="12345")
    assert "phone" in err.value.message_dict
    assert not call.instructors.exists()
