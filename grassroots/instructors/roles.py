"""Who holds which programme role. Services check these before every step; selectors use them to
widen what a sending unit, township or city committee reads beyond their area grants."""

from django.db.models import Exists, OuterRef, Q

from grassroots.core.models import AnyUser, User
from grassroots.core.scope import scope_q, sees_all
from grassroots.places.models import Area

from .models import Call, Instructor, InstructorRole, RoleKind

NOTHING = Q(pk__in=[])


def _roles(user: AnyUser) -> list[InstructorRole]:
    if not isinstance(user, User) or not user.is_active:
        return []
    cached: list[InstructorRole] | None = getattr(user, "_instructor_roles", None)
    if cached is None:
        cached = list(InstructorRole.objects.select_related("area").filter(user=user))
        setattr(user, "_instructor_roles", cached)  # noqa: B010
    return cached


def role_paths(user: AnyUser, kind: str) -> list[str]:
    return [r.area.path for r in _roles(user) if r.kind == kind]


def unit_department_ids(user: AnyUser) -> list[int]:
    return [r.department_id for r in _roles(user) if r.kind == RoleKind.SENDING_UNIT and r.department_id]


def is_city_committee(user: AnyUser, call: Call) -> bool:
    if sees_all(user):
        return True
    return any(call.area.path.startswith(p) for p in role_paths(user, RoleKind.CITY_COMMITTEE))


def is_sending_unit(user: AnyUser, instructor: Instructor) -> bool:
    return sees_all(user) or instructor.department_id in unit_department_ids(user)


def is_township_for(user: AnyUser, area: Area) -> bool:
    """True for the township office over `area` (a township or one of its villages)."""
    if sees_all(user):
        return True
    return any(area.path.startswith(p) for p in role_paths(user, RoleKind.TOWNSHIP))


def holds_any_role(user: AnyUser) -> bool:
    return sees_all(user) or bool(_roles(user))


def _prefix_q(field: str, paths: list[str]) -> Q:
    q = NOTHING
    for p in paths:
        q |= Q(**{f"{field}__startswith": p})
    return q


def calls_q(user: AnyUser) -> Q:
    """Calls the user may open: in their area scope or role areas, serving a village there, or applied to."""
    if sees_all(user):
        return Q()
    if not isinstance(user, User):
        return NOTHING
    paths = role_paths(user, RoleKind.CITY_COMMITTEE) + role_paths(user, RoleKind.SENDING_UNIT)
    # The villages and candidates as EXISTS, not joins: joined, an OR over a call's 144 villages and
    # hundreds of candidates made PostgreSQL walk their product (5-7 s a page for a village cadre).
    villages = Call.villages.through.objects.filter(call=OuterRef("pk")).filter(
        scope_q(user, "area__path") | _prefix_q("area__path", role_paths(user, RoleKind.TOWNSHIP))
    )
    return (
        scope_q(user, "area__path")
        | _prefix_q("area__path", paths)
        | Q(Exists(villages))
        | Q(Exists(Instructor.objects.filter(call=OuterRef("pk"), user=user)))
    )


def whole_call_q(user: AnyUser) -> Q:
    """Calls the user sees whole (every candidate, every matching): area heads over the county, the committee."""
    if sees_all(user):
        return Q()
    return scope_q(user, "area__path") | _prefix_q("area__path", role_paths(user, RoleKind.CITY_COMMITTEE))


def instructors_q(user: AnyUser) -> Q:
    """Instructors the user may read: whole calls for the committee and area heads over the county,
    a township's own villages and recommendations, a unit's own people, and one's own record."""
    if sees_all(user):
        return Q()
    if not isinstance(user, User):
        return NOTHING
    township = role_paths(user, RoleKind.TOWNSHIP)
    return (
        scope_q(user, "call__area__path")
        | _prefix_q("call__area__path", role_paths(user, RoleKind.CITY_COMMITTEE))
        | scope_q(user, "village__path")
        | _prefix_q("village__path", township)
        | _prefix_q("township__path", township)
        | Q(department_id__in=unit_department_ids(user))
        | Q(user=user)
    )


def villages_q(user: AnyUser, field: str = "village__path") -> Q:
    """Villages (needs profiles, logs, answers) the user reads: by area scope, committee or township role."""
    if sees_all(user):
        return Q()
    paths = role_paths(user, RoleKind.CITY_COMMITTEE) + role_paths(user, RoleKind.TOWNSHIP)
    return scope_q(user, field) | _prefix_q(field, paths)
