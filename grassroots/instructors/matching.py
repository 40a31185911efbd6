"""Two-way matching algorithms on plain arrays, free of the database so the benchmark and the property
tests run exactly the code the pages run.

Conventions: proposers are rows, receivers columns. `prefs[p]` lists every receiver, best first;
`rank[p, r]` is r's position in p's list (0 = best). Every pair is acceptable (complete lists), so
an unmatched side prefers any partner to none.
"""

from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment

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


def ranks_from_prefs(prefs: IntArray, chunk: int = 512) -> IntArray:
    """rank[p, prefs[p, k]] = k, vectorised a block of rows at a time: one scatter over the whole
    table would build index arrays eight times its size."""
    rows, cols = prefs.shape
    rank = np.empty_like(prefs)
    positions = np.arange(cols, dtype=prefs.dtype)
    for start in range(0, rows, chunk):
        stop = min(start + chunk, rows)
        np.put_along_axis(
            rank[start:stop], prefs[start:stop], np.broadcast_to(positions, (stop - start, cols)), axis=1
        )
    return rank


def gale_shapley(prefs: IntArray, receiver_rank: IntArray) -> IntArray:
    """Proposer-optimal stable matching. Returns, per proposer, its receiver or -1.

    A tight loop over Python ints: memoryviews give element reads without numpy scalar boxing.
    Proposals total O(n log n) for random preferences, O(n²) at worst.
    """
    n_prop, n_recv = prefs.shape
    pref_view = memoryview(np.ascontiguousarray(prefs, dtype=np.int32)).cast("B").cast("i", (n_prop, n_recv))
    rank_view = (
        memoryview(np.ascontiguousarray(receiver_rank, dtype=np.int32)).cast("B").cast("i", (n_recv, n_prop))
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


def optimal_assignment(fit: NDArray[np.number]) -> IntArray:
    """Rows to columns maximising total fit (exact; rectangular allowed). Per row: column or -1."""
    rows, cols = linear_sum_assignment(-np.asarray(fit, dtype=np.float64))
    match = np.full(fit.shape[0], -1, dtype=np.int64)
    match[rows] = cols
    return match


def readjust(fit: NDArray[np.number], current: IntArray, change_penalty: int) -> IntArray:
    """Re-match after a change, keeping pairs unless moving pays.

    Maximises total fit minus `change_penalty` for every row that held a column and no longer
    holds the same one: the same as crediting each row the penalty for keeping its column. A
    penalty above the largest possible fit gain keeps every pair that can stay.
    """
    weights = np.asarray(fit, dtype=np.float64).copy()
    current = np.asarray(current)
    keeps = np.nonzero(current >= 0)[0]
    weights[keeps, current[keeps]] += change_penalty
    return optimal_assignment(weights)


def total_fit(fit: NDArray[np.number], match: IntArray) -> int:
    rows = np.nonzero(np.asarray(match) >= 0)[0]
    return int(np.asarray(fit)[rows, np.asarray(match)[rows]].sum())
