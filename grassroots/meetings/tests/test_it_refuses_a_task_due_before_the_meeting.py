"""A task's deadline is checked against the meeting, not the clock: one due before the meeting was held
is refused, naming the row; a meeting written up afterwards keeps a deadline that has passed since,
and that task is overdue, which it truly is."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from grassroots.meetings.models import MeetingKind
from grassroots.meetings.selectors import action_items_open
from grassroots.meetings.services import meeting_record


def test_a_deadline_before_the_meeting_is_refused_by_row(team):  # type: ignore[no-untyped-def]
    held = timezone.now() - timedelta(hours=6)
    with pytest.raises(ValidationError) as refused:
        meeting_record(
            by=team.user,
            post=team.post,
            kind=MeetingKind.MORNING,
            held_at=held,
            attendee_ids=[team.staff[0].pk],
            action_items=[
                {"title": "送药上门", "owner": team.staff[0].pk, "deadline": held + timedelta(hours=2)},
                {"title": "补登台账", "owner": team.staff[1].pk, "deadline": held - timedelta(hours=1)},
            ],
        )
    [error] = refused.value.error_dict["action_items"]
    assert error.params == {"row": 2, "field": "deadline"}
    assert refused.value.message_dict["action_items"] == ["第2项任务：期限须晚于例会召开时间。"]
    assert not action_items_open(user=team.user).exists(), "nothing half recorded"


def test_a_meeting_recorded_late_keeps_a_deadline_that_has_passed(team):  # type: ignore[no-untyped-def]
    held = timezone.now() - timedelta(hours=6)
    meeting_record(
        by=team.user,
        post=team.post,
        kind=MeetingKind.MORNING,
        held_at=held,
        attendee_ids=[team.staff[0].pk],
        action_items=[
            {"title": "送药上门", "owner": team.staff[0].pk, "deadline": held + timedelta(hours=2)}
        ],
    )
    [item] = action_items_open(user=team.user)
    assert item.deadline < timezone.now()
