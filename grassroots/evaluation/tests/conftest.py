"""A hand-made period on the small `grid`: a scheme with every indicator, two people at one
compound's station, and helpers to write the records the indicators read."""

from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from grassroots.core.models import Role
from grassroots.evaluation import services
from grassroots.evaluation.indicators import REGISTRY
from grassroots.people.models import Gender, Staff, StaffKind
from grassroots.places.models import Post, PostKind

START, END = date(2026, 10, 1), date(2026, 10, 31)


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 10, day, hour, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def period(grid, make_user):  # type: ignore[no-untyped-def]
    hq = make_user("hq", Role.DISTRICT_HQ, grid.district)
    community = make_user("comm", Role.COMMUNITY, grid.community)
    station_user = make_user("cmdr", Role.STATION, grid.compound)
    worker_user = make_user("worker", Role.STAFF, grid.compound)
    station = Post.objects.create(name="示范站", kind=PostKind.STATION, area=grid.compound)

    def person(name: str, user=None) -> Staff:  # type: ignore[no-untyped-def]
        return Staff.objects.create(
            name=name,
            gender=Gender.MALE,
            kind=StaffKind.CADRE,
            area=grid.compound,
            user=user,
            is_party_member=True,
        )

    commander = person("周指挥", station_user)
    worker = person("吴干部", worker_user)
    lines = [
        (code, 10, 20 if ind.is_count else None) for code, ind in REGISTRY.items() if not ind.is_penalty
    ] + [("reports_late_missed_concealed", 10, 2)]
    scheme = services.scheme_create(by=hq, area=grid.district, name="十月考核", lines=lines)
    p = services.period_open(
        by=hq,
        name="2026年10月",
        kind="month",
        starts_on=START,
        ends_on=END,
        area=grid.district,
        scheme=scheme,
    )
    return SimpleNamespace(
        period=p,
        hq=hq,
        community=community,
        station_user=station_user,
        worker_user=worker_user,
        station=station,
        commander=commander,
        worker=worker,
        grid=grid,
    )


def later(days: int = 1) -> datetime:
    return timezone.now() + timedelta(days=days)
