import hashlib

import pytest
from django.core.exceptions import ValidationError

from grassroots.evaluation import services
from grassroots.evaluation.models import PeriodStatus, SchemeIndicator, Score
from grassroots.residents.models import Household, Visit

from .conftest import at


def visit(home, user, day, outcome="verified"):  # type: ignore[no-untyped-def]
    return Visit.objects.create(
        household=home,
        visitor=user,
        visited_at=at(day),
        channel="visit",
        outcome=outcome,
        fingerprint=hashlib.sha256(f"{day}{outcome}".encode()).hexdigest(),
    )


def snapshot(period):  # type: ignore[no-untyped-def]
    return [(s.person_id, s.post_id, s.total, s.indicators) for s in period.scores.order_by("pk")]


@pytest.mark.django_db
def test_a_closed_period_recomputes_identically(period):  # type: ignore[no-untyped-def]
    home = Household.objects.create(area=period.grid.unit, room="101")
    visit(home, period.worker_user, 2)
    visit(home, period.worker_user, 3, "nobody_home")
    services.rating_record(
        by=period.station_user, period=period.period, person=period.worker, code="conduct", value=90
    )
    closed = services.period_close(by=period.hq, period=period.period)
    assert closed.status == PeriodStatus.CLOSED
    before = snapshot(closed)
    worker = closed.scores.get(person=period.worker)
    assert worker.indicators["visits_verified"]["numerator"] == 1

    # The records change afterwards, and so does the scheme: the closed period does not.
    visit(home, period.worker_user, 4)
    Visit.objects.filter(outcome="nobody_home").update(outcome="verified")
    SchemeIndicator.objects.filter(code="conduct").update(weight=90)
    services.period_compute(by=period.hq, period=closed)
    assert snapshot(closed) == before
    # A stored total edited behind the app's back is restored from the stored inputs.
    Score.objects.filter(pk=worker.pk).update(total=0)
    services.period_compute(by=period.hq, period=closed)
    assert snapshot(closed) == before
    with pytest.raises(ValidationError):
        services.rating_record(by=period.hq, period=closed, person=period.worker, code="conduct", value=10)


@pytest.mark.django_db
def test_an_open_period_follows_the_records(period):  # type: ignore[no-untyped-def]
    home = Household.objects.create(area=period.grid.unit, room="101")
    visit(home, period.worker_user, 2, "nobody_home")
    services.period_compute(by=period.hq, period=period.period)
    first = period.period.scores.get(person=period.worker)
    assert first.indicators["visits_verified"]["points"] == 0
    visit(home, period.worker_user, 3)
    services.period_compute(by=period.hq, period=period.period)
    second = period.period.scores.get(person=period.worker)
    assert second.indicators["visits_verified"]["points"] == 50
    assert second.total > first.total


@pytest.mark.django_db
def test_the_total_weighs_only_indicators_with_something_to_count(period):  # type: ignore[no-untyped-def]
    services.rating_record(
        by=period.station_user, period=period.period, person=period.worker, code="conduct", value=80
    )
    services.rating_record(
        by=period.community, period=period.period, person=period.worker, code="community_rating", value=60
    )
    services.period_compute(by=period.hq, period=period.period)
    score = period.period.scores.get(person=period.worker)
    # Counts with nothing done score 0 of their target; rates with nothing to count are left out.
    assert score.indicators["visits_done"]["points"] == 0
    assert score.indicators["visits_verified"]["points"] is None
    assert str(score.total) == "35.00"  # (80 + 60 + 0 + 0) / 4
    station = period.period.scores.get(post=period.station)
    assert station.indicators["reports_late_missed_concealed"]["points"] == 100
