"""Property tests: stable matchings have no blocking pair; optimal equals the brute-force optimum."""

from itertools import permutations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ..matching import blocking_pairs, gale_shapley, optimal_assignment, ranks_from_prefs, readjust, total_fit


@st.composite
def preferences(draw, max_n=8):  # type: ignore[no-untyped-def]
    n_prop = draw(st.integers(1, max_n))
    n_recv = draw(st.integers(1, max_n))
    prop = [draw(st.permutations(range(n_recv))) for _ in range(n_prop)]
    recv = [draw(st.permutations(range(n_prop))) for _ in range(n_recv)]
    return np.array(prop, dtype=np.int64), np.array(recv, dtype=np.int64)


def brute_blocking(prop, recv, match):  # type: ignore[no-untyped-def]
    """The definition, pair by pair, with no vectorisation: the checker's own check."""
    holder = {int(r): p for p, r in enumerate(match) if r >= 0}
    count = 0
    for p in range(prop.shape[0]):
        for r in range(prop.shape[1]):
            mine = int(match[p])
            p_wants = mine < 0 or list(prop[p]).index(r) < list(prop[p]).index(mine)
            h = holder.get(r)
            r_wants = h is None or list(recv[r]).index(p) < list(recv[r]).index(h)
            count += p_wants and r_wants and mine != r
    return count


@settings(max_examples=200, deadline=None)
@given(preferences())
def test_it_finds_a_stable_matching_with_no_blocking_pair(prefs):  # type: ignore[no-untyped-def]
    prop, recv = prefs
    match = gale_shapley(prop, ranks_from_prefs(recv))
    assert np.count_nonzero(match >= 0) == min(prop.shape)
    assert blocking_pairs(ranks_from_prefs(prop), ranks_from_prefs(recv), match) == 0
    assert brute_blocking(prop, recv, match) == 0


@settings(max_examples=100, deadline=None)
@given(preferences(max_n=6), st.randoms(use_true_random=False))
def test_it_counts_blocking_pairs_like_the_definition(prefs, rnd):  # type: ignore[no-untyped-def]
    prop, recv = prefs
    cols = list(range(prop.shape[1]))
    rnd.shuffle(cols)
    match = np.array([cols[p] if p < len(cols) else -1 for p in range(prop.shape[0])])
    assert blocking_pairs(ranks_from_prefs(prop), ranks_from_prefs(recv), match) == brute_blocking(
        prop, recv, match
    )


@st.composite
def fits(draw, max_n=6):  # type: ignore[no-untyped-def]
    rows = draw(st.integers(1, max_n))
    cols = draw(st.integers(1, max_n))
    return np.array(draw(st.lists(st.integers(0, 100), min_size=rows * cols, max_size=rows * cols))).reshape(
        rows, cols
    )


def brute_optimum(fit):  # type: ignore[no-untyped-def]
    rows, cols = fit.shape
    if rows <= cols:
        return max(sum(fit[r, c] for r, c in enumerate(p)) for p in permutations(range(cols), rows))
    return max(sum(fit[r, c] for c, r in enumerate(p)) for p in permutations(range(rows), cols))


@settings(max_examples=150, deadline=None)
@given(fits())
def test_it_finds_the_brute_force_optimum(fit):  # type: ignore[no-untyped-def]
    match = optimal_assignment(fit)
    assigned = match[match >= 0]
    assert len(set(assigned.tolist())) == len(assigned) == min(fit.shape)
    assert total_fit(fit, match) == brute_optimum(fit)


@settings(max_examples=100, deadline=None)
@given(fits())
def test_it_readjusts_to_the_optimum_when_changes_cost_nothing(fit):  # type: ignore[no-untyped-def]
    current = np.full(fit.shape[0], -1)
    current[: min(fit.shape)] = np.arange(min(fit.shape))
    assert total_fit(fit, readjust(fit, current, change_penalty=0)) == brute_optimum(fit)
