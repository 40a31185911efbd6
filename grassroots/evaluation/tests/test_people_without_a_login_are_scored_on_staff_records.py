import hashlib
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.deployment.models import Rota, RotaStatus, Shift
from grassroots.evaluation import services
from grassroots.evaluation.indicators import REGISTRY
from grassroots.meetings.models import ActionItem, Meeting
from grassroots.people.models import Gender, Staff, StaffKind
from grassroots.residents.models import Household, Visit

from .conftest import START, at


@pytest.mark.django_db
def test_people_without_a_login_get_figures_from_staff_records_and_a_reason_elsewhere(period):  # type: ignore[no-untyped-def]
    nologin = Staff.objects.create(
        name="郑无账号", gender=Gender.FEMALE, kind=StaffKind.CADRE, area=period.grid.compound
    )
    # Staff-keyed records: a published shift and a meeting action item done late.
    rota = Rota.objects.create(
        post=period.station, area=period.grid.compound, starts_on=START, status=RotaStatus.PUBLISHED
    )
    Shift.objects.create(rota=rota, staff=nologin, day=START + timedelta(days=2), slot="day")
    meeting = Meeting.objects.create(
        post=period.station,
        area=period.grid.compound,
        day=START,
        kind="morning",
        held_at=at(1, 8),
        recorded_by=period.station_user,
    )
    item = ActionItem.objects.create(
        meeting=meeting, area=period.grid.compound, title="排查", owner=nologin, deadline=at(3), done_at=at(4)
    )
    # A login-keyed record for the worker, who has a login.
    Visit.objects.create(
        household=Household.objects.create(area=period.grid.unit, room="101"),
        visitor=period.worker_user,
        visited_at=at(5),
        channel="visit",
        outcome="verified",
        fingerprint=hashlib.sha256(b"x").hexdigest(),
    )
    services.period_compute(by=period.hq, period=period.period)
    lines = period.period.scores.get(person=nologin).indicators
    assert (lines["shifts_kept"]["numerator"], lines["shifts_kept"]["denominator"]) == (1, 1)
    assert lines["action_items_on_time"]["ids"] == [str(item.pk)]
    assert lines["action_items_on_time"]["points"] == 0.0
    for code, ind in REGISTRY.items():
        if ind.needs_login:
            # Not zero, which would drag the total down: unscored, with the reason stored.
            assert lines[code]["no_login"] is True and lines[code]["points"] is None, code
    worker = period.period.scores.get(person=period.worker).indicators
    assert "no_login" not in worker["visits_done"] and worker["visits_done"]["numerator"] == 1

    c = Client()
    c.force_login(period.hq)
    page = c.get(reverse("evaluation-score", args=[period.period.scores.get(person=nologin).pk]))
    login_keyed = sum(1 for ind in REGISTRY.values() if ind.needs_login)
    assert page.content.decode().count('data-unscored="no-login"') == login_keyed
