"""A compound with its posts, office holders at every level, and a few households."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from grassroots.core.models import User
from grassroots.places.models import Area, Post, PostKind
from grassroots.residents.models import Household, Resident
from grassroots.services.models import DeliveryRound, Request
from grassroots.services.public_services import public_request_file
from grassroots.services.services import green_channel_file, request_accept, request_close, request_escalate
from grassroots.services.task_services import delivery_round_create


@dataclass
class Place:
    grid: object
    compound: Area
    building: Area
    unit: Area
    station: Post
    centre: Post
    station_user: User
    community_user: User
    street_user: User
    staff: User
    volunteer: User
    other_volunteer: User
    outsider: User
    households: list[Household]


@pytest.fixture
def place(grid, make_user) -> Place:  # type: ignore[no-untyped-def]
    station = Post.objects.create(
        name="示范指挥站", kind=PostKind.STATION, area=grid.compound, phone="13800000001"
    )
    centre = Post.objects.create(name="示范指挥中心", kind=PostKind.CENTRE, area=grid.community)
    station_user = make_user("zhan", "station", grid.compound)
    station_user.grants.update(post=station)
    community_user = make_user("shequ", "community", grid.community)
    community_user.grants.update(post=centre)
    households = []
    for unit in grid.units[:4]:
        for room in ("101", "102"):
            household = Household.objects.create(area=unit, room=room)
            Resident.objects.create(household=household, name=f"住户{unit.pk}{room}", phone="13911112222")
            households.append(household)
    return Place(
        grid=grid,
        compound=grid.compound,
        building=grid.building,
        unit=grid.unit,
        station=station,
        centre=centre,
        station_user=station_user,
        community_user=community_user,
        street_user=make_user("jiedao", "street", grid.street),
        staff=make_user("gongzuo", "staff", grid.compound),
        volunteer=make_user("zhiyuan", "volunteer", grid.compound),
        other_volunteer=make_user("zhiyuan2", "volunteer", grid.compound),
        outsider=make_user("waimian", "station", grid.compounds[-1]),
        households=households,
    )


@pytest.fixture
def delivery_round(place: Place) -> DeliveryRound:
    """A round of deliveries to every household of the compound, for two helpers."""
    return delivery_round_create(
        by=place.station_user,
        name="第一轮配送",
        area=place.compound,
        items="大米5kg、蔬菜包",
        helpers=2,
        deadline=timezone.now() + timedelta(hours=5),
    )


def steps_written_in(language: str, place: Place) -> tuple[Request, Request]:
    """With the site speaking `language`: a green-channel case (every level told, then escalated) and a
    resident's request filed on the public page, accepted and closed with a typed reason."""
    with translation.override(language):
        green = green_channel_file(
            by=place.staff,
            area=place.building,
            emergency="dialysis",
            name="李",
            phone="13911112222",
            details="透析",
        )
        request_escalate(request_id=green.pk, now=timezone.now() + timedelta(minutes=25))
        public = public_request_file(
            building=place.building,
            ip=None,
            name="王",
            room="1-101",
            phone="13911112222",
            category="food",
            details="要菜",
        )
        request_close(
            by=place.station_user,
            request=request_accept(by=place.station_user, request=public),
            reason="已自行解决",
        )
    return green, public
