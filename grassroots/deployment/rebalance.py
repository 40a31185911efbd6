"""The rebalancing solver: move sent-down staff between compounds, exactly (scipy `milp`, HiGHS).

Objectives, in strict order (three solves, each fixing the optimum of the one before):
1. the total shortfall against every station's staff-kind requirements (medic, police, …);
2. the largest shortfall of any compound against its need (in people);
3. the number of people moved.
Hard rules: staff stay inside their group (their street, unless the district allows crossing);
no station's shortfall of any kind grows.

People of one kind are interchangeable here, so the model counts people per (compound, kind)
rather than choosing each person: 230 compounds × 4 kinds stay a small integer programme however
many people there are. With every move costing the same, the fewest moves turning the counts
before into the counts after is the sum of the decreases, which is what objective 3 counts; the
concrete people are then picked from the compounds that give some up.
"""

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix, csr_matrix, vstack

# The kinds that are sent down and may be moved; property staff, volunteers and community workers
# belong to their place.
MOVABLE_KINDS = ("cadre", "medic", "police", "rescue")
TOLERANCE = 1e-6


class Infeasible(Exception):
    """The solver found no plan (it cannot happen with consistent input; kept to fail loudly)."""


@dataclass
class Station:
    id: int
    group: int  # the street (or one group for the whole district when crossing is allowed)
    need: float  # people this compound should have, from land area, population and difficulty
    fixed: int = 0  # sent-down people who stay (leaders, guarantors)
    fixed_kinds: dict[str, int] = field(default_factory=dict)
    required: dict[str, int] = field(default_factory=dict)  # kind → at least
    movable: dict[str, list[int]] = field(default_factory=dict)  # kind → ids of people who may move

    def have(self, kind: str) -> int:
        return self.fixed_kinds.get(kind, 0) + len(self.movable.get(kind, []))

    @property
    def total(self) -> int:
        return self.fixed + sum(len(v) for v in self.movable.values())


@dataclass
class Move:
    staff: int
    src: int
    dst: int
    kind: str


@dataclass
class Plan:
    counts: dict[tuple[int, str], int]  # (station id, kind) → movable people after
    kind_shortfall: int
    max_shortfall: float
    moves: list[Move]

    @property
    def objective(self) -> dict[str, float]:
        return {
            "kind_shortfall": self.kind_shortfall,
            "max_need_shortfall": round(self.max_shortfall, 3),
            "moves": len(self.moves),
        }


def needs(
    figures: list[tuple[int, float, float, float]], weights: tuple[float, float, float], total: float
) -> dict[int, float]:
    """Spread `total` people over compounds by weighted land area, population and difficulty.

    `figures` holds (id, land area, population, difficulty); each figure is divided by its mean
    so the weights compare like with like. With all weights zero, every compound needs the same.
    """
    if not figures:
        return {}
    columns = np.array([f[1:] for f in figures], dtype=float)
    means = columns.mean(axis=0)
    means[means == 0] = 1.0
    scores = (columns / means) @ np.array(weights, dtype=float)
    if scores.sum() <= 0:
        scores = np.ones(len(figures))
    shares = scores / scores.sum()
    return {f[0]: float(total * s) for f, s in zip(figures, shares, strict=True)}


def shortfalls(stations: list[Station], counts: dict[tuple[int, str], int]) -> tuple[int, float]:
    """(total kind shortfall, largest need shortfall) of the stations holding `counts` movable people.

    Kinds nobody may move (a missing property manager) count too: a constant the plan cannot change."""
    kind_short = 0
    worst = 0.0
    for s in stations:
        for kind, need in s.required.items():
            kind_short += max(0, need - s.fixed_kinds.get(kind, 0) - counts.get((s.id, kind), 0))
        have = s.fixed + sum(counts.get((s.id, k), 0) for k in MOVABLE_KINDS)
        worst = max(worst, s.need - have)
    return kind_short, worst


def solve(stations: list[Station], time_limit: float = 60.0) -> Plan:
    J, K = len(stations), len(MOVABLE_KINDS)
    if J == 0:
        return Plan({}, 0, 0.0, [])
    n0 = np.array([[len(s.movable.get(k, [])) for k in MOVABLE_KINDS] for s in stations], dtype=float)
    groups: dict[int, list[int]] = defaultdict(list)
    for j, s in enumerate(stations):
        groups[s.group].append(j)

    # Variables: n[j,k] | out[j,k] | short[j,k] | under[j] | worst
    N, OUT, SHORT, UNDER, WORST = 0, J * K, 2 * J * K, 3 * J * K, 3 * J * K + J
    size = WORST + 1

    def n(j: int, k: int) -> int:
        return N + j * K + k

    lb, ub = np.zeros(size), np.full(size, np.inf)
    integrality = np.zeros(size)
    integrality[N : N + J * K] = 1
    for j, s in enumerate(stations):
        for k, kind in enumerate(MOVABLE_KINDS):
            supply = sum(n0[i, k] for i in groups[s.group])
            ub[n(j, k)] = supply
            # Never make a kind shortfall worse: keep what is needed (up to what is there now).
            missing = s.required.get(kind, 0) - s.fixed_kinds.get(kind, 0)
            lb[n(j, k)] = max(0.0, min(missing, n0[j, k]))

    rows: list[dict[int, float]] = []
    lo: list[float] = []
    hi: list[float] = []

    def row(coefs: dict[int, float], low: float, high: float) -> None:
        rows.append(coefs)
        lo.append(low)
        hi.append(high)

    for members in groups.values():
        for k in range(K):
            supply = float(n0[members, k].sum())
            row({n(j, k): 1.0 for j in members}, supply, supply)
    for j, s in enumerate(stations):
        for k, kind in enumerate(MOVABLE_KINDS):
            row({OUT + j * K + k: 1.0, n(j, k): 1.0}, n0[j, k], np.inf)
            missing = s.required.get(kind, 0) - s.fixed_kinds.get(kind, 0)
            row({SHORT + j * K + k: 1.0, n(j, k): 1.0}, float(max(0, missing)), np.inf)
        row({UNDER + j: 1.0, **{n(j, k): 1.0 for k in range(K)}}, s.need - s.fixed, np.inf)
        row({WORST: 1.0, UNDER + j: -1.0}, 0.0, np.inf)

    base = _matrix(rows, size)

    def run(
        objective: dict[int, float], extra: list[tuple[dict[int, float], float, float]], relax: bool = False
    ) -> np.ndarray | None:
        A = vstack([base, _matrix([e[0] for e in extra], size)]).tocsr()
        c = np.zeros(size)
        for col, v in objective.items():
            c[col] = v
        result = milp(
            c,
            integrality=np.zeros(size) if relax else integrality,
            bounds=Bounds(lb, ub),
            constraints=LinearConstraint(
                A, np.array(lo + [e[1] for e in extra]), np.array(hi + [e[2] for e in extra])
            ),
            options={"time_limit": time_limit},
        )
        if result.status == 2:  # infeasible
            return None
        if result.status != 0 or result.x is None:
            raise Infeasible(result.message)
        return np.asarray(result.x)

    def worst_of(x: np.ndarray) -> float:
        return max(
            0.0,
            max(s.need - s.fixed - sum(round(x[n(j, k)]) for k in range(K)) for j, s in enumerate(stations)),
        )

    shorts = {SHORT + i: 1.0 for i in range(J * K)}
    x = run(shorts, [])
    if x is None:
        raise Infeasible("no plan keeps every kind requirement")
    kinds_fixed = (dict(shorts), -np.inf, round(sum(x[c] for c in shorts)) + TOLERANCE)

    # Objective 2 (the largest shortfall) takes one of the values need − fixed − m (m whole)
    # between 0 and the value the first solve already reached. Counting heads only (kinds
    # ignored), the smallest feasible value is found by bisection in plain arithmetic; it is a
    # lower bound, and almost always feasible with kinds too, so usually one more solve (which
    # also minimises the moves, objective 3) finishes. Otherwise bisect above it with feasibility
    # solves, which HiGHS answers far faster than it closes a min-max gap directly.
    high = worst_of(x)
    candidates = sorted(
        v
        for v in {0.0}
        | {s.need - s.fixed - m for s in stations for m in range(math.ceil(s.need - s.fixed) + 1)}
        if -TOLERANCE <= v <= high + TOLERANCE
    ) or [high]
    floors = [sum(int(lb[n(j, k)]) for k in range(K)) for j in range(J)]
    supply = {g: int(n0[members].sum()) for g, members in groups.items()}

    def heads_fit(z: float) -> bool:
        used: dict[int, int] = defaultdict(int)
        for j, s in enumerate(stations):
            used[s.group] += max(floors[j], math.ceil(s.need - s.fixed - z - TOLERANCE))
        return all(used[g] <= supply[g] for g in groups)

    def first(fits: Callable[[float], bool], lo_i: int, hi_i: int) -> int:
        while lo_i < hi_i:
            mid = (lo_i + hi_i) // 2
            if fits(candidates[mid]):
                hi_i = mid
            else:
                lo_i = mid + 1
        return lo_i

    def cap(z: float) -> tuple[dict[int, float], float, float]:
        return ({WORST: 1.0}, -np.inf, z + TOLERANCE)

    start = first(heads_fit, 0, len(candidates) - 1)
    moves_objective = {OUT + i: 1.0 for i in range(J * K)}
    found = run(moves_objective, [kinds_fixed, cap(candidates[start])])
    if found is None:
        at = first(lambda z: run({}, [kinds_fixed, cap(z)]) is not None, start + 1, len(candidates) - 1)
        found = run(moves_objective, [kinds_fixed, cap(candidates[at])])
    assert found is not None
    x = found

    counts = {
        (s.id, kind): round(x[n(j, k)])
        for j, s in enumerate(stations)
        for k, kind in enumerate(MOVABLE_KINDS)
    }
    kind_short, worst = shortfalls(stations, counts)
    return Plan(counts, kind_short, max(0.0, worst), _moves(stations, counts))


def _matrix(rows: list[dict[int, float]], size: int) -> csr_matrix:
    r = [i for i, coefs in enumerate(rows) for _ in coefs]
    c = [col for coefs in rows for col in coefs]
    v = [val for coefs in rows for val in coefs.values()]
    return coo_matrix((v, (r, c)), shape=(len(rows), size)).tocsr()


def _moves(stations: list[Station], counts: dict[tuple[int, str], int]) -> list[Move]:
    """Concrete people for the new counts: the last-listed movable people leave compounds that give
    some up, and go to compounds that gain, the neediest first."""
    by_group: dict[tuple[int, str], tuple[list[tuple[int, int]], list[tuple[int, int]]]] = defaultdict(
        lambda: ([], [])
    )
    for s in stations:
        for kind in MOVABLE_KINDS:
            before, after = len(s.movable.get(kind, [])), counts[(s.id, kind)]
            gives, gains = by_group[(s.group, kind)]
            if after < before:
                gives.extend((s.id, p) for p in s.movable[kind][after:])
            elif after > before:
                gains.append((s.id, after - before))
    moves = []
    need = {s.id: s.need - s.total for s in stations}
    for (_group, kind), (gives, gains) in sorted(by_group.items()):
        gains.sort(key=lambda g: -need[g[0]])
        slots = [station for station, n in gains for _ in range(n)]
        for (src, person), dst in zip(gives, slots, strict=True):
            moves.append(Move(staff=person, src=src, dst=dst, kind=kind))
    return moves
