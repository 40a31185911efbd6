from dataclasses import dataclass

import pytest

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
