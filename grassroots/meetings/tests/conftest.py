from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from grassroots.core.models import AccessGrant, User
from grassroots.people.models import Gender, Staff, StaffKind
from grassroots.places.models import Post, PostKind


@dataclass
class StationTeam:
    post: Post
    user: User
    staff: list[Staff]


@pytest.fixture
def team(grid, make_user) -> StationTeam:  # type: ignore[no-untyped-def]
    post = Post.objects.create(name="一号站", kind=PostKind.STATION, area=grid.compound)
    Post.objects.create(name="二号站", kind=PostKind.STATION, area=grid.compounds[1])
    user = make_user("zhan")
    AccessGrant.objects.create(user=user, area=grid.compound, role="station", post=post)
    staff = [
        Staff.objects.create(name=f"成员{i}", gender=Gender.MALE, kind=StaffKind.CADRE, area=grid.compound)
        for i in range(5)
    ]
    return StationTeam(post=post, user=user, staff=staff)


@pytest.fixture
def meeting_form(team):  # type: ignore[no-untyped-def]
    """meeting_form(tasks=[{...}, ...]) → the record-a-meeting page's POST: a morning meeting an hour
    ago attended by the first two members, with each dict filling one task row (title, owner,
    deadline as typed) and the other rows of the three left blank."""

    def data(tasks: Sequence[dict[str, str]] = (), **fields: object) -> dict[str, object]:
        held = timezone.localtime() - timedelta(hours=1)
        posted: dict[str, object] = {
            "kind": "morning",
            "held_at": held.strftime("%Y-%m-%dT%H:%M"),
            "attendees": [str(s.pk) for s in team.staff[:2]],
            "task-TOTAL_FORMS": "3",
            "task-INITIAL_FORMS": "0",
            "task-MIN_NUM_FORMS": "0",
            "task-MAX_NUM_FORMS": "1000",
            **fields,
        }
        for row, task in enumerate(tasks):
            posted.update({f"task-{row}-{name}": value for name, value in task.items()})
        return posted

    return data
