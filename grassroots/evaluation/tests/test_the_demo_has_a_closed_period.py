import pytest
from django.test import Client

from grassroots.core.models import User
from grassroots.evaluation.models import Accountability, Honour, PeriodStatus, SelectionCandidate


@pytest.mark.django_db
def test_the_demo_has_a_closed_period_with_scores_honours_and_accountability(demo):  # type: ignore[no-untyped-def]
    period = demo.extra["assessment_period"]
    assert period.status == PeriodStatus.CLOSED
    assert period.scores.filter(person__isnull=False).count() > 100
    assert period.scores.filter(post__isnull=False).count() == 230
    assert Honour.objects.filter(period=period).exists()
    assert Accountability.objects.exists()
    assert SelectionCandidate.objects.filter(period=period).count() == 10
    # The station's cadre sees their own accountability record and reply.
    client = Client()
    client.force_login(User.objects.get(username="station"))
    page = client.get("/evaluation/accountability/").content.decode()
    assert "晚间例会未按时召开" in page
