"""Reads of assignments, training and rotas; user-facing reads go through the user's scope."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from grassroots.core.models import AnyUser
from grassroots.core.scope import scoped
from grassroots.people.models import Staff
from grassroots.places.models import Area

from .models import Assignment, Role


def local_day(at: dt.datetime | None = None) -> dt.date:
    """The calendar day (in the site's time zone) of `at`, or of now."""
    return timezone.localdate(at or timezone.now())


def active_q(on: dt.date, prefix: str = "") -> Q:
    """Assignments running on day `on`: started on or before it and not yet ended."""
    return Q(**{f"{prefix}starts_on__lte": on}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gt": on})
    )


def assignments_active(*, on: dt.date | None = None) -> QuerySet[Assignment]:
    return Assignment.objects.filter(active_q(on or local_day()))


def commander_at(*, area: Area, at: dt.datetime) -> Staff | None:
    """The commander of the station of compound `area` at the moment `at` (None if the post was empty).

    When two commanders overlap (a hand-over recorded late), the one who started last is in charge.
    """
    found = (
        Assignment.objects.filter(active_q(local_day(at)), area=area, role=Role.COMMANDER)
        .select_related("staff")
        .order_by("-starts_on", "-id")
        .first()
    )
    return found.staff if found else None


def assignment_list(
    *, user: AnyUser, area: Area | None = None, role: str = "", current_only: bool = True
) -> QuerySet[Assignment]:
    rows = scoped(Assignment.objects.select_related("staff", "area", "post"), user, "area__path")
    if area is not None:
        rows = rows.filter(area__path__startswith=area.path)
    if role:
        rows = rows.filter(role=role)
    if current_only:
        rows = rows.filter(active_q(local_day()))
    return rows
