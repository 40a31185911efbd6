"""The rest-rotation solver (轮休): who works which shift, exactly (scipy `milp`, HiGHS).

Rules (hard): every shift has at least `min_heads` people and `min_kinds[kind]` of each kind;
one shift a day at most; nobody works more than `max_consecutive` days in a row; everybody rests
at least one day in every 7; nobody works on a day of leave.
Objectives, in order: the fewest shifts worked in all (nobody is kept on duty for nothing), then
the smallest spread between the most and the fewest shifts of anyone with no leave in the period.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

SLOTS = ("day", "night")
REST_WINDOW = 7


class NoRota(Exception):
    """No rota meets every rule (too few people, or too few of a kind)."""


@dataclass
class Person:
    id: int
    kind: str
    off: set[int] = field(default_factory=set)  # day indexes of leave or unavailability


@dataclass
class Rules:
    days: int
    min_heads: int = 2
    min_kinds: dict[str, int] = field(default_factory=dict)
    max_consecutive: int = 6


@dataclass
class Roster:
    shifts: list[tuple[int, int, str]]  # (person id, day index, slot)
    loads: dict[int, int]
    spread: tuple[int, int]  # fewest and most shifts among people with no leave


@dataclass(frozen=True)
class Violation:
    code: str  # leave | double | heads | kind | consecutive | rest
    person: int | None
    day: int
    slot: str = ""
    kind: str = ""
    have: int = 0
    need: int = 0


def violations(people: list[Person], rules: Rules, shifts: list[tuple[int, int, str]]) -> list[Violation]:
    """Every broken rule of a roster; checked independently of the solver."""
    found: list[Violation] = []
    by_id = {p.id: p for p in people}
    worked: dict[int, set[int]] = {p.id: set() for p in people}
    per_day: dict[tuple[int, int], int] = {}
    for pid, day, _slot in shifts:
        per_day[(pid, day)] = per_day.get((pid, day), 0) + 1
        worked[pid].add(day)
        if day in by_id[pid].off:
            found.append(Violation("leave", pid, day))
    found += [Violation("double", pid, d) for (pid, d), n in per_day.items() if n > 1]
    for day in range(rules.days):
        for slot in SLOTS:
            on = [by_id[pid] for pid, d, s in shifts if d == day and s == slot]
            if len(on) < rules.min_heads:
                found.append(Violation("heads", None, day, slot, have=len(on), need=rules.min_heads))
            for kind, need in rules.min_kinds.items():
                have = sum(1 for p in on if p.kind == kind)
                if have < need:
                    found.append(Violation("kind", None, day, slot, kind, have, need))
    for pid, days in worked.items():
        run = 0
        for day in range(rules.days):
            run = run + 1 if day in days else 0
            if run == rules.max_consecutive + 1:
                found.append(Violation("consecutive", pid, day, need=rules.max_consecutive))
        for start in range(rules.days - REST_WINDOW + 1):
            if all(d in days for d in range(start, start + REST_WINDOW)):
                found.append(Violation("rest", pid, start))
    return found


def solve(people: list[Person], rules: Rules, time_limit: float = 30.0) -> Roster:
    P, D, T = len(people), rules.days, len(SLOTS)
    if P == 0:
        raise NoRota("nobody to put on the rota")
    X = P * D * T
    LMAX, LMIN = X, X + 1
    size = X + 2

    def x(p: int, d: int, t: int) -> int:
        return (p * D + d) * T + t

    r: list[int] = []
    c: list[int] = []
    v: list[float] = []
    lo: list[float] = []
    hi: list[float] = []

    def row(coefs: list[tuple[int, float]], low: float, high: float) -> None:
        i = len(lo)
        for col, val in coefs:
            r.append(i)
            c.append(col)
            v.append(val)
        lo.append(low)
        hi.append(high)

    for d in range(D):
        for t in range(T):
            row([(x(p, d, t), 1.0) for p in range(P)], rules.min_heads, np.inf)
            for kind, need in rules.min_kinds.items():
                row(
                    [(x(p, d, t), 1.0) for p, person in enumerate(people) if person.kind == kind],
                    need,
                    np.inf,
                )
    for p in range(P):
        for d in range(D):
            row([(x(p, d, t), 1.0) for t in range(T)], 0, 1)
        # A run of max_consecutive + 1 days holds a rest day; so does every 7-day window.
        for span in sorted({rules.max_consecutive + 1, REST_WINDOW}):
            for start in range(D - span + 1):
                row([(x(p, d, t), 1.0) for d in range(start, start + span) for t in range(T)], 0, span - 1)
    full = [p for p, person in enumerate(people) if not person.off & set(range(D))]
    for p in range(P):
        load = [(x(p, d, t), 1.0) for d in range(D) for t in range(T)]
        row([*load, (LMAX, -1.0)], -np.inf, 0)
        if p in full:
            row([*load, (LMIN, -1.0)], 0, np.inf)

    ub = np.ones(size)
    ub[LMAX] = ub[LMIN] = D * T
    for p, person in enumerate(people):
        for d in person.off:
            if 0 <= d < D:
                for t in range(T):
                    ub[x(p, d, t)] = 0
    if not full:
        ub[LMIN] = 0
    # Fewest shifts first: one shift more outweighs any spread (the spread is at most D × T).
    cost = np.zeros(size)
    cost[:X] = D * T + 1
    cost[LMAX], cost[LMIN] = 1.0, -1.0
    result = milp(
        cost,
        integrality=np.ones(size),
        bounds=Bounds(np.zeros(size), ub),
        constraints=LinearConstraint(coo_matrix((v, (r, c)), shape=(len(lo), size)).tocsr(), lo, hi),
        options={"time_limit": time_limit},
    )
    if result.status == 2:
        raise NoRota("no rota meets every rule")
    if result.x is None:
        raise NoRota(result.message)
    sol = np.asarray(result.x)
    shifts = [
        (person.id, d, SLOTS[t])
        for p, person in enumerate(people)
        for d in range(D)
        for t in range(T)
        if sol[x(p, d, t)] > 0.5
    ]
    loads = {person.id: 0 for person in people}
    for pid, _d, _s in shifts:
        loads[pid] += 1
    fair = [loads[people[p].id] for p in full] or list(loads.values())
    return Roster(shifts=shifts, loads=loads, spread=(min(fair), max(fair)))
