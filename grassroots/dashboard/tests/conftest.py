"""A command station and its community on the small hand-made grid, each with a user."""

from dataclasses import dataclass

import pytest

from grassroots.core.models import AccessGrant, User
from grassroots.places.models import Post, PostKind


@dataclass
class Offices:
    station: Post
    station_user: User
    community_user: User
    district_user: User


@pytest.fixture
def offices(grid, make_user) -> Offices:  # type: ignore[no-untyped-def]
    station = Post.objects.create(name="一号站", kind=PostKind.STATION, area=grid.compound)
    centre = Post.objects.create(name="社区中心", kind=PostKind.CENTRE, area=grid.community)
    station_user = make_user("zhan")
    AccessGrant.objects.create(user=station_user, area=grid.compound, role="station", post=station)
    community_user = make_user("she")
    AccessGrant.objects.create(user=community_user, area=grid.community, role="community", post=centre)
    return Offices(
        station=station,
        station_user=station_user,
        community_user=community_user,
        district_user=make_user("qu", "district_hq", grid.district),
    )
