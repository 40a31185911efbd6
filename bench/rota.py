"""Benchmark of the rest-rotation solver: 50 staff × 28 days × 2 shifts, with leave.

Every rule is then checked by `violations()`, which reads the roster without the solver.

    .venv/bin/python bench/rota.py
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grassroots.deployment.rota import Person, Rules, solve, violations


def instance(seed: int = 1) -> tuple[list[Person], Rules]:
    rng = random.Random(seed)
    kinds = ["cadre"] * 30 + ["medic"] * 6 + ["police"] * 6 + ["volunteer"] * 8
    people = [Person(id=i, kind=k) for i, k in enumerate(kinds)]
    for person in rng.sample(people, 8):
        start = rng.randrange(0, 24)
        person.off = set(range(start, start + rng.randint(2, 5)))
    return people, Rules(days=28, min_heads=8, min_kinds={"medic": 1, "police": 1}, max_consecutive=6)


def main() -> None:
    people, rules = instance()
    started = time.perf_counter()
    roster = solve(people, rules)
    elapsed = time.perf_counter() - started
    broken = violations(people, rules, roster.shifts)
    for violation in broken[:10]:
        print("violation:", violation)
    print(f"shifts={len(roster.shifts)} load_min={roster.spread[0]} load_max={roster.spread[1]}")
    print(f"staff={len(people)} days={rules.days} time_s={elapsed:.3f} violations={len(broken)}")


if __name__ == "__main__":
    main()
