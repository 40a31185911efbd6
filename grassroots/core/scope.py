"""Who sees what: the one place that turns a user into the subtrees they may read.

Every selector filters through `scoped()` (or `scope_q()`), naming the path of the area its
rows belong to, e.g. `scoped(Staff.objects.all(), user, "area__path")`.
"""

from functools import reduce
from operator import or_
from typing import TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from grassroots.places.models import Area

from .models import ROLE_RANK, AccessGrant, AnyUser, User

M = TypeVar("M", bound=Model)

NOTHING = Q(pk__in=[])


def _roots(user: AnyUser) -> list[str]:
    """The paths of the user's assigned areas, minus any already inside another (cached per user object)."""
    if not isinstance(user, User):
        return []
    cached: list[str] | None = getattr(user, "_scope_roots", None)
    if cached is None:
        paths = sorted(set(AccessGrant.objects.filter(user=user).values_list("area__path", flat=True)))
        cached = [p for i, p in enumerate(paths) if not any(p.startswith(q) for q in paths[:i])]
        setattr(user, "_scope_roots", cached)  # noqa: B010
    return cached


def sees_all(user: AnyUser) -> bool:
    return bool(user.is_active and user.is_superuser)


def scope_q(user: AnyUser, path_field: str = "path") -> Q:
    """A filter keeping rows whose area path lies inside one of the user's subtrees."""
    if not user.is_authenticated or not user.is_active:
        return NOTHING
    if sees_all(user):
        return Q()
    roots = _roots(user)
    if not roots:
        return NOTHING
    return reduce(or_, (Q(**{f"{path_field}__startswith": root}) for root in roots))


def scoped(queryset: QuerySet[M], user: AnyUser, path_field: str = "area__path") -> QuerySet[M]:
    return queryset.filter(scope_q(user, path_field))


def scoped_areas(user: AnyUser) -> QuerySet[Area]:
    return scoped(Area.objects.all(), user, "path")


def in_scope(user: AnyUser, area: Area | None) -> bool:
    if area is None:
        return sees_all(user)
    if sees_all(user):
        return True
    return user.is_authenticated and any(area.path.startswith(root) for root in _roots(user))


def top_areas(user: AnyUser) -> QuerySet[Area]:
    """The highest areas the user sees: where their browsing starts."""
    if sees_all(user):
        return Area.objects.filter(parent__isnull=True)
    return Area.objects.filter(path__in=_roots(user))


def role_of(user: AnyUser) -> str | None:
    """The widest role the user holds (superusers count as district HQ)."""
    if sees_all(user):
        return "district_hq"
    if not isinstance(user, User):
        return None
    roles: list[str] | None = getattr(user, "_roles", None)
    if roles is None:
        held = set(AccessGrant.objects.filter(user=user).values_list("role", flat=True))
        roles = sorted(held, key=lambda r: ROLE_RANK[r])
        setattr(user, "_roles", roles)  # noqa: B010
    return roles[0] if roles else None


def role_at_least(user: AnyUser, role: str) -> bool:
    """True when the user's widest role is `role` or wider (district HQ ⊃ street ⊃ community …)."""
    mine = role_of(user)
    return mine is not None and ROLE_RANK[mine] <= ROLE_RANK[role]


def area_or_404(user: AnyUser, area_id: int | str | None) -> Area | None:
    """The area with this id if the user sees it; None when no id was given; 404 otherwise."""
    if area_id in (None, ""):
        return None
    area = scoped_areas(user).filter(pk=int(area_id)).first() if str(area_id).isdigit() else None
    if area is None:
        raise Http404
    return area
