import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from grassroots.evaluation import selectors, services
from grassroots.evaluation.models import AccountabilityStatus


@pytest.mark.django_db
def test_a_rater_cannot_rate_themselves(period):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        services.rating_record(
            by=period.station_user,
            period=period.period,
            person=period.commander,
            code="commander_rating",
            value=100,
        )
    assert "person" in exc.value.message_dict
    services.rating_record(
        by=period.station_user, period=period.period, person=period.worker, code="commander_rating", value=85
    )


@pytest.mark.django_db
def test_the_community_rating_needs_the_community(period):  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.rating_record(
            by=period.station_user,
            period=period.period,
            person=period.worker,
            code="community_rating",
            value=70,
        )
    with pytest.raises(PermissionDenied):
        services.rating_record(
            by=period.worker_user, period=period.period, person=period.commander, code="conduct", value=70
        )


@pytest.mark.django_db
def test_a_person_sees_only_their_own_records_unless_a_superior(period, make_user):  # type: ignore[no-untyped-def]
    services.period_compute(by=period.hq, period=period.period)
    record = services.accountability_open(
        by=period.community, person=period.commander, title="迟报", evidence="晚报两小时"
    )
    services.accountability_open(by=period.community, person=period.worker, title="漏报", evidence="未报告")

    worker_sees = selectors.ranking(user=period.worker_user, period=period.period)
    assert [s.person for s in worker_sees] == [period.worker]
    assert [a.person for a in selectors.accountabilities(user=period.worker_user)] == [period.worker]
    assert selectors.accountabilities(user=period.station_user).count() == 2
    assert selectors.ranking(user=period.station_user, period=period.period).count() == 2
    outsider = make_user("far", "station", period.grid.compounds[-1])
    assert selectors.ranking(user=outsider, period=period.period).count() == 0
    assert (
        selectors.score_get(
            user=period.worker_user, score_id=period.period.scores.get(person=period.commander).pk
        )
        is None
    )

    # Only the person replies; someone else decides.
    with pytest.raises(PermissionDenied):
        services.accountability_reply(by=period.hq, record=record, reply="…")
    services.accountability_reply(by=period.station_user, record=record, reply="系统故障导致延迟")
    with pytest.raises(PermissionDenied):
        services.accountability_decide(by=period.station_user, record=record, confirm=False, reason="本人")
    with pytest.raises(ValidationError):
        services.accountability_decide(by=period.community, record=record, confirm=True, reason="")
    services.accountability_decide(by=period.community, record=record, confirm=True, reason="证据确凿")
    record.refresh_from_db()
    assert record.status == AccountabilityStatus.CONFIRMED and record.reply
    services.accountability_set_outcome(by=period.hq, record=record, outcome="criticism")
