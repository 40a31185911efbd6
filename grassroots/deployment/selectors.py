"""Reads of assignments, training and rotas; user-facing reads go through the user's scope."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from grassroots.core.models import AnyUser
from grassroots.core.scope import scoped
from grassroots.people.models import Staff
from grassroots.places.models import Area, Post, PostKind

from .models import (
    Assignment,
    Leave,
    RebalanceProposal,
    Role,
    Rota,
    RotaStatus,
    Shift,
    SwapRequest,
    SwapStatus,
)


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


def proposal_or_404(user: AnyUser, proposal_id: int) -> RebalanceProposal:
    found = (
        scoped(RebalanceProposal.objects.select_related("area"), user, "area__path")
        .filter(pk=proposal_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def proposals(*, user: AnyUser, area: Area | None = None) -> QuerySet[RebalanceProposal]:
    rows = scoped(RebalanceProposal.objects.select_related("area", "created_by"), user, "area__path")
    return rows.filter(area__path__startswith=area.path) if area is not None else rows


def staff_or_404(user: AnyUser, staff_id: int) -> Staff:
    found = scoped(Staff.objects.all(), user, "area__path").filter(pk=staff_id).first()
    if found is None:
        raise Http404
    return found


def station_or_404(user: AnyUser, post_id: int) -> Post:
    found = (
        scoped(Post.objects.select_related("area"), user, "area__path")
        .filter(pk=post_id, kind=PostKind.STATION)
        .first()
    )
    if found is None:
        raise Http404
    return found


def rota_or_404(user: AnyUser, rota_id: int) -> Rota:
    found = scoped(Rota.objects.select_related("post", "area"), user, "area__path").filter(pk=rota_id).first()
    if found is None:
        raise Http404
    return found


def swap_or_404(user: AnyUser, swap_id: int) -> SwapRequest:
    rows = scoped(
        SwapRequest.objects.select_related("shift__rota__post", "shift__staff", "taker"),
        user,
        "shift__rota__area__path",
    )
    found = rows.filter(pk=swap_id).first()
    if found is None:
        raise Http404
    return found


def station_roster(post: Post, on: dt.date | None = None) -> QuerySet[Assignment]:
    """Who holds which place on the station today (leaders first)."""
    return (
        Assignment.objects.filter(active_q(on or local_day()), area=post.area_id)
        .exclude(role=Role.GUARANTOR)
        .select_related("staff")
        .order_by("role", "work_group", "staff__name")
    )


def untrained(post: Post, on: dt.date | None = None) -> QuerySet[Staff]:
    """The station's people with no pre-job training on record."""
    ids = Assignment.objects.filter(active_q(on or local_day()), area=post.area_id).values("staff_id")
    return Staff.objects.filter(pk__in=ids).exclude(trainings__isnull=False).order_by("name")


def station_leaves(post: Post, on: dt.date | None = None) -> QuerySet[Leave]:
    """Leave of the station's people that has not ended: the rota keeps them off those days."""
    ids = Assignment.objects.filter(active_q(on or local_day()), area=post.area_id).values("staff_id")
    return (
        Leave.objects.filter(staff__in=ids, ends_on__gte=on or local_day())
        .select_related("staff")
        .order_by("starts_on", "staff__name")
    )


def latest_rota(post: Post) -> Rota | None:
    return Rota.objects.filter(post=post).order_by("-created_at", "-id").first()


def rota_grid(rota: Rota) -> tuple[list[dt.date], list[tuple[Staff, list[str]]]]:
    """The rota as rows of people by columns of days; each cell is "day", "night" or ""."""
    days = [rota.starts_on + dt.timedelta(days=i) for i in range(rota.days)]
    cells: dict[int, dict[dt.date, str]] = {}
    people: dict[int, Staff] = {}
    for shift in rota.shifts.select_related("staff"):
        people[shift.staff_id] = shift.staff
        cells.setdefault(shift.staff_id, {})[shift.day] = shift.slot
    rows = [
        (people[i], [cells[i].get(d, "") for d in days]) for i in sorted(people, key=lambda i: people[i].name)
    ]
    return days, rows


def pending_swaps(post: Post) -> QuerySet[SwapRequest]:
    return SwapRequest.objects.filter(shift__rota__post=post, status=SwapStatus.PENDING).select_related(
        "shift__staff", "taker", "other_shift"
    )


def my_shifts(user: AnyUser, on: dt.date | None = None) -> QuerySet[Shift]:
    """The user's own shifts from today on, in published rotas."""
    if not user.is_authenticated:
        return Shift.objects.none()
    return (
        Shift.objects.filter(staff__user=user, day__gte=on or local_day(), rota__status=RotaStatus.PUBLISHED)
        .select_related("rota__post", "staff")
        .order_by("day", "slot")
    )


def assignment_or_404(user: AnyUser, assignment_id: int) -> Assignment:
    found = (
        scoped(Assignment.objects.select_related("area", "staff"), user, "area__path")
        .filter(pk=assignment_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def shift_or_404(user: AnyUser, shift_id: int) -> Shift:
    """A shift in the user's scope, or the user's own shift (a volunteer may hold shifts anywhere)."""
    rows = Shift.objects.select_related("rota__post", "rota__area", "staff")
    found = scoped(rows, user, "rota__area__path").filter(pk=shift_id).first()
    if found is None and user.is_authenticated:
        found = rows.filter(pk=shift_id, staff__user_id=user.pk or 0).first()
    if found is None:
        raise Http404
    return found
