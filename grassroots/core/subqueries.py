"""Counts as correlated subqueries: one number per outer row, without joining the rows counted (a
join of two such lists makes their product before anything is counted)."""

from typing import Any

from django.db.models import F, Func, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def counted(rows: QuerySet[Any]) -> Coalesce:
    """How many of `rows` (filtered on an OuterRef) there are; 0 when none."""
    # COUNT as a plain function, so Django adds no GROUP BY to the correlated subquery.
    sub = rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))
