"""A task's name longer than its column is refused beside its row, with the limit and what was typed,
rather than cut: the owner would read half a task."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from grassroots.meetings.models import MeetingKind
from grassroots.meetings.selectors import action_items_open
from grassroots.meetings.services import TASK_TITLE_MAX, meeting_record


def test_an_over_long_task_name_is_refused_by_row(team):  # type: ignore[no-untyped-def]
    held = timezone.now() - timedelta(hours=1)
    with pytest.raises(ValidationError) as refused:
        meeting_record(
            by=team.user,
            post=team.post,
            kind=MeetingKind.MORNING,
            held_at=held,
            attendee_ids=[team.staff[0].pk],
            action_items=[
                {"title": "送药上门", "owner": team.staff[0].pk, "deadline": held + timedelta(hours=2)},
                {
                    "title": "核" * (TASK_TITLE_MAX + 1),
                    "owner": team.staff[1].pk,
                    "deadline": held + timedelta(hours=3),
                },
            ],
        )
    [error] = refused.value.error_dict["action_items"]
    assert error.params == {"row": 2, "field": "title", "limit": TASK_TITLE_MAX, "n": TASK_TITLE_MAX + 1}
    assert refused.value.message_dict["action_items"] == [
        f"第2项任务：最多{TASK_TITLE_MAX}个字，已输入{TASK_TITLE_MAX + 1}个字。"
    ]
    assert not action_items_open(user=team.user).exists(), "nothing half recorded"
