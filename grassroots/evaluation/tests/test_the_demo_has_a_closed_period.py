import pytest
from django.test import Client

from grassroots.core.models import User
from grassroots.demo import accounts, grid, party, people
from grassroots.demo import evaluation as evaluation_demo
from grassroots.demo.context import DemoContext
from grassroots.evaluation.models import Accountability, Honour, PeriodStatus, SelectionCandidate


@pytest.mark.django_db
def test_the_demo_has_a_closed_period_with_scores_honours_and_accountability():  # type: ignore[no-untyped-def]
    ctx = DemoContext(seed=7, scale=0.15)
    for step in (grid.build, people.build, accounts.build, party.build, evaluation_demo.build):
        step(ctx)
    period = ctx.extra["assessment_period"]
    assert period.status == PeriodStatus.CLOSED
    assert period.scores.filter(person__isnull=False).count() > 100
    assert period.scores.filter(post__isnull=False).count() == 230
    assert Honour.objects.filter(period=period).count() == 7  # eight streets nominated, one left pending
    assert SelectionCandidate.objects.filter(period=period).count() == 10
    assert Accountability.objects.filter(reply__gt="").exists()
    # The station's cadre sees their own accountability record and reply.
    client = Client()
    client.force_login(User.objects.get(username="station"))
    page = client.get("/evaluation/accountability/").content.decode()
    assert "晚间例会未按时召开" in page
