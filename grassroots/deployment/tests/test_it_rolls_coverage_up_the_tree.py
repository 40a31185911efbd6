"""Coverage of the hand-made grid, figured by hand (default requirements: 5 post units, medic and
police, 4 groups, 1 staff per 100 households, a guarantor, a manager per building)."""

import pytest
from django.utils.translation import override

from grassroots.deployment.coverage import report
from grassroots.deployment.models import CoverageRequirement, Role, WorkGroup
from grassroots.deployment.services import assignment_create
from grassroots.people.models import StaffKind
from grassroots.residents.models import Household

from .factories import person


@pytest.fixture
def manned(grid, make_user):  # type: ignore[no-untyped-def]
    """The first compound: a commander, a police deputy, a medic and a cadre in two groups, one
    building manager, 450 households for 4 people on the station."""
    hq = make_user("hq", "district_hq", grid.district)
    c = grid.compound

    def put(kind: str, role: str, area=c, group: str = "") -> None:  # type: ignore[no-untyped-def]
        assignment_create(by=hq, staff=person(c, kind=kind), area=area, role=role, work_group=group)

    put(StaffKind.CADRE, Role.COMMANDER)
    put(StaffKind.POLICE, Role.DEPUTY_COMMANDER)
    put(StaffKind.MEDIC, Role.MEMBER, group=WorkGroup.LIVELIHOOD)
    put(StaffKind.CADRE, Role.MEMBER, group=WorkGroup.STATIC_MANAGEMENT)
    put(StaffKind.CADRE, Role.BUILDING_MANAGER, area=grid.buildings[0])
    units = [u for u in grid.units if u.path.startswith(c.path)]
    Household.objects.bulk_create(Household(area=units[i % len(units)], room=f"{i:04d}") for i in range(450))
    return grid


def test_it_scores_one_compound_by_hand(manned):  # type: ignore[no-untyped-def]
    with override("en"):
        got = report(manned.compound)
    # met: posts 2/5, kinds 2/2, groups 2/4, ratio 0/1, guarantor 0/1, buildings 1/2 → 7 of 15
    assert (got.total.met, got.total.units) == (7, 15)
    assert got.total.score == 46.7
    missing = sorted((g.kind, g.missing) for g in got.gaps)
    assert missing == sorted(
        [
            ("guarantor", "no guarantor (包保)"),
            ("post", "no first secretary"),
            ("post", "no second secretary"),
            ("post", "1 short of deputy commander"),
            ("group", "no testing and disinfection group"),
            ("group", "no comprehensive service group"),
            ("ratio", "1 staff per 112 households against 1 per 100"),
            ("building", "no building manager"),
        ]
    )
    assert [(r.area.name, r.score, r.gaps) for r in got.children] == [("2号楼", 0.0, 1), ("1号楼", 100.0, 0)]


def test_it_adds_up_the_same_at_every_level(manned):  # type: ignore[no-untyped-def]
    community = report(manned.community)
    # own guarantor 1 unit + compound 1 (7/15) + compound 2 (only the ratio holds: 1/15)
    assert (community.total.met, community.total.units) == (8, 31)
    assert community.total.gaps == 1 + 8 + 13 == len(community.gaps)
    assert [r.area for r in community.children] == [manned.compounds[1], manned.compounds[0]]
    for level in (manned.district, manned.street, manned.community):
        rep = report(level)
        own = [g for g in rep.gaps if g.area_id == level.pk]
        assert rep.total.gaps == sum(r.gaps for r in rep.children) + len(own)
        assert rep.total.units == sum(r.units for r in rep.children) + sum(1 for g in own)
        assert rep.total.met == sum(r.met for r in rep.children)
    assert report(manned.district).total.units == 8 * 15 + 4 + 2


def test_it_applies_a_street_override(manned):  # type: ignore[no-untyped-def]
    CoverageRequirement.objects.create(area=manned.district)
    CoverageRequirement.objects.create(
        area=manned.street, households_per_staff=150, required_kinds={"medic": 1}, building_managers=False
    )
    got = report(manned.compound)
    # posts 2/5, medic 1/1, groups 2/4, ratio 1/1 (4 × 150 ≥ 450), guarantor 0/1; no building checks
    assert (got.total.met, got.total.units) == (6, 12)
    assert "ratio" not in {g.kind for g in got.gaps}
    assert report(manned.compounds[-1]).total.units == 15
