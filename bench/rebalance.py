"""Benchmark of the rebalancing solver: 230 compounds × 5,000 sent-down staff in 8 streets.

Prints the solver's time and objective, then checks optimality independently on smaller cases:
a different formulation (one binary variable per person and compound, solved lexicographically
with scipy milp) on a mid-size case, and plain enumeration of every placement on tiny cases.

    .venv/bin/python bench/rebalance.py
"""

import itertools
import random
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grassroots.deployment.rebalance import MOVABLE_KINDS, Station, shortfalls, solve

KIND_WEIGHTS = {"cadre": 0.8, "medic": 0.08, "police": 0.08, "rescue": 0.04}


def instance(compounds: int, staff: int, streets: int, seed: int) -> list[Station]:
    rng = random.Random(seed)
    stations = [
        Station(
            id=j,
            group=j % streets,
            need=0.0,
            fixed=rng.randint(1, 3),
            fixed_kinds={"property": 1} if rng.random() < 0.95 else {},
            required={"medic": 1, "police": 1, "property": 1},
        )
        for j in range(compounds)
    ]
    # Uneven on purpose: some compounds got far more people than others.
    pull = [rng.paretovariate(2.0) for _ in stations]
    for person in range(staff):
        s = rng.choices(stations, weights=pull)[0]
        kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
        s.movable.setdefault(kind, []).append(person)
    for g in range(streets):
        members = [s for s in stations if s.group == g]
        total = sum(s.total for s in members)
        scores = [rng.uniform(0.5, 2.0) for _ in members]
        for s, score in zip(members, scores, strict=True):
            s.need = total * score / sum(scores)
    return stations


def lexi_key(
    stations: list[Station], counts: dict[tuple[int, str], int], moves: int
) -> tuple[int, float, int]:
    short, worst = shortfalls(stations, counts)
    return short, round(max(0.0, worst), 6), moves


def no_worse(stations: list[Station], counts: dict[tuple[int, str], int]) -> bool:
    for s in stations:
        for kind, need in s.required.items():
            if kind in MOVABLE_KINDS:
                before = max(0, need - s.have(kind))
                after = max(0, need - s.fixed_kinds.get(kind, 0) - counts[(s.id, kind)])
                if after > before:
                    return False
    return True


def brute_force(stations: list[Station]) -> tuple[int, float, int]:
    """Every placement of every movable person inside their group; the lexicographic best."""
    people = [(s, kind, p) for s in stations for kind, ps in s.movable.items() for p in ps]
    options = [[t for t in stations if t.group == s.group] for s, _k, _p in people]
    best = None
    for choice in itertools.product(*options):
        counts = {(s.id, k): 0 for s in stations for k in MOVABLE_KINDS}
        moves = 0
        for (home, kind, _p), dst in zip(people, choice, strict=True):
            counts[(dst.id, kind)] += 1
            moves += dst.id != home.id
        if not no_worse(stations, counts):
            continue
        key = lexi_key(stations, counts, moves)
        best = key if best is None or key < best else best
    assert best is not None
    return best


def per_person(stations: list[Station]) -> tuple[int, float, int]:
    """A second formulation: x[i,j] = person i ends at compound j; lexicographic by three solves."""
    people = [(s, kind) for s in stations for kind, ps in s.movable.items() for _ in ps]
    pairs = [(i, t) for i, (s, _k) in enumerate(people) for t in stations if t.group == s.group]
    J = len(stations)
    index = {s.id: j for j, s in enumerate(stations)}
    _X, SHORT, UNDER, WORST = (
        0,
        len(pairs),
        len(pairs) + J * len(MOVABLE_KINDS),
        len(pairs) + J * (len(MOVABLE_KINDS) + 1),
    )
    size = WORST + 1
    rows, lo, hi = [], [], []
    for i in range(len(people)):
        rows.append({c: 1.0 for c, (pi, _t) in enumerate(pairs) if pi == i})
        lo.append(1.0)
        hi.append(1.0)
    for j, t in enumerate(stations):
        for k, kind in enumerate(MOVABLE_KINDS):
            cols = {c: 1.0 for c, (pi, tt) in enumerate(pairs) if tt is t and people[pi][1] == kind}
            missing = t.required.get(kind, 0) - t.fixed_kinds.get(kind, 0)
            rows.append({**cols, SHORT + j * len(MOVABLE_KINDS) + k: 1.0})
            lo.append(float(max(0, missing)))
            hi.append(np.inf)
            if missing > 0:  # the no-worse rule
                rows.append(dict(cols))
                lo.append(float(min(missing, t.have(kind) - t.fixed_kinds.get(kind, 0))))
                hi.append(np.inf)
        rows.append({**{c: 1.0 for c, (_pi, tt) in enumerate(pairs) if tt is t}, UNDER + j: 1.0})
        lo.append(t.need - t.fixed)
        hi.append(np.inf)
        rows.append({WORST: 1.0, UNDER + j: -1.0})
        lo.append(0.0)
        hi.append(np.inf)
    integrality = np.zeros(size)
    integrality[: len(pairs)] = 1
    ub = np.full(size, np.inf)
    ub[: len(pairs)] = 1
    stay = {c: 1.0 for c, (pi, t) in enumerate(pairs) if people[pi][0] is t}

    def run(obj: dict[int, float]) -> np.ndarray:
        A = lil_matrix((len(rows), size))
        for r, coefs in enumerate(rows):
            for c, v in coefs.items():
                A[r, c] = v
        cv = np.zeros(size)
        for c, v in obj.items():
            cv[c] = v
        res = milp(
            cv,
            integrality=integrality,
            bounds=Bounds(np.zeros(size), ub),
            constraints=LinearConstraint(A.tocsr(), lo, hi),
        )
        assert res.status == 0, res.message
        return np.asarray(res.x)

    shorts = {SHORT + i: 1.0 for i in range(J * len(MOVABLE_KINDS))}
    x = run(shorts)
    s1 = round(sum(x[c] for c in shorts))
    rows.append(dict(shorts))
    lo.append(-np.inf)
    hi.append(s1 + 1e-6)
    x = run({WORST: 1.0})
    rows.append({WORST: 1.0})
    lo.append(-np.inf)
    hi.append(x[WORST] + 1e-6)
    x = run({c: -1.0 for c in stay})
    counts = {(s.id, k): 0 for s in stations for k in MOVABLE_KINDS}
    for c, (pi, t) in enumerate(pairs):
        if x[c] > 0.5:
            counts[(t.id, people[pi][1])] += 1
    moved = len(people) - round(sum(x[c] for c in stay))
    assert index  # every station indexed
    return lexi_key(stations, counts, moved)


def plan_key(stations: list[Station]) -> tuple[int, float, int]:
    plan = solve(stations)
    return lexi_key(stations, plan.counts, len(plan.moves))


def same(a: tuple[int, float, int], b: tuple[int, float, int]) -> bool:
    return a[0] == b[0] and abs(a[1] - b[1]) < 1e-5 and a[2] == b[2]


def main() -> None:
    stations = instance(230, 5000, 8, seed=1)
    started = time.perf_counter()
    plan = solve(stations)
    elapsed = time.perf_counter() - started
    before = lexi_key(
        stations, {(s.id, k): len(s.movable.get(k, [])) for s in stations for k in MOVABLE_KINDS}, 0
    )
    print(f"before: kind_shortfall={before[0]} max_need_shortfall={before[1]:.2f}")
    print(f"after:  {plan.objective}")

    verified = True
    for seed in range(6):
        tiny = instance(4, 7, 2, seed=100 + seed)
        a, b = plan_key(tiny), brute_force(tiny)
        print(f"tiny case {seed}: solver={a} enumeration={b}")
        verified &= same(a, b)
    for seed in range(2):
        mid = instance(12, 150, 3, seed=200 + seed)
        a, b = plan_key(mid), per_person(mid)
        print(f"mid case {seed}: solver={a} per-person formulation={b}")
        verified &= same(a, b)
    objective = f"{plan.kind_shortfall}/{plan.max_shortfall:.3f}/{len(plan.moves)}"
    print(
        f"compounds=230 staff=5000 time_s={elapsed:.3f} objective={objective} "
        f"verified_optimal={'yes' if verified else 'no'}"
    )


if __name__ == "__main__":
    main()
