"""From figures to scores. `evaluate` depends on its inputs alone, so a closed period, whose inputs
are stored with its scores, recomputes to the same result whatever happened to the records since."""

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q

from grassroots.people.models import Staff
from grassroots.places.models import Area, Post, PostKind

from .indicators import PERSON, REGISTRY, Figure
from .models import Rating, SchemeIndicator

Inputs = dict[str, dict[str, Any]]


def points(line: dict[str, Any]) -> float | None:
    """0-100 for one indicator's stored inputs, or None when there was nothing to score (or, for a
    login-keyed indicator, nobody to score: the person has no login to have made the records)."""
    if line.get("no_login"):
        return None
    n, d, target = line["numerator"], line["denominator"], line.get("target")
    if d is None:
        if not target:
            return None
        if line.get("penalty"):
            return max(0.0, 1 - n / target) * 100
        return min(1.0, n / target) * 100
    if d == 0:
        return None
    return n / d * 100


def evaluate(inputs: Inputs) -> tuple[Decimal, Inputs]:
    """The weighted total (two decimals) and each line with its points, from the inputs alone."""
    lines: Inputs = {}
    weighted, weights = 0.0, 0
    for code in sorted(inputs):
        line = dict(inputs[code])
        p = points(line)
        line["points"] = None if p is None else round(p, 2)
        lines[code] = line
        if p is not None:
            weighted += line["weight"] * p
            weights += line["weight"]
    total = Decimal(str(weighted / weights)) if weights else Decimal(0)
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), lines


def coverage(lines: Inputs) -> tuple[int, int]:
    """The weight of the lines that were scored, and the weight of them all: how much of the
    scheme a total rests on (a total is the weighted mean of the scored lines alone)."""
    weights = [line["weight"] for line in lines.values()]
    measured = [line["weight"] for line in lines.values() if line.get("points") is not None]
    return sum(measured), sum(weights)


def _line(code: str, figure: Figure, weight: int, target: int | None) -> dict[str, Any]:
    ind = REGISTRY[code]
    return {
        "numerator": figure.numerator,
        "denominator": figure.denominator,
        "ids": figure.ids,
        "against": figure.against,
        "model": ind.model,
        "weight": weight,
        "target": target,
        "penalty": ind.is_penalty,
    }


def subjects(area: Area) -> tuple[list[Staff], list[Post]]:
    people = list(Staff.objects.filter(area__path__startswith=area.path).order_by("pk"))
    stations = list(
        Post.objects.filter(kind=PostKind.STATION, area__path__startswith=area.path).order_by("pk")
    )
    return people, stations


def measure(
    *, period_id: int, area: Area, starts_on: date, ends_on: date, scheme: list[dict[str, Any]]
) -> tuple[dict[int, Inputs], dict[int, Inputs]]:
    """Live inputs for every person and station under `area`: {subject id: {code: line}}."""
    people, stations = subjects(area)
    loginless = {p.pk for p in people if p.user_id is None}
    by_person: dict[int, Inputs] = {p.pk: {} for p in people}
    by_station: dict[int, Inputs] = {s.pk: {} for s in stations}
    ratings: dict[tuple[int, str], Figure] = defaultdict(Figure)
    for pk, person_id, code, value in Rating.objects.filter(period_id=period_id).values_list(
        "pk", "person_id", "code", "value"
    ):
        f = ratings[(person_id, code)]
        f.numerator += value
        f.denominator = (f.denominator or 0) + 100
        f.ids.append(str(pk))
    for row in scheme:
        code, weight, target = row["code"], row["weight"], row.get("target")
        ind = REGISTRY[code]
        if ind.compute is None:
            for pid, inputs in by_person.items():
                inputs[code] = _line(code, ratings.get((pid, code), Figure()), weight, target)
            continue
        targets = by_person if ind.subject == PERSON else by_station
        figures = ind.compute(people if ind.subject == PERSON else stations, starts_on, ends_on)
        for sid, inputs in targets.items():
            empty = Figure(denominator=None) if ind.is_count else Figure()
            inputs[code] = _line(code, figures.get(sid, empty), weight, target)
            if ind.needs_login and sid in loginless:
                inputs[code]["no_login"] = True
    return by_person, by_station


def scheme_lines(scheme_id: int) -> list[dict[str, Any]]:
    return [
        {"code": code, "weight": weight, "target": target}
        for code, weight, target in SchemeIndicator.objects.filter(scheme_id=scheme_id)
        .filter(Q(code__in=list(REGISTRY)))
        .order_by("id")
        .values_list("code", "weight", "target")
    ]
