"""A station, its centre and a user at every level of the chain, on the small hand-made grid."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from grassroots.core.models import AccessGrant, User
from grassroots.places.models import Post, PostKind

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment on 2026-03-<day> in Shanghai time."""
    return datetime(2026, 3, day, hour, minute, tzinfo=SHANGHAI)


@dataclass
class Chain:
    station: Post
    station2: Post
    centre: Post
    station_user: User
    community_user: User
    street_user: User
    district_user: User


@pytest.fixture
def chain(grid, make_user) -> Chain:  # type: ignore[no-untyped-def]
    station = Post.objects.create(name="一号站", kind=PostKind.STATION, area=grid.compounds[0])
    station2 = Post.objects.create(name="二号站", kind=PostKind.STATION, area=grid.compounds[1])
    centre = Post.objects.create(name="社区中心", kind=PostKind.CENTRE, area=grid.community)
    for p in grid.compounds[2:]:
        Post.objects.create(name=f"{p.name}站", kind=PostKind.STATION, area=p)
    station_user = make_user("zhan", first_name="站长")
    AccessGrant.objects.create(user=station_user, area=grid.compound, role="station", post=station)
    community_user = make_user("she", first_name="社区")
    AccessGrant.objects.create(user=community_user, area=grid.community, role="community", post=centre)
    return Chain(
        station=station,
        station2=station2,
        centre=centre,
        station_user=station_user,
        community_user=community_user,
        street_user=make_user("jie", "street", grid.street),
        district_user=make_user("qu", "district_hq", grid.district),
    )
