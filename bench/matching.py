"""Two-way matching at 10,000 × 10,000: time both methods and check each independently.

Stable: random complete preference lists on both sides; Gale–Shapley (candidates propose) is timed
from the preference lists (rank table included); its result is then checked by the vectorised O(n²)
blocking-pair count, which reads only the two rank tables and the result.

Optimal: a fit matrix on the app's own 0–100 fit scale, from random candidate profiles (familiar
fields, party-work years, strengths) against random village needs (focuses, size, special needs),
solved by the app's optimal_assignment: at this size a sparse assignment on each row's best
entries, proven optimal for the whole matrix by an LP dual certificate. It is verified by a second,
different solver (scipy.sparse.csgraph's LAPJVsp, min_weight_full_bipartite_matching) on the whole
dense matrix: equal totals prove the first optimal. `--uniform` swaps in a harder matrix of uniform random fits
0–1000 for comparison.

Usage: python bench/matching.py [n] [--uniform]
Last line: n=… stable_time_s=… blocking_pairs=… optimal_time_s=… optimal_verified=yes|no
"""

import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from grassroots.instructors.matching import (
    EXPERIENCE_WEIGHT,
    FOCUS_WEIGHT,
    PARTY_BUILDING_WEIGHT,
    SPECIAL_NEEDS_WEIGHT,
    blocking_pairs,
    gale_shapley,
    optimal_assignment,
    ranks_from_prefs,
)


def random_prefs(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.permuted(np.tile(np.arange(n, dtype=np.int32), (n, 1)), axis=1)


def app_fit(rng: np.random.Generator, n: int) -> np.ndarray:
    """The app's fit_score, vectorised, for n random candidates × n random villages."""
    fields = rng.integers(1, 64, size=n)  # six familiar fields as bits; bit 5 is party building
    focus = rng.integers(1, 32, size=n)  # five focuses as bits
    years = rng.integers(0, 16, size=n)
    large = rng.random(n) < 0.4
    popcount = np.array([bin(i).count("1") for i in range(64)])
    share = popcount[fields[:, None] & focus[None, :]] / popcount[focus][None, :]
    full = np.where(large, 10, 5)
    fit = FOCUS_WEIGHT * share
    fit += (PARTY_BUILDING_WEIGHT * ((fields >> 5) & 1))[:, None]
    fit += EXPERIENCE_WEIGHT * np.minimum(years[:, None], full[None, :]) / full[None, :]
    fit += SPECIAL_NEEDS_WEIGHT * (rng.random((n, n)) < 0.1)
    return np.rint(fit).astype(np.int64)


def second_solver_total(fit: np.ndarray) -> int:
    """LAPJVsp on the same matrix as a full bipartite graph (costs shifted to be positive: explicit edges)."""
    n_rows, n_cols = fit.shape
    cost = (fit.max() + 1 - fit).astype(np.float64).ravel()
    graph = csr_array(
        (cost, np.tile(np.arange(n_cols, dtype=np.int32), n_rows), np.arange(0, n_rows * n_cols + 1, n_cols)),
        shape=fit.shape,
    )
    rows, cols = min_weight_full_bipartite_matching(graph)
    return int(fit[rows, cols].sum())


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 10_000
    uniform = "--uniform" in sys.argv
    rng = np.random.default_rng(20260410)

    t = time.perf_counter()
    cand_prefs, vill_prefs = random_prefs(rng, n), random_prefs(rng, n)
    print(f"generated preferences in {time.perf_counter() - t:.1f} s", flush=True)
    t = time.perf_counter()
    vill_rank = ranks_from_prefs(vill_prefs)
    match = gale_shapley(cand_prefs, vill_rank)
    stable_time = time.perf_counter() - t
    t = time.perf_counter()
    blocking = blocking_pairs(ranks_from_prefs(cand_prefs), vill_rank, match)
    print(
        f"stable: {stable_time:.2f} s, all matched: {bool((match >= 0).all())}, "
        f"blocking-pair check {time.perf_counter() - t:.2f} s: {blocking}",
        flush=True,
    )
    del cand_prefs, vill_prefs, vill_rank

    t = time.perf_counter()
    fit = rng.integers(0, 1001, size=(n, n)) if uniform else app_fit(rng, n)
    print(
        f"generated {'uniform 0-1000' if uniform else 'app-shaped 0-100'} fits in {time.perf_counter() - t:.1f} s",
        flush=True,
    )
    t = time.perf_counter()
    best = optimal_assignment(fit)
    optimal_time = time.perf_counter() - t
    total = int(fit[np.arange(n), best].sum())
    t = time.perf_counter()
    second = second_solver_total(fit)
    is_perm = bool((np.sort(best) == np.arange(n)).all())
    verified = is_perm and second == total
    print(
        f"optimal: {optimal_time:.2f} s, total fit {total}; second solver {second} in {time.perf_counter() - t:.1f} s",
        flush=True,
    )
    print(
        f"n={n} stable_time_s={stable_time:.2f} blocking_pairs={blocking} "
        f"optimal_time_s={optimal_time:.2f} optimal_verified={'yes' if verified else 'no'}"
    )


if __name__ == "__main__":
    main()
