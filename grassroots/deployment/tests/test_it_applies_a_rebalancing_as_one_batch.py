import pytest
from django.core.exceptions import ValidationError

from grassroots.core.models import AuditLog
from grassroots.deployment.coverage import report
from grassroots.deployment.models import Assignment, ProposalStatus, Role, WorkGroup
from grassroots.deployment.selectors import active_q, local_day
from grassroots.deployment.services import assignment_create, assignment_end
from grassroots.deployment.services_rebalancing import (
    rebalancing_apply,
    rebalancing_propose,
    rebalancing_reject,
)
from grassroots.people.models import Staff, StaffKind

from .factories import person


@pytest.fixture
def crowded(grid, make_user):  # type: ignore[no-untyped-def]
    """Street 1: two medics in its first compound, none elsewhere; street 2: one medic."""
    hq = make_user("hq", "district_hq", grid.district)
    for name, compound in (
        ("医一", grid.compounds[0]),
        ("医二", grid.compounds[0]),
        ("医三", grid.compounds[4]),
    ):
        assignment_create(
            by=hq,
            staff=person(compound, kind=StaffKind.MEDIC, name=name),
            area=compound,
            role=Role.MEMBER,
            work_group=WorkGroup.TESTING_DISINFECTION,
        )
    return grid


def test_it_moves_a_spare_medic_inside_the_street_only(crowded, make_user):  # type: ignore[no-untyped-def]
    street_user = make_user("s1", "street", crowded.streets[0])
    before = report(crowded.streets[0]).total
    proposal = rebalancing_propose(by=street_user, area=crowded.streets[0])
    moves = list(proposal.moves.all())
    assert len(moves) == 1 and moves[0].staff.name in ("医一", "医二")
    assert moves[0].to_area.path.startswith(crowded.streets[0].path)
    assert proposal.objective["kind_shortfall"] == proposal.objective["kind_shortfall_before"] - 1

    rebalancing_apply(by=street_user, proposal=proposal)
    moved = Staff.objects.get(pk=moves[0].staff_id)
    assert moved.area == moves[0].to_area
    history = Assignment.objects.filter(staff=moved).order_by("id")
    assert [(a.area_id, a.ends_on) for a in history] == [
        (moves[0].from_area_id, local_day()),
        (moves[0].to_area_id, None),
    ]
    # The newcomer fills the missing medic and the missing testing-and-disinfection group.
    assert report(crowded.streets[0]).total.gaps == before.gaps - 2
    assert AuditLog.objects.filter(action="apply_rebalancing", object_id=str(proposal.pk)).exists()
    with pytest.raises(ValidationError, match="已执行"):
        rebalancing_apply(by=street_user, proposal=proposal)


def test_it_crosses_streets_only_when_the_district_asks(crowded, make_user):  # type: ignore[no-untyped-def]
    hq = make_user("hq2", "district_hq", crowded.district)
    for compound in crowded.compounds[1:4]:  # street 1 is full; its spare medic can only help street 2
        assignment_create(
            by=hq,
            staff=person(compound, kind=StaffKind.MEDIC),
            area=compound,
            role=Role.MEMBER,
            work_group=WorkGroup.TESTING_DISINFECTION,
        )
    street_user = make_user("s1", "street", crowded.streets[0])
    with pytest.raises(ValidationError) as err:
        rebalancing_propose(by=street_user, area=crowded.streets[0], cross_streets=True)
    assert "cross_streets" in err.value.message_dict
    kept = rebalancing_propose(by=hq, area=crowded.district)
    assert not kept.moves.exists()
    crossing = rebalancing_propose(by=hq, area=crowded.district, cross_streets=True)
    assert crossing.objective["kind_shortfall"] == kept.objective["kind_shortfall"] - 1
    move = crossing.moves.get()
    assert move.from_area.path.startswith(crowded.streets[0].path)
    assert move.to_area.path.startswith(crowded.streets[1].path)


def test_it_refuses_a_stale_proposal_and_can_reject(crowded, make_user):  # type: ignore[no-untyped-def]
    street_user = make_user("s1", "street", crowded.streets[0])
    proposal = rebalancing_propose(by=street_user, area=crowded.streets[0])
    mover = proposal.moves.get().staff
    held = Assignment.objects.get(active_q(local_day()), staff=mover)
    assignment_end(by=street_user, assignment=held)
    with pytest.raises(ValidationError) as err:
        rebalancing_apply(by=street_user, proposal=proposal)
    assert mover.name in err.value.message_dict["moves"][0]
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED
    rebalancing_reject(by=street_user, proposal=proposal, reason="情况有变")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED


def test_it_keeps_a_street_out_of_other_streets(crowded, make_user):  # type: ignore[no-untyped-def]
    street_user = make_user("s1", "street", crowded.streets[0])
    with pytest.raises(ValidationError):
        rebalancing_propose(by=street_user, area=crowded.streets[1])
    station = make_user("st", "station", crowded.compounds[0])
    with pytest.raises(ValidationError):
        rebalancing_propose(by=station, area=crowded.compounds[0])
