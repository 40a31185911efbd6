import hashlib
from datetime import timedelta

import pytest

from grassroots.evaluation.indicators import REGISTRY
from grassroots.meetings.models import Meeting
from grassroots.reporting.models import Acknowledgement, FindingStatus, Order, Report, TimelinessFinding
from grassroots.residents.models import Household, Visit
from grassroots.services.models import Claim, Request, RequestKind, Task

from .conftest import END, START, at


def figure(code, subjects):  # type: ignore[no-untyped-def]
    return REGISTRY[code].compute(subjects, START, END)  # type: ignore[misc]


@pytest.mark.django_db
def test_visits_count_and_verification_rate(period):  # type: ignore[no-untyped-def]
    home = Household.objects.create(area=period.grid.unit, room="101")
    made = [
        Visit.objects.create(
            household=home,
            visitor=period.worker_user,
            visited_at=at(d),
            channel="visit",
            outcome=o,
            fingerprint=hashlib.sha256(str(d).encode()).hexdigest(),
        )
        for d, o in ((2, "verified"), (3, "nobody_home"), (4, "corrected"))
    ]
    Visit.objects.create(  # before the period: not counted
        household=home,
        visitor=period.worker_user,
        visited_at=at(1) - timedelta(days=2),
        channel="visit",
        outcome="verified",
        fingerprint="x",
    )
    done = figure("visits_done", [period.worker, period.commander])
    assert done[period.worker.pk].numerator == 3 and done[period.worker.pk].denominator is None
    assert sorted(done[period.worker.pk].ids) == sorted(str(v.pk) for v in made)
    assert period.commander.pk not in done
    verified = figure("visits_verified", [period.worker])[period.worker.pk]
    assert (verified.numerator, verified.denominator) == (2, 3)


@pytest.mark.django_db
def test_requests_on_time_ratings_and_green_channel(period):  # type: ignore[no-untyped-def]
    def request(
        ref, *, done, deadline, rating=None, kind=RequestKind.ORDINARY, accepted=None, accept_by=None
    ):  # type: ignore[no-untyped-def]
        return Request.objects.create(
            reference=ref,
            kind=kind,
            category="medicine",
            channel="phone",
            area=period.grid.unit,
            name="居民",
            phone="13800000000",
            details="买药",
            created_at=at(2),
            deadline=deadline,
            done_at=done,
            done_by=period.worker_user,
            rating=rating,
            accepted_at=accepted,
            accepted_by=period.worker_user if accepted else None,
            accept_by=accept_by,
        )

    on_time = request("R1", done=at(3), deadline=at(4), rating=5)
    late = request("R2", done=at(6), deadline=at(4), rating=3)
    green = request(
        "G1",
        done=at(5),
        deadline=at(9),
        kind=RequestKind.GREEN_CHANNEL,
        accepted=at(5, 10),
        accept_by=at(5, 9),
    )
    f = figure("requests_on_time", [period.worker])[period.worker.pk]
    assert (f.numerator, f.denominator) == (2, 3)
    assert str(late.pk) in f.ids and str(on_time.pk) in f.ids
    stars = figure("request_ratings", [period.worker])[period.worker.pk]
    assert (stars.numerator, stars.denominator) == (8, 10)
    g = figure("green_channel_in_time", [period.worker])[period.worker.pk]
    assert (g.numerator, g.denominator, g.ids) == (0, 1, [str(green.pk)])


@pytest.mark.django_db
def test_tasks_claimed_and_completed(period):  # type: ignore[no-untyped-def]
    tasks = [
        Task.objects.create(
            title=f"配送{i}",
            kind="delivery",
            area=period.grid.compound,
            places=2,
            deadline=at(20),
            created_at=at(2),
        )
        for i in range(3)
    ]
    Claim.objects.create(task=tasks[0], user=period.worker_user, claimed_at=at(3), completed_at=at(4))
    Claim.objects.create(task=tasks[1], user=period.worker_user, claimed_at=at(5))
    Claim.objects.create(task=tasks[2], user=period.station_user, claimed_at=at(5), completed_at=at(6))
    claimed = figure("tasks_claimed", [period.worker, period.commander])
    assert claimed[period.worker.pk].numerator == 2 and claimed[period.commander.pk].numerator == 1
    completed = figure("tasks_completed", [period.worker])[period.worker.pk]
    assert (completed.numerator, completed.denominator) == (1, 2)


@pytest.mark.django_db
def test_station_reports_orders_and_meetings(period):  # type: ignore[no-untyped-def]
    station = period.station

    def report(day):  # type: ignore[no-untyped-def]
        return Report.objects.create(
            area=station.area,
            post=station,
            filed_by=period.station_user,
            category="safety",
            severity="general",
            discovered_at=at(day, 8),
            reported_at=at(day, 9),
            text="情况",
            deadline=at(day, 9),
            update_every=timedelta(hours=4),
            holder=station.area,
        )

    _on_time, late, dismissed = report(2), report(3), report(4)
    TimelinessFinding.objects.create(
        kind="late",
        area=station.area,
        post=station,
        report=late,
        occurred_at=at(3, 9),
        status=FindingStatus.CONFIRMED,
        commander=period.commander,
    )
    TimelinessFinding.objects.create(
        kind="late",
        area=station.area,
        post=station,
        report=dismissed,
        occurred_at=at(4, 9),
        status=FindingStatus.DISMISSED,
    )
    rate = figure("reports_on_time", [station])[station.pk]
    assert (rate.numerator, rate.denominator) == (2, 3)
    findings = figure("reports_late_missed_concealed", [station])[station.pk]
    assert findings.numerator == 1

    order = Order.objects.create(
        area=period.grid.district,
        issued_by=period.hq,
        title="通知",
        text="…",
        issued_at=at(5),
        ack_deadline=at(5, 18),
    )
    Acknowledgement.objects.create(order=order, post=station, area=station.area, acknowledged_at=at(5, 12))
    late_order = Order.objects.create(
        area=period.grid.district,
        issued_by=period.hq,
        title="通知2",
        text="…",
        issued_at=at(6),
        ack_deadline=at(6, 18),
    )
    Acknowledgement.objects.create(
        order=late_order, post=station, area=station.area, acknowledged_at=at(7, 9)
    )
    acks = figure("orders_acknowledged", [station])[station.pk]
    assert (acks.numerator, acks.denominator) == (1, 2)

    m = Meeting.objects.create(
        post=station,
        area=station.area,
        kind="morning",
        day=START,
        held_at=at(1, 8),
        recorded_by=period.station_user,
    )
    m.attendees.set([period.commander])
    held = figure("meetings_held", [station])[station.pk]
    assert (held.numerator, held.denominator, held.ids) == (1, 62, [str(m.pk)])
