"""Rest rotation (轮休): generate a station's rota, record leave, ask for and decide shift swaps."""

import datetime as dt
import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.models import AnyUser, User
from grassroots.core.notify import Message
from grassroots.core.scope import in_scope, role_at_least
from grassroots.core.services import audit_record, notification_send
from grassroots.core.typed import typed_text
from grassroots.people.models import Staff, StaffKind
from grassroots.places.models import Post, PostKind

from .coverage import STATION_ROLES
from .models import Assignment, Leave, Rota, RotaStatus, Shift, Slot, SwapRequest, SwapStatus
from .rota import REST_WINDOW, NoRota, Person, Rules, Violation, solve, violations
from .selectors import active_q, commander_at, local_day

# What a rota may ask for, (lowest, highest); the station's form offers the same ranges. More than
# six working days in a row can never happen, since everybody rests one day in every seven.
ROTA_LIMITS = {
    "days": (1, 62),
    "min_heads": (1, 50),
    "max_consecutive": (1, REST_WINDOW - 1),
    "kind": (0, 50),
}
# The kinds a station's form asks a number per shift of.
ROTA_KINDS = (StaffKind.MEDIC, StaffKind.POLICE)
# Longest reason of a leave or a swap, and note on a decision (the columns' length).
REASON_LENGTH = 200


def _user(by: AnyUser | None) -> User | None:
    return by if isinstance(by, User) and by.is_authenticated else None


def out_of_range(label: str, low: int, high: int) -> str:
    return _("%(field)s: enter a whole number from %(low)d to %(high)d.") % {
        "field": label,
        "low": low,
        "high": high,
    }


def _count(field: str, limit: str, label: str, value: int) -> None:
    low, high = ROTA_LIMITS[limit]
    if not low <= value <= high:
        raise ValidationError({field: out_of_range(label, low, high)})


def station_staff(post: Post, on: dt.date) -> list[Staff]:
    """The people on the station's strength on day `on` (leaders and work-group members)."""
    ids = Assignment.objects.filter(active_q(on), area=post.area_id, role__in=STATION_ROLES).values(
        "staff_id"
    )
    return list(Staff.objects.filter(pk__in=ids).order_by("name", "pk"))


def _people(staff: list[Staff], starts_on: dt.date, days: int) -> list[Person]:
    ends_on = starts_on + dt.timedelta(days=days - 1)
    off: dict[int, set[int]] = {s.pk: set() for s in staff}
    for leave in Leave.objects.filter(staff__in=staff, starts_on__lte=ends_on, ends_on__gte=starts_on):
        first = max(leave.starts_on, starts_on)
        last = min(leave.ends_on, ends_on)
        off[leave.staff_id] |= {(first - starts_on).days + i for i in range((last - first).days + 1)}
    return [Person(id=s.pk, kind=s.kind, off=off[s.pk]) for s in staff]


def _check_station(by: AnyUser | None, post: Post) -> None:
    if (
        by is None
        or post.kind != PostKind.STATION
        or not in_scope(by, post.area)
        or not role_at_least(by, "station")
    ):
        raise ValidationError({"post": _("Only this station or its superiors may plan its rota.")})


def violation_text(v: Violation, names: dict[int, str], starts_on: dt.date) -> str:
    day = starts_on + dt.timedelta(days=v.day)
    who = names.get(v.person or 0, "")
    slot = Slot(v.slot).label if v.slot else ""
    texts = {
        "leave": _("%(who)s is on leave on %(day)s"),
        "double": _("%(who)s would work two shifts on %(day)s"),
        "heads": _("%(day)s %(slot)s would have %(have)d people, %(need)d needed"),
        "kind": _("%(day)s %(slot)s would have %(have)d %(kind)s, %(need)d needed"),
        "consecutive": _("%(who)s would work more than %(need)d days in a row (to %(day)s)"),
        "rest": _("%(who)s would have no rest day in the 7 days from %(day)s"),
    }
    kind = StaffKind(v.kind).label if v.kind in StaffKind.values else v.kind
    return texts[v.code] % {
        "who": who,
        "day": f"{day:%m-%d}",
        "slot": slot,
        "have": v.have,
        "need": v.need,
        "kind": kind,
    }


@transaction.atomic
def rota_generate(
    *,
    by: AnyUser | None,
    post: Post,
    starts_on: dt.date,
    days: int = 14,
    min_heads: int = 2,
    min_kinds: dict[str, int] | None = None,
    max_consecutive: int = 6,
    check_rights: bool = True,
) -> Rota:
    """Ask the solver for a rota of the station's people over `days` days from `starts_on`.
    `check_rights=False` is for callers with no user (the demo)."""
    if check_rights:
        _check_station(by, post)
    _count("days", "days", _("days"), days)
    _count("min_heads", "min_heads", _("people per shift at least"), min_heads)
    _count("max_consecutive", "max_consecutive", _("consecutive working days at most"), max_consecutive)
    for kind, n in (min_kinds or {}).items():
        if kind not in StaffKind.values:
            raise ValidationError({"min_kinds": _("Unknown staff kind: %(kind)s.") % {"kind": kind}})
        label = _("%(kind)s per shift") % {"kind": StaffKind(kind).label}
        _count(f"kind_{kind}", "kind", label, n)
    min_kinds = {k: n for k, n in (min_kinds or {}).items() if n > 0}
    staff = station_staff(post, starts_on)
    people = _people(staff, starts_on, days)
    rules = Rules(days=days, min_heads=min_heads, min_kinds=min_kinds, max_consecutive=max_consecutive)
    started = time.perf_counter()
    try:
        roster = solve(people, rules)
    except NoRota:
        raise ValidationError(
            {
                "min_heads": _(
                    "No rota meets every rule with the %(n)d people of this station: lower the people or "
                    "kinds per shift, or add people."
                )
                % {"n": len(staff)}
            }
        ) from None
    rota = Rota.objects.create(
        post=post,
        area=post.area,
        starts_on=starts_on,
        days=days,
        min_heads=min_heads,
        min_kinds=min_kinds,
        max_consecutive=max_consecutive,
        load_min=roster.spread[0],
        load_max=roster.spread[1],
        solve_seconds=round(time.perf_counter() - started, 3),
        created_by=_user(by),
    )
    Shift.objects.bulk_create(
        Shift(rota=rota, staff_id=pid, day=starts_on + dt.timedelta(days=d), slot=slot)
        for pid, d, slot in roster.shifts
    )
    audit_record(
        actor=by,
        action="generate_rota",
        obj=rota,
        detail={"people": len(staff), "shifts": len(roster.shifts)},
    )
    return rota


@transaction.atomic
def rota_publish(*, by: AnyUser, rota: Rota) -> Rota:
    _check_station(by, rota.post)
    Rota.objects.filter(pk=rota.pk).update(status=RotaStatus.PUBLISHED)
    rota.status = RotaStatus.PUBLISHED
    audit_record(actor=by, action="publish_rota", obj=rota)
    return rota


def rota_check(rota: Rota, moves: dict[int, int]) -> list[str]:
    """The rules a rota would break if shift `k` went to staff `moves[k]`; in words."""
    shifts = list(rota.shifts.all())
    staff_ids = {s.staff_id for s in shifts} | set(moves.values())
    staff = list(Staff.objects.filter(pk__in=staff_ids))
    people = _people(staff, rota.starts_on, rota.days)
    rules = Rules(rota.days, rota.min_heads, dict(rota.min_kinds), rota.max_consecutive)
    roster = [(moves.get(s.pk, s.staff_id), (s.day - rota.starts_on).days, s.slot) for s in shifts]
    names = {s.pk: s.name for s in staff}
    return [violation_text(v, names, rota.starts_on) for v in violations(people, rules, roster)]


@transaction.atomic
def leave_record(
    *, by: AnyUser, staff: Staff, starts_on: dt.date, ends_on: dt.date, reason: str = ""
) -> Leave:
    """Leave for one person; refused where it shares a day with leave already recorded for them."""
    if not in_scope(by, staff.area) or not role_at_least(by, "station"):
        raise ValidationError({"staff": _("This person serves outside your area.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The last day is before the first day.")})
    reason = typed_text(Leave, "reason", reason)
    # The person's row is the lock: two submits of the same leave are checked one after the other.
    Staff.objects.select_for_update().filter(pk=staff.pk).first()
    overlap = (
        Leave.objects.filter(staff=staff, starts_on__lte=ends_on, ends_on__gte=starts_on)
        .order_by("starts_on")
        .first()
    )
    if overlap is not None:
        raise ValidationError(
            {
                "starts_on": _(
                    "%(name)s is already on leave from %(start)s to %(end)s, which overlaps these days."
                )
                % {"name": staff.name, "start": overlap.starts_on, "end": overlap.ends_on}
            }
        )
    leave = Leave.objects.create(
        staff=staff, starts_on=starts_on, ends_on=ends_on, reason=reason, recorded_by=_user(by)
    )
    audit_record(actor=by, action="record_leave", obj=leave, area=staff.area, reason=leave.reason)
    return leave


@transaction.atomic
def swap_request(
    *, by: AnyUser, shift: Shift, taker: Staff, other_shift: Shift | None = None, reason: str = ""
) -> SwapRequest:
    """The person on `shift` (or their station) asks that `taker` work it (in return for `other_shift`)."""
    mine = isinstance(by, User) and shift.staff.user_id == by.pk
    if not mine and not (in_scope(by, shift.rota.area) and role_at_least(by, "station")):
        raise ValidationError(
            {"shift": _("Only the person on this shift or the station may ask to swap it.")}
        )
    if shift.day < local_day():
        raise ValidationError({"shift": _("This shift is already past.")})
    if taker.pk == shift.staff_id:
        raise ValidationError({"taker": _("Choose a colleague other than the person on the shift.")})
    if taker.pk not in {s.pk for s in station_staff(shift.rota.post, shift.day)}:
        raise ValidationError(
            {"taker": _("%(name)s is not on this station's strength.") % {"name": taker.name}}
        )
    if other_shift is not None and (other_shift.rota_id != shift.rota_id or other_shift.staff_id != taker.pk):
        raise ValidationError(
            {"other_shift": _("The shift in return must be the colleague's, on the same rota.")}
        )
    if SwapRequest.objects.filter(shift=shift, status=SwapStatus.PENDING).exists():
        raise ValidationError({"shift": _("A swap of this shift is already waiting for the commander.")})
    swap = SwapRequest.objects.create(
        shift=shift,
        taker=taker,
        other_shift=other_shift,
        reason=typed_text(SwapRequest, "reason", reason),
        requested_by=_user(by),
    )
    commander = commander_at(area=shift.rota.area, at=timezone.now())
    if commander is not None and commander.user is not None:
        notification_send(
            recipients=[commander.user],
            message=lambda: Message(
                _("Shift swap to approve: %(who)s → %(taker)s")
                % {"who": shift.staff.name, "taker": taker.name}
            ),
            link=f"/deployment/stations/{shift.rota.post_id}/",
        )
    audit_record(actor=by, action="request_swap", obj=swap, area=shift.rota.area)
    return swap


@transaction.atomic
def swap_decide(*, by: AnyUser, swap: SwapRequest, approve: bool, note: str = "") -> SwapRequest:
    """The commander (or the community above) approves or rejects; approval rechecks every rule."""
    swap = (
        SwapRequest.objects.select_for_update()
        .select_related("shift__rota__area", "shift__staff")
        .get(pk=swap.pk)
    )
    rota = swap.shift.rota
    commander = commander_at(area=rota.area, at=timezone.now())
    is_commander = commander is not None and isinstance(by, User) and commander.user_id == by.pk
    if not in_scope(by, rota.area) or not (is_commander or role_at_least(by, "community")):
        raise ValidationError({"status": _("Only the station's commander may decide on shift swaps.")})
    if swap.status != SwapStatus.PENDING:
        raise ValidationError({"status": _("This request was already decided.")})
    note = typed_text(SwapRequest, "decision_note", note, key="note")
    if approve:
        moves = {swap.shift_id: swap.taker_id}
        if swap.other_shift_id is not None:
            moves[swap.other_shift_id] = swap.shift.staff_id
        broken = rota_check(rota, moves)
        if broken:
            raise ValidationError(
                {"status": _("The swap breaks the rota's rules: %(rule)s.") % {"rule": broken[0]}}
            )
        other = swap.other_shift
        if other is not None and other.day == swap.shift.day:
            # A same-day trade swaps the slots, so no one holds two rows of one day even for a moment.
            first_slot, other_slot = swap.shift.slot, other.slot
            Shift.objects.filter(pk=swap.shift_id).update(slot=other_slot)
            Shift.objects.filter(pk=other.pk).update(slot=first_slot)
        else:
            for shift_id, staff_id in moves.items():
                Shift.objects.filter(pk=shift_id).update(staff_id=staff_id)
    swap.status = SwapStatus.APPROVED if approve else SwapStatus.REJECTED
    swap.decided_by = _user(by)
    swap.decided_at = timezone.now()
    swap.decision_note = note
    swap.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit_record(
        actor=by, action="approve_swap" if approve else "reject_swap", obj=swap, area=rota.area, reason=note
    )
    return swap
