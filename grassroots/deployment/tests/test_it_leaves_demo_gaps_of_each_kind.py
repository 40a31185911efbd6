"""The demo's deployment step: most places covered, some gaps of every kind, something to rebalance."""

import pytest

from grassroots.deployment.coverage import report
from grassroots.deployment.models import Rota, RotaStatus
from grassroots.deployment.services_rebalancing import rebalancing_propose


@pytest.fixture
def district(db, monkeypatch):  # type: ignore[no-untyped-def]
    """Only the steps this one needs: the grid, its people, the logins and the deployment step."""
    from grassroots.demo import accounts, deployment, grid, people, steps
    from grassroots.demo.build import build_demo

    monkeypatch.setattr(steps, "STEPS", [grid.build, people.build, accounts.build, deployment.build])
    monkeypatch.setattr("grassroots.demo.build.STEPS", steps.STEPS)
    return build_demo(seed=7, scale=0.15)


def test_it_covers_most_places_and_leaves_gaps_of_each_kind(district) -> None:  # type: ignore[no-untyped-def]
    rep = report(district.district)
    assert 75 <= rep.total.score < 100
    assert {g.kind for g in rep.gaps} == {"guarantor", "post", "kind", "group", "building"}
    assert Rota.objects.filter(status=RotaStatus.PUBLISHED).count() == 2
    proposal = rebalancing_propose(by=district.extra["users"]["street"], area=district.streets[0])
    assert proposal.moves.exists()
    assert proposal.objective["kind_shortfall"] < proposal.objective["kind_shortfall_before"]
