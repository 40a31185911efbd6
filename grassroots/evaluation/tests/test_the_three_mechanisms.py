import pytest
from django.core.exceptions import ValidationError

from grassroots.evaluation import services
from grassroots.evaluation.models import AccountabilitySource, Honour, NominationStatus, SelectionStatus
from grassroots.reporting.models import FindingStatus, Report, TimelinessFinding

from .conftest import at


@pytest.mark.django_db
def test_a_confirmed_finding_opens_accountability_once(period):  # type: ignore[no-untyped-def]
    from datetime import timedelta

    station = period.station
    report = Report.objects.create(
        area=station.area,
        post=station,
        filed_by=period.station_user,
        category="safety",
        severity="general",
        discovered_at=at(2, 8),
        reported_at=at(2, 12),
        text="情况",
        deadline=at(2, 9),
        update_every=timedelta(hours=4),
        holder=station.area,
    )
    finding = TimelinessFinding.objects.create(
        kind="late",
        area=station.area,
        post=station,
        report=report,
        occurred_at=at(2, 9),
        commander=period.commander,
        evidence="晚报三小时",
    )
    with pytest.raises(ValidationError) as exc:
        services.accountability_from_finding(by=period.hq, finding=finding)
    assert "finding" in exc.value.message_dict
    finding.status = FindingStatus.CONFIRMED
    finding.save()
    (record,) = services.accountability_from_confirmed_findings(by=period.hq, area=period.grid.district)
    assert record.person == period.commander and record.source == AccountabilitySource.REPORTING
    assert record.evidence == "晚报三小时"
    assert services.accountability_from_confirmed_findings(by=period.hq, area=period.grid.district) == []


@pytest.mark.django_db
def test_nomination_approval_records_an_honour_and_the_pool_draws_on_it(period):  # type: ignore[no-untyped-def]
    nomination = services.nomination_create(
        by=period.station_user,
        period=period.period,
        person=period.worker,
        title="优秀下沉干部",
        reason="表现突出",
    )
    with pytest.raises(ValidationError):
        services.nomination_create(
            by=period.station_user,
            period=period.period,
            person=period.commander,
            title="优秀下沉干部",
            reason="自荐",
        )
    services.nomination_decide(by=period.hq, nomination=nomination, approve=True)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED
    assert Honour.objects.get(person=period.worker).title == "优秀下沉干部"

    with pytest.raises(ValidationError) as exc:
        services.selection_pool_build(by=period.hq, period=period.period, area=period.grid.district)
    assert "period" in exc.value.message_dict
    services.period_close(by=period.hq, period=period.period)
    pool = services.selection_pool_build(
        by=period.hq, period=period.period, area=period.grid.district, size=1
    )
    assert [(c.person, c.honours) for c in pool] == [(period.worker, 1)]
    services.selection_decide(by=period.hq, candidate=pool[0], recommend=True, reason="考核优秀，群众认可")
    pool[0].refresh_from_db()
    assert pool[0].status == SelectionStatus.RECOMMENDED and pool[0].reviewer == period.hq
