"""The sparse-with-certificate solver gives the dense solver's optimum on tie-heavy matrices."""

import numpy as np
import pytest

from ..matching import (
    _column_prices,
    certified_sparse_assignment,
    dense_assignment,
    optimal_assignment,
    total_fit,
)


def tie_heavy(rng: np.random.Generator, n: int) -> np.ndarray:
    """Few distinct values with row and column structure, like the app's 0–100 fit."""
    row_part = rng.integers(0, 4, size=n)[:, None] * 15
    col_part = rng.integers(0, 3, size=n)[None, :] * 20
    noise = (rng.random((n, n)) < 0.1) * 10
    return np.minimum(100, row_part + col_part + noise).astype(np.int64)


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("per_row", [1, 3, 8])
@pytest.mark.parametrize("growth", [1, 12])
def test_the_certified_sparse_optimum_equals_the_dense_one(seed: int, per_row: int, growth: int) -> None:
    rng = np.random.default_rng(seed)
    fit = tie_heavy(rng, 60) if seed % 2 else rng.integers(0, 101, size=(60, 60))
    match = certified_sparse_assignment(fit, per_row=per_row, max_rounds=100, growth=growth)
    assert match is not None
    assert sorted(match.tolist()) == list(range(60))
    assert total_fit(fit, match) == total_fit(fit, dense_assignment(fit))


def test_large_square_problems_take_the_sparse_path_and_stay_exact() -> None:
    fit = tie_heavy(np.random.default_rng(7), 300)
    assert total_fit(fit, optimal_assignment(fit)) == total_fit(fit, dense_assignment(fit))


@pytest.mark.parametrize("seed", range(20))
def test_rows_of_ties_and_rows_of_distinct_values_read_in_small_blocks_stay_exact(seed: int) -> None:
    """Some rows have a crowd at their best value (kept thinned, lesser entries dropped), others
    a spread of values (kept by the sampled threshold), in blocks of 7 rows that do not divide n."""
    rng = np.random.default_rng(seed)
    n = 80
    fit = tie_heavy(rng, n)
    spread = rng.random(n) < 0.5
    fit[spread] = rng.integers(0, 1001, size=(int(spread.sum()), n))
    match = certified_sparse_assignment(fit, per_row=3, max_rounds=100, chunk=7 * n)
    assert match is not None
    assert sorted(match.tolist()) == list(range(n))
    assert total_fit(fit, match) == total_fit(fit, dense_assignment(fit))


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("near_slack", [0, 3, 1000])
def test_the_trial_on_nearly_priced_entries_stays_exact_whether_it_holds_or_not(
    seed: int, near_slack: int
) -> None:
    """Slack 0 trials often miss the optimum (the full solve follows), 1000 keeps every entry."""
    rng = np.random.default_rng(seed)
    fit = tie_heavy(rng, 70) if seed % 2 else rng.integers(0, 101, size=(70, 70))
    match = certified_sparse_assignment(fit, per_row=2, max_rounds=100, growth=1, near_slack=near_slack)
    assert match is not None
    assert total_fit(fit, match) == total_fit(fit, dense_assignment(fit))


def test_prices_refuse_a_matching_that_is_not_optimal_on_the_kept_entries() -> None:
    fit = np.array([[5, 1], [1, 5]])
    rows, cols = np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])
    assert _column_prices(fit, np.array([1, 0]), rows, cols) is None
    assert _column_prices(fit, np.array([1, 0]), rows, cols, passes=1) is None
    prices = _column_prices(fit, np.array([0, 1]), rows, cols)
    assert prices is not None
    u = fit[[0, 1], [0, 1]] - prices[[0, 1]]
    assert (u[rows] + prices[cols] >= fit[rows, cols]).all()
