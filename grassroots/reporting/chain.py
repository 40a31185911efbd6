"""The reporting chain: which levels stand above a place, who sits at each, what rules apply."""

from datetime import datetime, timedelta

from django.db.models import Q

from grassroots.core.models import AccessGrant, User
from grassroots.deployment.selectors import commander_at
from grassroots.people.models import Staff
from grassroots.places.models import Area, AreaKind, Post, PostKind
from grassroots.places.selectors import ancestors

from .models import DeadlineRule

# The kinds of area that form a level of the chain: station (compound) → centre (community) → street → district.
LEVEL_KINDS = (
    AreaKind.COMMUNITY,
    AreaKind.VILLAGE,
    AreaKind.STREET,
    AreaKind.TOWNSHIP,
    AreaKind.DISTRICT,
    AreaKind.COUNTY,
)

# Used only when an administrator has deleted every rule, including the catch-all one.
FALLBACK_RULE = (timedelta(hours=2), timedelta(hours=4))


def levels_above(area: Area) -> list[Area]:
    """The chain levels above `area`, nearest first (a compound's community, street, district)."""
    return [a for a in reversed(ancestors(area)) if a.kind in LEVEL_KINDS]


def level_above(area: Area) -> Area | None:
    levels = levels_above(area)
    return levels[0] if levels else None


def office_of(user: User, area: Area) -> AccessGrant | None:
    """The user's narrowest office whose area contains `area` (where they file from)."""
    grants = AccessGrant.objects.filter(user=user).select_related("area", "post")
    holding = [g for g in grants if area.path.startswith(g.area.path)]
    return max(holding, key=lambda g: g.area.depth) if holding else None


def post_of(area: Area) -> Post | None:
    """The command post standing on an area: a compound's station, a community's centre."""
    return (
        Post.objects.filter(area=area, kind__in=[PostKind.STATION, PostKind.CENTRE])
        .order_by("kind", "pk")
        .first()
    )


def users_at(levels: list[Area]) -> list[User]:
    """The active users whose office is exactly one of these levels (not those below them)."""
    return list(User.objects.filter(grants__area__in=levels, is_active=True).distinct())


def level_of(user: User, levels: list[Area]) -> Area | None:
    """Which of these levels the user sits at (their nearest office among them)."""
    held = set(AccessGrant.objects.filter(user=user).values_list("area_id", flat=True))
    mine = [level for level in levels if level.pk in held]
    return max(mine, key=lambda a: a.depth) if mine else None


def deadline_rule(category: str, severity: str) -> tuple[timedelta, timedelta]:
    """(report within, progress every): the strictest of all rules matching this category and severity."""
    rules = list(
        DeadlineRule.objects.filter(
            Q(category=category) | Q(category=""), Q(severity=severity) | Q(severity="")
        )
    )
    if not rules:
        return FALLBACK_RULE
    return min(r.report_within for r in rules), min(r.update_every for r in rules)


def commander_of(area: Area, at: datetime) -> Staff | None:
    """The station commander in charge of `area` at `at` (from the command network's assignments)."""
    compound = area if area.kind == AreaKind.COMPOUND else None
    if compound is None:
        compound = next((a for a in ancestors(area) if a.kind == AreaKind.COMPOUND), None)
    return commander_at(area=compound or area, at=at)
