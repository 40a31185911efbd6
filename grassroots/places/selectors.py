"""Reads of the grid that need no user: counts down the tree. Scoped reads go through core.scope."""

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from .models import KIND_ORDER, Area


def kinds_below(kind: str) -> list[str]:
    return KIND_ORDER[KIND_ORDER.index(kind) + 1 :]


def descendant_counts(area: Area) -> dict[str, int]:
    """How many areas of each kind lie below `area` (one grouped prefix query)."""
    rows = (
        Area.objects.filter(path__startswith=area.path)
        .exclude(pk=area.pk)
        .values("kind")
        .annotate(n=Count("id"))
    )
    counts = {row["kind"]: row["n"] for row in rows}
    return {kind: counts[kind] for kind in KIND_ORDER if kind in counts}


def with_descendant_counts(areas: QuerySet[Area], kinds: list[str]) -> QuerySet[Area]:
    """Annotate each area with `n_<kind>`: its descendants of that kind, counted in the database."""
    annotations = {}
    for kind in kinds:
        sub = (
            Area.objects.filter(path__startswith=OuterRef("path"), kind=kind)
            .order_by()
            .values("kind")
            .annotate(n=Count("id"))
            .values("n")
        )
        annotations[f"n_{kind}"] = Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))
    return areas.annotate(**annotations)


def count_under(areas: list[Area], rows: QuerySet[Any], path_field: str) -> dict[int, int]:
    """How many of `rows` lie in each area's subtree (the areas must not contain one another).

    One grouped query counts the rows per grid place; each place's count then goes to the area whose
    path begins its own. A prefix subquery per area instead scans every row once per area on SQLite,
    whose LIKE cannot use the path index against another column."""
    by_path = {area.path: area.pk for area in areas}
    totals = dict.fromkeys(by_path.values(), 0)
    grouped = rows.order_by().values(path_field).annotate(n=Count("pk")).values_list(path_field, "n")
    for path, n in grouped:
        end = 0
        while (end := path.find("/", end + 1)) != -1:
            if (pk := by_path.get(path[: end + 1])) is not None:
                totals[pk] += n
                break
    return totals


def ancestors(area: Area) -> list[Area]:
    """The area's ancestors, top first (one query by primary key)."""
    ids = area.ancestor_ids()
    by_id = Area.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def count_in_subtrees(
    rows: QuerySet[Any], path_field: str, areas: list[Area], **figures: Q
) -> dict[tuple[int, str], int]:
    """For each area and named figure, how many of `rows` lie in the area's subtree and match the figure.

    One scan with conditional counts by path prefix, instead of a query per area and figure."""
    totals = rows.aggregate(
        **{
            f"a{area.pk}_{name}": Count("pk", filter=Q(**{f"{path_field}__startswith": area.path}) & match)
            for area in areas
            for name, match in figures.items()
        }
    )
    return {(area.pk, name): totals[f"a{area.pk}_{name}"] for area in areas for name in figures}
