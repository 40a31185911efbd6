"""Two-way matching algorithms on plain arrays, free of the database so the benchmark and the property
tests run exactly the code the pages run.

Conventions: proposers are rows, receivers columns. `prefs[p]` lists every receiver, best first;
`rank[p, r]` is r's position in p's list (0 = best). Every pair is acceptable (complete lists), so
an unmatched side prefers any partner to none.
"""

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_array
from scipy.sparse.csgraph import maximum_bipartite_matching, min_weight_full_bipartite_matching

type IntArray = NDArray[np.integer]

# The five village focuses, each answered by the familiar field of the same code.
FOCUS_WEIGHT = 60
PARTY_BUILDING_WEIGHT = 15
EXPERIENCE_WEIGHT = 15
SPECIAL_NEEDS_WEIGHT = 10
LARGE_VILLAGE_HOUSEHOLDS = 400
SEPARATORS = "，,、；;。 /"


def fit_score(
    *,
    fields: Iterable[str],
    strengths: str,
    party_work_years: int,
    focus: Iterable[str],
    households: int,
    special_needs: str,
) -> int:
    """How well a candidate's strengths answer a village's needs, 0–100.

    60 for the share of the village's focuses the candidate knows, 15 for party-building skill
    (every village needs it), 15 for party-work experience (a large village needs ten years for
    full marks, a small one five) and 10 when the strengths name one of the special needs.
    Distance is not scored: it is the same for every candidate of a village, so it cannot change
    who goes where; it orders the candidate's default preferences instead.
    """
    known = set(fields)
    wanted = set(focus)
    score = FOCUS_WEIGHT * len(known & wanted) / len(wanted) if wanted else 0.0
    if "party_building" in known:
        score += PARTY_BUILDING_WEIGHT
    years_for_full = 10 if households >= LARGE_VILLAGE_HOUSEHOLDS else 5
    score += EXPERIENCE_WEIGHT * min(party_work_years, years_for_full) / years_for_full
    words = [w for w in _split(special_needs) if len(w) >= 2]
    if words and any(w in strengths for w in words):
        score += SPECIAL_NEEDS_WEIGHT
    return round(score)


def _split(text: str) -> list[str]:
    for sep in SEPARATORS[1:]:
        text = text.replace(sep, SEPARATORS[0])
    return [w.strip() for w in text.split(SEPARATORS[0]) if w.strip()]


def complete_prefs(explicit: Sequence[int], order_rest: Sequence[int]) -> list[int]:
    """A full preference list: the explicit prefix (duplicates and strangers dropped), then the rest."""
    allowed = set(order_rest)
    seen: set[int] = set()
    head = []
    for x in explicit:
        if x in allowed and x not in seen:
            seen.add(x)
            head.append(x)
    return head + [x for x in order_rest if x not in seen]


def ranks_from_prefs(prefs: IntArray, chunk: int = 256) -> IntArray:
    """rank[p, prefs[p, k]] = k, a block of rows at a time as one flat scatter (row offsets added to
    the preference entries): cheaper than put_along_axis, which builds an index array per axis.

    Ranks are int16 when they fit: at 10,000 × 10,000 the table's first touch of fresh memory
    costs more than the scatter, and half the bytes halve it.
    """
    rows, cols = prefs.shape
    rank = np.empty(prefs.shape, dtype=np.int16 if cols <= np.iinfo(np.int16).max else np.int32)
    positions = np.tile(np.arange(cols, dtype=rank.dtype), min(chunk, rows))
    offsets = (np.arange(min(chunk, rows), dtype=np.int64) * cols)[:, None]
    for start in range(0, rows, chunk):
        stop = min(start + chunk, rows)
        block = rank[start:stop].reshape(-1)
        block[(prefs[start:stop] + offsets[: stop - start]).reshape(-1)] = positions[: (stop - start) * cols]
    return rank


def gale_shapley(prefs: IntArray, receiver_rank: IntArray) -> IntArray:
    """Proposer-optimal stable matching. Returns, per proposer, its receiver or -1.

    A tight loop over Python ints: memoryviews give element reads without numpy scalar boxing.
    Proposals total O(n log n) for random preferences, O(n²) at worst.
    """
    n_prop, n_recv = prefs.shape
    pref_view = memoryview(np.ascontiguousarray(prefs, dtype=np.int32)).cast("B").cast("i", (n_prop, n_recv))
    rank = np.asarray(receiver_rank)
    if rank.dtype not in (np.int16, np.int32):
        rank = rank.astype(np.int32)
    rank_view = (
        memoryview(np.ascontiguousarray(rank))
        .cast("B")
        .cast("h" if rank.dtype == np.int16 else "i", (n_recv, n_prop))
    )
    next_choice = [0] * n_prop
    holder = [-1] * n_recv
    free = list(range(n_prop - 1, -1, -1))
    while free:
        p = free.pop()
        k = next_choice[p]
        while k < n_recv:
            r = pref_view[p, k]
            k += 1
            h = holder[r]
            if h < 0:
                holder[r] = p
                break
            if rank_view[r, p] < rank_view[r, h]:
                holder[r] = p
                free.append(h)
                break
        next_choice[p] = k
    match = np.full(n_prop, -1, dtype=np.int64)
    for r, p in enumerate(holder):
        if p >= 0:
            match[p] = r
    return match


def blocking_pairs(
    proposer_rank: IntArray, receiver_rank: IntArray, match: IntArray, chunk: int = 1024
) -> int:
    """Count pairs (p, r) who both prefer each other to their partners in `match`; 0 means stable.

    Independent of how the matching was made: it reads only the two rank matrices and the result,
    in O(P·R) vectorised work, a block of proposers at a time to bound memory.
    """
    n_prop, n_recv = proposer_rank.shape
    match = np.asarray(match)
    matched = match >= 0
    partner_of = np.full(n_recv, -1, dtype=np.int64)
    partner_of[match[matched]] = np.nonzero(matched)[0]
    if np.count_nonzero(matched) != len(np.unique(match[matched])):
        raise ValueError("a receiver is matched twice")
    # An unmatched side ranks "nobody" after everyone.
    p_current = np.full(n_prop, n_recv, dtype=np.int64)
    p_current[matched] = proposer_rank[np.nonzero(matched)[0], match[matched]]
    r_current = np.full(n_recv, n_prop, dtype=np.int64)
    held = partner_of >= 0
    r_current[held] = receiver_rank[np.nonzero(held)[0], partner_of[held]]
    total = 0
    for start in range(0, n_prop, chunk):
        stop = min(start + chunk, n_prop)
        p_wants = proposer_rank[start:stop] < p_current[start:stop, None]
        r_wants = r_current[None, :] > receiver_rank[:, start:stop].T
        total += int(np.count_nonzero(p_wants & r_wants))
    return total


# Square problems from this size on go through the sparse solver with a dual certificate.
SPARSE_FROM = 200
SPARSE_PER_ROW = 16
# Violating entries added per row and round, as a multiple of per_row. At 10,000 × 10,000 the app's
# fits need 2 solves with 12 (all of a row's violators, nearly) against 3 with 1.
GROWTH_PER_ROW = 12
# After the first solve, entries whose reduced cost under the last dual is at most this go to a
# trial solve first (the app's fits at 10,000 × 10,000: 290,000 of 860,000 entries, enough at 3,
# not at 0). Bellman–Ford passes allowed to price the trial: they settle in 6–14 there.
NEAR_SLACK = 3
TRIAL_PRICE_PASSES = 50


def optimal_assignment(fit: NDArray[np.number]) -> IntArray:
    """Rows to columns maximising total fit (exact; rectangular allowed). Per row: column or -1.

    Large square integer problems are solved on each row's best few entries and proven optimal for
    the whole matrix by LP duality (`certified_sparse_assignment`); anything else, or a sparse
    attempt that cannot prove itself, goes to the dense solver.
    """
    fit = np.asarray(fit)
    rows, cols = fit.shape
    if rows == cols >= SPARSE_FROM and np.issubdtype(fit.dtype, np.integer):
        match = certified_sparse_assignment(fit)
        if match is not None:
            return match
    return dense_assignment(fit)


def dense_assignment(fit: NDArray[np.number]) -> IntArray:
    rows, cols = linear_sum_assignment(-np.asarray(fit, dtype=np.float64))
    match = np.full(fit.shape[0], -1, dtype=np.int64)
    match[rows] = cols
    return match


def certified_sparse_assignment(
    fit: NDArray[np.number],
    per_row: int = SPARSE_PER_ROW,
    max_rounds: int = 12,
    chunk: int = 1 << 18,
    growth: int = GROWTH_PER_ROW,
    near_slack: int = NEAR_SLACK,
) -> IntArray | None:
    """A maximum-fit perfect assignment of a square integer matrix, or None when not proven.

    1. Keep, per row, the entries at or above a threshold chosen (from a column sample) to leave
       about `per_row` of them, or only those at the row's best when it has `per_row` of these;
       rows drowned in ties keep every k-th, `3·per_row` at most. `bound[i]` is an upper bound on
       every entry of row i left out.
    2. Solve the sparse problem exactly (LAPJVsp, `min_weight_full_bipartite_matching`).
    3. Dual potentials for that solution: column prices `v` from shortest paths over the kept
       entries (Bellman–Ford from a virtual source), row values `u[i] = fit[i, match[i]] - v[match[i]]`.
       They satisfy u[i] + v[j] >= fit[i, j] on every kept entry, with equality on the matching.
    4. Certificate over the whole matrix (`_violations`): u[i] + v[j] >= fit[i, j] everywhere,
       checked entry by entry only where the row bounds and a price level cannot vouch for it. A
       feasible dual with equal objective proves the matching optimal for the full matrix (weak
       duality). Otherwise the worst violating entries of each row are added and the loop repeats,
       solving first only the entries the last dual nearly prices, and all of them when prices
       over all cannot prove that trial optimal.
    Integers only, so every sum is exact in float64.
    """
    fit = np.asarray(fit)
    n = fit.shape[0]
    if fit.shape != (n, n) or n == 0:
        return None
    if not np.issubdtype(fit.dtype, np.integer):
        return None
    chunk = max(1, chunk // n)  # rows per block, so that temporaries stay in cache
    cap = 3 * per_row
    # Row thresholds from a column sample: the q-th best of the sample predicts about per_row
    # entries. Read a block of rows at a time, in cache, so the whole selection is one pass.
    sample_size = min(n, max(64, 40 * per_row))
    q = min(sample_size, max(1, -(-per_row * sample_size // n)))
    sampled = np.sort(np.random.default_rng(0).choice(n, size=sample_size, replace=False))
    top = np.empty(n, dtype=np.int64)
    bound = np.empty(n, dtype=np.int64)
    edge_rows: list[IntArray] = []
    edge_cols: list[IntArray] = []
    lo, hi = 0, 0
    for start in range(0, n, chunk):
        stop = min(start + chunk, n)
        block = fit[start:stop]
        best = block.max(axis=1).astype(np.int64)
        top[start:stop] = best
        lo, hi = min(lo, int(block.min())), max(hi, int(best.max()))
        floor = -np.partition(-block[:, sampled], q - 1, axis=1)[:, q - 1].astype(np.int64)
        flat = np.flatnonzero(block >= floor[:, None])
        r, c = np.divmod(flat, n)
        # A row with per_row or more entries at its best value keeps only those: lesser entries
        # beside a crowd of ties only lengthen the solver's search (a third solve, measured).
        at_top = block.reshape(-1)[flat] == best[r]
        tied = np.bincount(r[at_top], minlength=stop - start) >= per_row
        chosen = at_top | ~tied[r]
        r, c = r[chosen], c[chosen]
        floor = np.where(tied, best, floor)
        # Crowded rows keep every k-th of their entries (r is sorted, so a rank within the row is
        # an offset from the row's first), and their bound rises to the row's best.
        counts = np.bincount(r, minlength=stop - start)
        stride = np.maximum(1, -(-counts // cap))
        first = np.cumsum(counts) - counts
        keep = (np.arange(len(r)) - first[r]) % stride[r] == 0
        bound[start:stop] = np.where(stride > 1, best, floor - 1)
        edge_rows.append(r[keep] + start)
        edge_cols.append(c[keep])
    if (hi - lo + 1) * (n + 2) >= 2**50:
        return None  # sums might not be exact in float64
    flat = _distinct(np.concatenate(edge_rows).astype(np.int64) * n + np.concatenate(edge_cols))
    rows_e, cols_e = np.divmod(flat, n)
    # Make sure the kept entries hold a perfect matching: rows a maximum matching leaves over get
    # their next best entries, and columns the rows that lose least (against their best) by
    # taking them, generously, since
    # each maximum-matching pass costs more than the extra entries. The sparse solver checks for
    # a perfect matching itself, failing fast without one, so widened entries go straight to it.
    width = max(4 * per_row, n // 10)
    exhausted = False
    match: IntArray | None = None
    while match is None:
        graph = csr_array((np.ones(len(rows_e)), (rows_e, cols_e)), shape=(n, n))
        partial = maximum_bipartite_matching(graph, perm_type="column")
        free_r = np.nonzero(partial < 0)[0]
        if len(free_r):
            if exhausted:
                return None  # whole rows and columns were added: not expected, but not proven either
            exhausted = width >= n
            width = min(width, n)
            taken = np.zeros(n, dtype=bool)
            taken[partial[partial >= 0]] = True
            free_c = np.nonzero(~taken)[0]
            by_col = fit[:, free_c] - top[:, None]
            best_r = np.argpartition(-by_col, width - 1, axis=0)[:width]
            best_c = np.argpartition(-fit[free_r], width - 1, axis=1)[:, :width]
            flat = _distinct(
                np.r_[
                    rows_e * n + cols_e,
                    (best_r * n + free_c[None, :]).ravel(),
                    (free_r[:, None] * n + best_c).ravel(),
                ]
            )
            rows_e, cols_e = np.divmod(flat, n)
            width *= 4
        match = _sparse_max_matching(fit, n, rows_e, cols_e)
        if match is None and not len(free_r):
            return None  # the solver failed on entries that hold a perfect matching
    v = _column_prices(fit, match, rows_e, cols_e)
    for _ in range(max_rounds):
        if v is None:
            return None
        u = fit[np.arange(n), match] - v[match]
        found = _violations(fit, u, v, bound, chunk)
        if found is None:
            return match
        bad_r, bad_c, excess = found
        del found
        # The most violated entries of each row, up to `growth` times per_row: generous,
        # since a further round (solve, prices, certificate) costs far more than extra entries;
        # capped, so that a poor first dual cannot flood the sparse problem.
        order = np.lexsort((-excess, bad_r))
        bad_r, bad_c = bad_r[order], bad_c[order]
        rank_in_row = np.arange(len(bad_r)) - np.searchsorted(bad_r, bad_r, side="left")
        keep = rank_in_row < growth * per_row
        rows_e = np.concatenate([rows_e, bad_r[keep]])
        cols_e = np.concatenate([cols_e, bad_c[keep]])
        # First a trial on the entries the last dual nearly prices (the matching among them, so a
        # perfect matching exists, and the new violators): a third of the entries at 10,000 ×
        # 10,000, so a third of the solve. Prices over all kept entries then prove it optimal on
        # them; a negative cycle (no convergence within the limit) sends them all to the solver.
        near = u[rows_e] + v[cols_e] - fit[rows_e, cols_e] <= near_slack
        trial = _sparse_max_matching(fit, n, rows_e[near], cols_e[near])
        v = None if trial is None else _column_prices(fit, trial, rows_e, cols_e, TRIAL_PRICE_PASSES)
        if trial is not None and v is not None:
            match = trial
            continue
        match = _sparse_max_matching(fit, n, rows_e, cols_e)
        if match is None:
            return None
        v = _column_prices(fit, match, rows_e, cols_e)
    return None


def _distinct(values: NDArray[Any]) -> NDArray[Any]:
    """Sorted distinct values (a sort and a mask: cheaper here than np.unique's hashing)."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def _violations(
    fit: NDArray[np.number], u: NDArray[Any], v: IntArray, bound: IntArray, chunk: int
) -> tuple[IntArray, IntArray, NDArray[Any]] | None:
    """Entries with fit[i, j] > u[i] + v[j] (row, column, excess), or None when there are none.

    Exact over the whole matrix without reading all of it when prices allow: for a price level L,
    an entry left out of row i in a column priced v[j] >= L exceeds by at most bound[i] - L - u[i],
    so only rows where that can be positive, and columns priced below L, are read entry by entry.
    L is chosen to read the fewest entries.
    """
    n = len(u)
    levels = _distinct(v)
    gap = np.sort(bound - u)  # a row needs reading at level L when gap > L
    rows_read = n - np.searchsorted(gap, levels, side="right")
    cols_read = np.searchsorted(np.sort(v), levels, side="left")
    level = levels[np.argmin(rows_read + cols_read)]
    found_r: list[IntArray] = []
    found_c: list[IntArray] = []
    found_x: list[NDArray[Any]] = []

    def scan(rows: IntArray, cols: IntArray | None) -> None:
        for start in range(0, len(rows), chunk):
            idx = rows[start : start + chunk]
            # A contiguous run of rows is read in place, without a copy.
            block = fit[idx[0] : idx[-1] + 1] if len(idx) == idx[-1] - idx[0] + 1 else fit[idx]
            # One subtraction and a flat nonzero (cheaper than a 2-d one): excess = shifted - u.
            shifted = block - v[None, :] if cols is None else block[:, cols] - v[None, cols]
            flat = np.flatnonzero(shifted > u[idx, None])
            if len(flat):
                r, c = np.divmod(flat, shifted.shape[1])
                found_r.append(idx[r])
                found_c.append(c if cols is None else cols[c])
                found_x.append(shifted.reshape(-1)[flat] - u[idx[r]])

    full_rows = np.nonzero(bound - u > level)[0]
    scan(full_rows, None)
    low_cols = np.nonzero(v < level)[0]
    if len(low_cols):
        others = np.ones(n, dtype=bool)
        others[full_rows] = False
        scan(np.nonzero(others)[0], low_cols)
    if not found_r:
        return None
    return np.concatenate(found_r), np.concatenate(found_c), np.concatenate(found_x)


def _sparse_max_matching(
    fit: NDArray[np.number], n: int, rows_e: IntArray, cols_e: IntArray
) -> IntArray | None:
    weights = fit[rows_e, cols_e].astype(np.int64)
    # Costs shifted to be positive so that no kept entry is an explicit zero.
    cost = (int(weights.max()) + 1 - weights).astype(np.float64)
    graph = csr_array((cost, (rows_e, cols_e)), shape=(n, n))
    try:
        r, c = min_weight_full_bipartite_matching(graph)
    except ValueError:
        return None
    match = np.full(n, -1, dtype=np.int64)
    match[r] = c
    return match


def _column_prices(
    fit: NDArray[np.number],
    match: IntArray,
    rows_e: IntArray,
    cols_e: IntArray,
    passes: int | None = None,
) -> IntArray | None:
    """Prices v with v[j] - v[match[i]] >= fit[i, j] - fit[i, match[i]] on every kept entry (i, j).

    Difference constraints: an arc j -> match[i] of length fit[i, match[i]] - fit[i, j]; shortest
    distances from a virtual source joined to every column by zero-length arcs satisfy them all.
    Vectorised Bellman–Ford; None on a negative cycle (the matching would not be optimal), or when
    `passes` (default n + 1, which decides) end before the distances settle.
    """
    n = len(match)
    own = fit[np.arange(n), match].astype(np.int64)
    off = cols_e != match[rows_e]
    tail = cols_e[off]
    head = match[rows_e[off]]
    length = own[rows_e[off]] - fit[rows_e[off], cols_e[off]].astype(np.int64)
    order = np.argsort(head, kind="stable")
    tail, head, length = tail[order], head[order], length[order]
    if not len(head):
        return np.zeros(n, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, head[1:] != head[:-1]])
    heads = head[starts]
    dist = np.zeros(n, dtype=np.int64)
    for _ in range(n + 1 if passes is None else passes):
        best = np.minimum.reduceat(dist[tail] + length, starts)
        improved = best < dist[heads]
        if not improved.any():
            return dist
        dist[heads[improved]] = best[improved]
    return None


def readjust(fit: NDArray[np.number], current: IntArray, change_penalty: int) -> IntArray:
    """Re-match after a change, keeping pairs unless moving pays.

    Maximises total fit minus `change_penalty` for every row that held a column and no longer
    holds the same one: the same as crediting each row the penalty for keeping its column. A
    penalty above the largest possible fit gain keeps every pair that can stay.
    """
    fit = np.asarray(fit)
    # Integer fits stay integer so that large problems can take the certified sparse path.
    weights = fit.astype(np.int64 if np.issubdtype(fit.dtype, np.integer) else np.float64)
    current = np.asarray(current)
    keeps = np.nonzero(current >= 0)[0]
    weights[keeps, current[keeps]] += change_penalty
    return optimal_assignment(weights)


def total_fit(fit: NDArray[np.number], match: IntArray) -> int:
    rows = np.nonzero(np.asarray(match) >= 0)[0]
    return int(np.asarray(fit)[rows, np.asarray(match)[rows]].sum())
