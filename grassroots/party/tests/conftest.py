"""Hand-made party building on the small `grid`: an organisation at two compounds' stations."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from grassroots.core.models import Role
from grassroots.deployment import models as deployment
from grassroots.party import services
from grassroots.people.models import Gender, Staff, StaffKind
from grassroots.places.models import Post, PostKind


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def assign(person: Staff, area, since) -> deployment.Assignment:  # type: ignore[no-untyped-def]
    """Put a person on a compound's station work group: what makes a staff member on duty there."""
    return deployment.Assignment.objects.create(
        staff=person,
        area=area,
        role=deployment.Role.MEMBER,
        work_group=deployment.WorkGroup.LIVELIHOOD,
        starts_on=since,
    )


def staff(area, name: str, *, member: bool = True, phone: str = "13800000001", user=None) -> Staff:  # type: ignore[no-untyped-def]
    return Staff.objects.create(
        name=name,
        gender=Gender.MALE,
        kind=StaffKind.CADRE,
        area=area,
        is_party_member=member,
        phone=phone,
        user=user,
    )


@pytest.fixture
def party(grid, make_user):  # type: ignore[no-untyped-def]
    hq = make_user("hq", Role.DISTRICT_HQ, grid.district)
    founded = timezone.localdate() - timedelta(days=30)
    a, b = grid.compounds[0], grid.compounds[2]  # in two different communities of the first street
    station_a = Post.objects.create(name="甲站", kind=PostKind.STATION, area=a, phone="0434-3000001")
    station_b = Post.objects.create(name="乙站", kind=PostKind.STATION, area=b)
    org_a = services.organisation_found(by=hq, name="甲临时党支部", post=station_a, founded_on=founded)
    org_b = services.organisation_found(by=hq, name="乙临时党支部", post=station_b, founded_on=founded)
    member_user = make_user("wang", Role.STAFF, a)
    wang = services.member_add(
        by=hq,
        organisation=org_a,
        staff=staff(a, "王先锋", user=member_user),
        joined_on=founded,
        duty="卡口值守",
    )
    li = services.member_add(
        by=hq, organisation=org_a, staff=staff(a, "李示范", phone="13800000002"), joined_on=founded
    )
    zhao = services.member_add(by=hq, organisation=org_b, staff=staff(b, "赵责任"), joined_on=founded)
    for m, compound in ((wang, a), (li, a), (zhao, b)):
        assert m.staff is not None
        assign(m.staff, compound, founded)
    return SimpleNamespace(
        hq=hq, org_a=org_a, org_b=org_b, wang=wang, li=li, zhao=zhao, member_user=member_user, founded=founded
    )
