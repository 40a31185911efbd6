"""Property tests: whatever the staff, leave and rules, a rota the solver returns breaks no rule."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grassroots.deployment.rota import SLOTS, NoRota, Person, Rules, solve, violations

KINDS = ["cadre", "medic", "police"]


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[Person], Rules]:
    days = draw(st.integers(3, 10))
    n = draw(st.integers(2, 9))
    people = [
        Person(
            id=i,
            kind=draw(st.sampled_from(KINDS)),
            off=set(draw(st.lists(st.integers(0, days - 1), max_size=3))),
        )
        for i in range(n)
    ]
    rules = Rules(
        days=days,
        min_heads=draw(st.integers(1, 3)),
        min_kinds=draw(st.dictionaries(st.sampled_from(KINDS), st.integers(0, 1), max_size=2)),
        max_consecutive=draw(st.integers(2, 7)),
    )
    return people, rules


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_it_returns_only_rotas_that_meet_every_rule(case: tuple[list[Person], Rules]) -> None:
    people, rules = case
    try:
        roster = solve(people, rules)
    except NoRota:
        return
    assert violations(people, rules, roster.shifts) == []
    assert len(roster.shifts) >= rules.days * len(SLOTS) * rules.min_heads


def test_it_spreads_the_load_evenly() -> None:
    people = [Person(id=i, kind="cadre") for i in range(7)]
    roster = solve(people, Rules(days=14, min_heads=2))
    assert len(roster.shifts) == 14 * 2 * 2
    assert roster.spread == (8, 8)


def test_it_keeps_people_off_on_leave_and_says_when_no_rota_fits() -> None:
    people = [
        Person(id=0, kind="medic", off={0, 1, 2}),
        Person(id=1, kind="cadre"),
        Person(id=2, kind="cadre"),
    ]
    roster = solve(people, Rules(days=6, min_heads=1))
    assert not [s for s in roster.shifts if s[0] == 0 and s[1] in {0, 1, 2}]
    with pytest.raises(NoRota):
        solve(people, Rules(days=6, min_heads=1, min_kinds={"medic": 1}))


def test_it_finds_every_kind_of_broken_rule() -> None:
    people = [Person(id=0, kind="cadre", off={1}), Person(id=1, kind="cadre")]
    rules = Rules(days=8, min_heads=1, min_kinds={"medic": 1}, max_consecutive=6)
    shifts = [(0, d, "day") for d in range(8)] + [(0, 0, "night")]
    codes = {v.code for v in violations(people, rules, shifts)}
    assert codes == {"leave", "double", "heads", "kind", "consecutive", "rest"}
