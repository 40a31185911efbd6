"""A report reaches every level at once; each acknowledges; the holder handles it or passes it up."""

import uuid

import pytest
from django.core.exceptions import ValidationError

from grassroots.core.models import Notification
from grassroots.reporting.models import StepAction
from grassroots.reporting.services import report_acknowledge, report_close, report_file, report_route

from .conftest import at


def test_it_notifies_every_level_and_the_nearest_holds_it(chain, grid):  # type: ignore[no-untyped-def]
    report = report_file(
        by=chain.station_user,
        area=grid.compound,
        category="emergency",
        severity="major",
        discovered_at=at(2, 8),
        text="燃气泄漏",
        now=at(2, 8, 20),
    )
    assert report.post == chain.station and report.holder == grid.community
    assert [s.level for s in report.steps.order_by("-level__depth")] == [
        grid.community,
        grid.street,
        grid.district,
    ]
    told = set(
        Notification.objects.filter(link=f"/reports/{report.pk}/").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"she", "jie", "qu"}
    assert Notification.objects.filter(recipient__username="she", urgent=True).exists()

    report_acknowledge(by=chain.community_user, report=report)
    report_acknowledge(by=chain.district_user, report=report)
    with pytest.raises(ValidationError):
        report_route(by=chain.street_user, report=report, action=StepAction.HANDLED, note="我来")
    with pytest.raises(ValidationError):
        report_route(by=chain.community_user, report=report, action=StepAction.PASSED_UP, note=" ")
    report_route(
        by=chain.community_user, report=report, action=StepAction.PASSED_UP, note="需要街道调度燃气公司"
    )
    report.refresh_from_db()
    assert report.holder == grid.street
    assert Notification.objects.filter(recipient__username="jie", link=f"/reports/{report.pk}/").count() == 2
    report_route(by=chain.street_user, report=report, action=StepAction.HANDLED, note="已调度抢修")
    steps = {s.level_id: s for s in report.steps.all()}
    assert steps[grid.community.pk].action == StepAction.PASSED_UP
    assert steps[grid.street.pk].action == StepAction.HANDLED and steps[grid.street.pk].acknowledged_at
    assert steps[grid.district.pk].acknowledged_at and not steps[grid.district.pk].action

    closed = report_close(by=chain.station_user, report=report, outcome="已修复, 无人员伤亡", now=at(2, 10))
    assert closed.status == "closed" and closed.updates.get().closing


def test_the_filer_cannot_acknowledge_and_a_stranger_cannot_see_it(chain, grid, make_user):  # type: ignore[no-untyped-def]
    report = report_file(
        by=chain.station_user,
        area=grid.compound,
        category="other",
        severity="general",
        discovered_at=at(2, 8),
        text="路灯损坏",
        now=at(2, 8, 5),
    )
    with pytest.raises(ValidationError):
        report_acknowledge(by=chain.station_user, report=report)
    other = make_user("other", "community", grid.communities[1])
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        report_acknowledge(by=other, report=report)


def test_it_files_once_per_client_id_and_names_bad_fields(chain, grid):  # type: ignore[no-untyped-def]
    key = uuid.uuid4()
    kwargs = dict(
        by=chain.station_user,
        area=grid.compound,
        category="safety",
        severity="general",
        discovered_at=at(2, 8),
        text="电梯困人",
        client_id=key,
        now=at(2, 8, 5),
    )
    assert report_file(**kwargs) == report_file(**kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as bad:
        report_file(
            by=chain.station_user,
            area=grid.compounds[2],
            category="fire",
            severity="huge",
            discovered_at=at(9, 8),
            text="",
            now=at(2, 8),
        )
    assert set(bad.value.message_dict) == {"category", "severity", "discovered_at", "text", "area"}


def test_the_api_files_acknowledges_and_rolls_up(chain, grid, api):  # type: ignore[no-untyped-def]
    station = api(chain.station_user)
    got = station.post(
        "/api/v1/reports",
        {
            "category": "emergency",
            "severity": "major",
            "discovered_at": "2026-03-02T08:00:00+08:00",
            "area": grid.compound.pk,
            "text": "火情",
        },
        content_type="application/json",
    )
    assert got.status_code == 201, got.content
    body = got.json()
    assert body["deadline"] == "2026-03-02T09:00:00+08:00" and {"id", "timeliness"} <= set(body)
    bad = station.post(
        "/api/v1/reports",
        {
            "category": "x",
            "severity": "major",
            "discovered_at": "2026-03-02T08:00:00+08:00",
            "area": grid.compound.pk,
            "text": "火情",
        },
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "category"

    community = api(chain.community_user)
    acked = community.post(f"/api/v1/reports/{body['id']}/acknowledge")
    assert acked.status_code == 200 and acked.json()["level"] == grid.community.pk
    progress = station.post(
        f"/api/v1/reports/{body['id']}/progress", {"measures": "已扑灭"}, content_type="application/json"
    )
    assert progress.status_code == 201
    closed = station.post(
        f"/api/v1/reports/{body['id']}/close", {"outcome": "无伤亡"}, content_type="application/json"
    )
    assert closed.json()["status"] == "closed"

    district = api(chain.district_user)
    roll = district.get(
        f"/api/v1/reports/timeliness?area={grid.district.pk}&from=2026-03-01&to=2026-03-03"
    ).json()
    assert set(roll) >= {"reports", "on_time", "late", "missed", "concealed", "missed_updates", "children"}
    assert roll["reports"] == 1 and roll["late"] == 1, "filed long after the one-hour deadline"
    assert [c["reports"] for c in roll["children"]] == [1, 0]
    outsider = api(chain.community_user).get(f"/api/v1/reports/timeliness?area={grid.streets[1].pk}")
    assert outsider.status_code == 404
