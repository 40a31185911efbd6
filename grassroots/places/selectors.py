"""Reads of the grid that need no user: counts down the tree. Scoped reads go through core.scope."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
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


def ancestors(area: Area) -> list[Area]:
    """The area's ancestors, top first (one query by primary key)."""
    ids = area.ancestor_ids()
    by_id = Area.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]
