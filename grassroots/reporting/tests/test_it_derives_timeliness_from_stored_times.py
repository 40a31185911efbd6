"""On time, late (by how long), missed, concealed and missed updates, on hand-made timelines."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from grassroots.reporting.models import FindingKind, FindingStatus, Source, TimelinessFinding
from grassroots.reporting.selectors import timeliness
from grassroots.reporting.services import (
    finding_review,
    progress_check,
    report_file,
    report_progress,
    report_record_concealed,
    report_record_missed,
)

from .conftest import at


def file(chain, grid, *, discovered, reported, category="safety", severity="general"):  # type: ignore[no-untyped-def]
    return report_file(
        by=chain.station_user,
        area=grid.compound,
        category=category,
        severity=severity,
        discovered_at=discovered,
        text="楼道堆放杂物起火",
        now=reported,
    )


def test_it_is_on_time_up_to_the_deadline_and_late_after_it(chain, grid):  # type: ignore[no-untyped-def]
    emergency = file(chain, grid, discovered=at(2, 8), reported=at(2, 9), category="emergency")
    assert emergency.deadline == at(2, 9), "an emergency is due within one hour of discovery"
    assert emergency.late_by is None and not emergency.findings.exists()

    severe = file(
        chain, grid, discovered=at(2, 8), reported=at(2, 9, 10), category="emergency", severity="severe"
    )
    assert severe.deadline == at(2, 8, 30), "the strictest matching rule applies"
    assert severe.late_by == timedelta(minutes=40)
    finding = severe.findings.get()
    assert finding.kind == FindingKind.LATE and finding.late_by == timedelta(minutes=40)
    assert finding.occurred_at == at(2, 8, 30)

    figures = timeliness(
        user=chain.district_user, area=grid.district, start=at(1, 0), end=at(3, 0), now=at(2, 10)
    )
    assert (figures["reports"], figures["on_time"], figures["late"]) == (2, 1, 1)
    assert figures["on_time_rate"] == 50.0


def test_a_worker_that_ran_late_records_the_same_lapses(chain, grid):  # type: ignore[no-untyped-def]
    report = file(chain, grid, discovered=at(2, 8), reported=at(2, 8, 30))  # progress every 4 h
    report_progress(by=chain.station_user, report=report, measures="已疏散", now=at(2, 12, 0))

    # Next update due 16:00. The worker should have run at 16:00 but ran at 01:00 the next day.
    assert progress_check(report_id=report.pk, now=at(3, 1)) == 3
    lapses = list(TimelinessFinding.objects.filter(kind=FindingKind.MISSED_UPDATE).order_by("occurred_at"))
    assert [f.occurred_at for f in lapses] == [at(2, 16), at(2, 20), at(3, 0)], "each at its due time"
    assert progress_check(report_id=report.pk, now=at(3, 1, 30)) == 3, "running again finds the same lapses"
    assert TimelinessFinding.objects.filter(kind=FindingKind.MISSED_UPDATE).count() == 3

    # The roll-up counts from stored times whether or not any worker ran.
    TimelinessFinding.objects.filter(kind=FindingKind.MISSED_UPDATE).delete()
    figures = timeliness(
        user=chain.district_user, area=grid.district, start=at(1, 0), end=at(4, 0), now=at(3, 1)
    )
    assert figures["missed_updates"] == 1 and figures["late"] == 0


def test_a_late_update_counts_as_a_missed_update(chain, grid):  # type: ignore[no-untyped-def]
    report = file(chain, grid, discovered=at(2, 8), reported=at(2, 8, 30))
    report_progress(by=chain.station_user, report=report, measures="处置中", now=at(2, 14))
    finding = TimelinessFinding.objects.get(kind=FindingKind.MISSED_UPDATE)
    assert finding.occurred_at == at(2, 12, 30) and finding.late_by == timedelta(hours=1, minutes=30)
    figures = timeliness(
        user=chain.district_user, area=grid.district, start=at(1, 0), end=at(4, 0), now=at(2, 15)
    )
    assert figures["missed_updates"] == 1


def test_it_records_missed_and_concealed_reports_with_their_evidence(chain, grid):  # type: ignore[no-untyped-def]
    missed = report_record_missed(
        by=chain.community_user,
        area=grid.compound,
        category="public_order",
        severity="major",
        discovered_at=at(2, 20),
        text="居民聚集",
        evidence="12345热线工单 No.778",
        now=at(3, 9),
    )
    assert missed.kind == FindingKind.MISSED and missed.report.source == Source.OTHER
    assert missed.evidence == "12345热线工单 No.778" and missed.post == chain.station
    assert progress_check(report_id=missed.report_id, now=at(5, 0)) == 0, (
        "a record by another channel owes no cadence"
    )

    report = file(chain, grid, discovered=at(2, 8), reported=at(2, 8, 20))
    with pytest.raises(ValidationError):
        report_record_concealed(by=chain.community_user, report=report, evidence=" ")
    concealed = report_record_concealed(
        by=chain.community_user, report=report, evidence="现场核查: 实际3人受伤"
    )

    figures = timeliness(
        user=chain.district_user, area=grid.district, start=at(1, 0), end=at(4, 0), now=at(3, 10)
    )
    assert (figures["reports"], figures["missed"], figures["concealed"]) == (1, 1, 1)
    assert figures["on_time_rate"] == 50.0, "one of two events was reported on time"

    finding_review(by=chain.street_user, finding=concealed, confirm=False, reason="伤情系事后发生")
    concealed.refresh_from_db()
    assert concealed.status == FindingStatus.DISMISSED and concealed.review_reason == "伤情系事后发生"
    figures = timeliness(
        user=chain.district_user, area=grid.district, start=at(1, 0), end=at(4, 0), now=at(3, 10)
    )
    assert figures["concealed"] == 0, "a dismissed finding no longer counts"


def test_it_rolls_up_per_child_area_and_keeps_to_the_period(chain, grid):  # type: ignore[no-untyped-def]
    file(chain, grid, discovered=at(2, 8), reported=at(2, 8, 30))
    report_file(
        by=chain.street_user,
        area=grid.communities[1],
        category="livelihood",
        severity="general",
        discovered_at=at(2, 8),
        text="停水",
        now=at(2, 11),
    )
    file(chain, grid, discovered=at(5, 8), reported=at(5, 8, 30))  # outside the period
    figures = timeliness(
        user=chain.street_user, area=grid.street, start=at(1, 0), end=at(3, 0), now=at(2, 12)
    )
    assert figures["reports"] == 2 and figures["late"] == 1
    by_name = {c["name"]: c for c in figures["children"]}
    assert by_name[grid.communities[0].name]["on_time"] == 1
    assert by_name[grid.communities[1].name]["late"] == 1
    community = timeliness(user=chain.community_user, area=grid.community, start=at(1, 0), end=at(3, 0))
    assert [c["reports"] for c in community["children"]] == [1, 0], "per station"
