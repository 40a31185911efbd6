"""Counts as correlated subqueries: one number per outer row, without joining the rows counted (a
join of two such lists makes their product before anything is counted)."""

from typing import Any

from django.db.models import F, Func, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def counted(rows: QuerySet[Any], *, of: str = "pk", distinct: bool = False) -> Coalesce:
    """How many of `rows` (filtered on an OuterRef) there are, or how many different `of` among them
    with `distinct` (rows joined twice to one outer row count once); 0 when none."""
    # COUNT as a plain function, not an aggregate, so Django adds no GROUP BY to the subquery.
    template = "%(function)s(DISTINCT %(expressions)s)" if distinct else "%(function)s(%(expressions)s)"
    sub = rows.order_by().annotate(n=Func(F(of), function="COUNT", template=template)).values("n")
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))
