"""Meetings record attendees, orders relayed, problems and tasks; a station without a morning meeting by
10:00 (configurable) shows as missing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from grassroots.meetings.models import MeetingKind
from grassroots.meetings.selectors import action_items_open, stations_missing_morning
from grassroots.meetings.services import action_item_done, meeting_record

SH = ZoneInfo("Asia/Shanghai")


def test_it_records_a_meeting_and_tracks_its_tasks(team):  # type: ignore[no-untyped-def]
    meeting = meeting_record(
        by=team.user,
        post=team.post,
        kind=MeetingKind.MORNING,
        held_at=datetime(2026, 3, 2, 8, 0, tzinfo=SH),
        attendee_ids=[s.pk for s in team.staff[:3]],
        problems=[("3号楼独居老人缺药", "联系社区医生上门"), ("  ", "")],
        action_items=[
            {"title": "送药上门", "owner": team.staff[1].pk, "deadline": datetime(2026, 3, 2, 12, tzinfo=SH)}
        ],
    )
    assert meeting.day.isoformat() == "2026-03-02" and meeting.attendees.count() == 3
    assert [p.solution for p in meeting.problems.all()] == ["联系社区医生上门"]
    [item] = action_items_open(user=team.user)
    action_item_done(by=team.user, item=item, note="已送达")
    assert not action_items_open(user=team.user).exists()
    with pytest.raises(ValidationError) as twice:
        meeting_record(
            by=team.user,
            post=team.post,
            kind=MeetingKind.MORNING,
            held_at=datetime(2026, 3, 2, 9, 0, tzinfo=SH),
            attendee_ids=[team.staff[0].pk],
        )
    assert set(twice.value.message_dict) == {"kind"}, "one morning meeting a day"


def test_a_station_is_missing_after_ten_and_not_before(team, grid, make_user, settings):  # type: ignore[no-untyped-def]
    community = make_user("she", "community", grid.community)
    day = datetime(2026, 3, 2, tzinfo=SH).date()
    meeting_record(
        by=team.user,
        post=team.post,
        kind=MeetingKind.MORNING,
        held_at=datetime(2026, 3, 2, 8, 30, tzinfo=SH),
        attendee_ids=[team.staff[0].pk],
    )
    before = datetime(2026, 3, 2, 9, 59, tzinfo=SH)
    after = before + timedelta(minutes=1)
    assert stations_missing_morning(user=community, area=grid.community, day=day, now=before) == []
    assert [
        p.name for p in stations_missing_morning(user=community, area=grid.community, day=day, now=after)
    ] == ["二号站"]
    settings.MORNING_MEETING_BY = "10:30"
    assert stations_missing_morning(user=community, area=grid.community, day=day, now=after) == []
