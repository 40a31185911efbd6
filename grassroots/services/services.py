"""Writes to requests and the green channel: filing, each lifecycle step, escalation, the public pages."""

import re
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.models import AnyUser, User
from grassroots.core.notify import Compose, Message, notify
from grassroots.core.scope import in_scope, role_at_least
from grassroots.core.services import audit_record
from grassroots.core.typed import too_long, typed_text
from grassroots.people.validators import normalise_phone
from grassroots.places.models import Area, AreaKind, Post
from grassroots.residents.models import Household, Resident

from . import rules
from .models import (
    OPEN_STATUSES,
    Category,
    Emergency,
    EventAction,
    GreenChannelPlan,
    Request,
    RequestChannel,
    RequestEvent,
    RequestKind,
    RequestStatus,
    Urgency,
)
from .selectors import person_name

REQUEST_AREA_KINDS = (AreaKind.COMPOUND, AreaKind.BUILDING, AreaKind.UNIT)
STAFF_CHANNELS = (
    RequestChannel.WECHAT,
    RequestChannel.PHONE,
    RequestChannel.VISIT,
    RequestChannel.ONE_TO_ONE,
)


def _name(user: AnyUser | None) -> str:
    return person_name(user) if isinstance(user, User) else ""


def _event(
    req: Request,
    action: str,
    *,
    by: AnyUser | None,
    at: datetime,
    note: str = "",
    params: dict[str, object] | None = None,
) -> None:
    """One step of the timeline. `note` is what a person wrote; what the system knows goes in `params`,
    to be said in each reader's language (RequestEvent.note_said)."""
    RequestEvent.objects.create(
        request=req,
        action=action,
        at=at,
        actor=by if isinstance(by, User) else None,
        actor_name=_name(by),
        note=note,
        params=params or {},
    )


def _may_work_on(user: AnyUser, req: Request) -> None:
    if not (role_at_least(user, "staff") and in_scope(user, req.area)):
        raise PermissionDenied


def level_recipients(area: Area, level: int) -> tuple[list[User], list[Post]]:
    """The office holders and posts answering at one level above (or at) `area`."""
    target = rules.level_area(area, level)
    if target is None:
        return [], []
    users = list(
        User.objects.filter(grants__area=target, is_active=True).exclude(grants__role="volunteer").distinct()
    )
    posts = list(Post.objects.filter(area=target, kind__in=("station", "centre", "zone")))
    return users, posts


def _alert(req: Request, levels: list[int], *, message: Compose, urgent: bool) -> None:
    users: dict[int, User] = {}
    posts: dict[int, Post] = {}
    for level in levels:
        found_users, found_posts = level_recipients(req.area, level)
        users.update({u.pk: u for u in found_users})
        posts.update({p.pk: p for p in found_posts})
    link = reverse("services-request", args=[req.pk])
    notify(users=users.values(), posts=posts.values(), message=message, link=link, urgent=urgent)


UNIT_ROOM = re.compile(r"^(\d+)\s*(?:-|单元)\s*(\w+?)室?$")


def _find_household(area: Area, room: str) -> Household | None:
    """The one household the room names: "301" when unique in the area, or "2-301" / "2单元301"."""
    if not room:
        return None
    households = Household.objects.filter(area__path__startswith=area.path)
    found = list(households.filter(room=room)[:2])
    if len(found) == 1:
        return found[0]
    match = UNIT_ROOM.match(room)
    if match:
        found = list(households.filter(area__kind=AreaKind.UNIT, area__code=match[1], room=match[2])[:2])
    return found[0] if len(found) == 1 else None


def request_mistakes(
    *,
    name: str,
    phone: str,
    details: str,
    category: str,
    channel: str,
    urgency: str,
    area: Area,
    room: str = "",
) -> dict[str, str]:
    """Every mistake in a request as filed, by field, so a form shows them all after one submit."""
    errors = too_long(Request, room=room)
    if not name.strip():
        errors["name"] = _("Please give a name.")
    elif len(name.strip()) > 50:
        errors["name"] = _("Please keep the name under 50 characters.")
    if not phone.strip():
        errors["phone"] = _("Please give a phone number we can call back.")
    else:
        try:
            normalise_phone(phone)
        except ValidationError as exc:
            errors["phone"] = exc.message_dict["phone"][0]
    if not details.strip():
        errors["details"] = _("Please describe the need.")
    elif len(details) > 2000:
        errors["details"] = _("Please keep the description under 2000 characters.")
    if not category:
        errors["category"] = _("Please choose what is needed.")
    elif category not in Category.values:
        errors["category"] = _("Unknown category: %(value)s.") % {"value": category}
    if channel not in RequestChannel.values:
        errors["channel"] = _("Unknown channel: %(value)s.") % {"value": channel}
    if urgency not in Urgency.values:
        errors["urgency"] = _("Unknown urgency: %(value)s.") % {"value": urgency}
    if area.kind not in REQUEST_AREA_KINDS:
        errors["area"] = _("A request belongs to a compound, building or unit.")
    return errors


def _check(
    *,
    name: str,
    phone: str,
    details: str,
    category: str,
    channel: str,
    urgency: str,
    area: Area,
    room: str = "",
    errors: dict[str, str] | None = None,
) -> str:
    """Raise every mistake at once (with any the caller found first); return the phone normalised."""
    errors = {
        **(errors or {}),
        **request_mistakes(
            name=name,
            phone=phone,
            details=details,
            category=category,
            channel=channel,
            urgency=urgency,
            area=area,
            room=room,
        ),
    }
    if errors:
        raise ValidationError(errors)
    return normalise_phone(phone)


def _create(**fields: object) -> Request:
    """Insert with a fresh reference, drawing again in the rare case of a collision."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Request.objects.create(reference=rules.new_reference(), **fields)
        except IntegrityError:
            continue
    raise RuntimeError("no free request reference after 5 draws")


@transaction.atomic
def request_file(
    *,
    by: AnyUser | None,
    area: Area,
    category: str,
    channel: str,
    name: str,
    phone: str,
    details: str,
    room: str = "",
    urgency: str = Urgency.NORMAL,
    household: Household | None = None,
    resident: Resident | None = None,
    now: datetime | None = None,
) -> Request:
    """File an ordinary request. `by` is None when the resident files it on the public page."""
    if by is not None and not (role_at_least(by, "volunteer") and in_scope(by, area)):
        raise PermissionDenied
    phone = _check(
        name=name,
        phone=phone,
        details=details,
        category=category,
        channel=channel,
        urgency=urgency,
        area=area,
        room=room,
        errors=(
            {"channel": _("Staff file requests from WeChat, phone, visit or one-to-one.")}
            if by is not None and channel not in STAFF_CHANNELS
            else {}
        ),
    )
    if household is not None and not household.area.path.startswith(area.path):
        raise ValidationError({"household": _("The household is not in this area.")})
    room = typed_text(Request, "room", room)
    household = household or _find_household(area, room)
    if resident is None and household is not None:
        resident = household.residents.filter(phone=phone).first()
    now = now or timezone.now()
    req = _create(
        kind=RequestKind.ORDINARY,
        category=category,
        channel=channel,
        urgency=urgency,
        area=area,
        household=household,
        resident=resident,
        name=name.strip(),
        room=room or (household.room if household else ""),
        phone=phone,
        details=details.strip(),
        created_at=now,
        created_by=by if isinstance(by, User) else None,
        deadline=rules.deadline_for(
            kind=RequestKind.ORDINARY, category=category, urgency=urgency, filed_at=now
        ),
    )
    # Filed on the public page: the timeline says "resident" in each reader's language (actor_said).
    _event(req, EventAction.FILED, by=by, at=now)
    audit_record(actor=by, action="request_file", obj=req, detail={"channel": channel, "category": category})
    _alert(
        req,
        [0],
        message=lambda: Message(
            _("New request %(ref)s: %(category)s")
            % {"ref": req.reference, "category": req.get_category_display()},
            req.details[:200],
        ),
        urgent=urgency == Urgency.URGENT,
    )
    _schedule_escalation(req, now)
    return req


@transaction.atomic
def green_channel_file(
    *,
    by: AnyUser,
    area: Area,
    emergency: str,
    name: str,
    phone: str,
    details: str,
    room: str = "",
    channel: str = RequestChannel.PHONE,
    hospital: str = "",
    resident: Resident | None = None,
    plan: GreenChannelPlan | None = None,
    now: datetime | None = None,
) -> Request:
    """Open a green-channel case: the station, the community centre and the street hear at once."""
    if not (role_at_least(by, "volunteer") and in_scope(by, area)):
        raise PermissionDenied
    phone = _check(
        name=name,
        phone=phone,
        details=details,
        category=Category.MEDICAL_VISIT,
        channel=channel,
        urgency=Urgency.URGENT,
        area=area,
        room=room,
        errors={
            **too_long(Request, hospital=hospital),
            **(
                {"emergency": _("Unknown emergency: %(value)s.") % {"value": emergency}}
                if emergency not in Emergency.values
                else {}
            ),
        },
    )
    room, hospital = typed_text(Request, "room", room), typed_text(Request, "hospital", hospital)
    household = resident.household if resident else _find_household(area, room)
    now = now or timezone.now()
    req = _create(
        kind=RequestKind.GREEN_CHANNEL,
        category=Category.MEDICAL_VISIT,
        emergency=emergency,
        channel=channel,
        urgency=Urgency.URGENT,
        area=area,
        household=household,
        resident=resident,
        name=name.strip(),
        room=room or (household.room if household else ""),
        phone=phone,
        details=details.strip(),
        hospital=hospital,
        plan=plan,
        created_at=now,
        created_by=by if isinstance(by, User) else None,
        deadline=rules.deadline_for(
            kind=RequestKind.GREEN_CHANNEL,
            category=Category.MEDICAL_VISIT,
            urgency=Urgency.URGENT,
            filed_at=now,
        ),
        accept_by=now + rules.accept_window(),
    )
    _event(req, EventAction.FILED, by=by, at=now)
    audit_record(actor=by, action="green_channel_file", obj=req, detail={"emergency": emergency})
    _alert(
        req,
        [0, 1, 2],
        message=lambda: Message(
            _("GREEN CHANNEL %(ref)s: %(emergency)s, %(name)s")
            % {"ref": req.reference, "emergency": req.get_emergency_display(), "name": req.name},
            _("%(details)s — accept within %(minutes)d minutes.")
            % {"details": req.details[:200], "minutes": int(rules.accept_window().total_seconds() // 60)},
        ),
        urgent=True,
    )
    _event(req, EventAction.NOTIFIED, by=None, at=now, params={"levels": [0, 1, 2]})
    _schedule_escalation(req, now)
    return req


def _locked(req: Request) -> Request:
    return Request.objects.select_for_update().get(pk=req.pk)


def _step(req: Request, allowed: tuple[str, ...], to: str) -> None:
    if req.status not in allowed:
        raise ValidationError(
            {
                "status": _("A request that is %(current)s cannot become %(next)s.")
                % {"current": req.get_status_display(), "next": RequestStatus(to).label}
            }
        )


@transaction.atomic
def request_accept(*, by: AnyUser, request: Request, now: datetime | None = None) -> Request:
    req = _locked(request)
    _may_work_on(by, req)
    _step(req, (RequestStatus.NEW,), RequestStatus.ACCEPTED)
    now = now or timezone.now()
    req.status, req.accepted_at, req.accepted_by = RequestStatus.ACCEPTED, now, by  # type: ignore[assignment]
    req.save(update_fields=["status", "accepted_at", "accepted_by"])
    _event(req, EventAction.ACCEPTED, by=by, at=now)
    audit_record(actor=by, action="request_accept", obj=req)
    return req


@transaction.atomic
def request_start(*, by: AnyUser, request: Request, now: datetime | None = None) -> Request:
    req = _locked(request)
    _may_work_on(by, req)
    _step(req, (RequestStatus.ACCEPTED,), RequestStatus.IN_PROGRESS)
    now = now or timezone.now()
    req.status, req.started_at = RequestStatus.IN_PROGRESS, now
    req.save(update_fields=["status", "started_at"])
    _event(req, EventAction.STARTED, by=by, at=now)
    audit_record(actor=by, action="request_start", obj=req)
    return req


@transaction.atomic
def request_finish(*, by: AnyUser, request: Request, result: str, now: datetime | None = None) -> Request:
    req = _locked(request)
    _may_work_on(by, req)
    _step(req, (RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS), RequestStatus.DONE)
    if not result.strip():
        raise ValidationError({"result": _("Say what was done for the resident.")})
    now = now or timezone.now()
    req.status, req.done_at, req.done_by, req.result = RequestStatus.DONE, now, by, result.strip()  # type: ignore[assignment]
    if req.started_at is None:
        req.started_at = req.accepted_at
    req.save(update_fields=["status", "done_at", "done_by", "result", "started_at"])
    _event(req, EventAction.DONE, by=by, at=now, note=req.result)
    audit_record(actor=by, action="request_finish", obj=req)
    return req


@transaction.atomic
def request_confirm(*, by: AnyUser | None, request: Request, now: datetime | None = None) -> Request:
    """The resident confirms the result: on the public page (`by` None) or through staff who asked them."""
    req = _locked(request)
    if by is not None:
        _may_work_on(by, req)
    _step(req, (RequestStatus.DONE,), RequestStatus.CONFIRMED)
    now = now or timezone.now()
    req.status, req.confirmed_at = RequestStatus.CONFIRMED, now
    req.save(update_fields=["status", "confirmed_at"])
    # The action's own words say the resident confirmed: no name stored, which would be in the
    # language of the moment (居民 on an English page).
    _event(req, EventAction.CONFIRMED, by=by, at=now)
    audit_record(actor=by, action="request_confirm", obj=req)
    return req


@transaction.atomic
def request_close(*, by: AnyUser, request: Request, reason: str, now: datetime | None = None) -> Request:
    req = _locked(request)
    _may_work_on(by, req)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the request is closed.")})
    reason = typed_text(Request, "close_reason", reason, key="reason")
    _step(req, (*OPEN_STATUSES, RequestStatus.DONE), RequestStatus.CLOSED)
    now = now or timezone.now()
    req.status, req.closed_at, req.close_reason = RequestStatus.CLOSED, now, reason
    req.save(update_fields=["status", "closed_at", "close_reason"])
    _event(req, EventAction.CLOSED, by=by, at=now, note=req.close_reason)
    audit_record(actor=by, action="request_close", obj=req, reason=req.close_reason)
    return req


@transaction.atomic
def request_rate(*, request: Request, rating: int, comment: str = "", now: datetime | None = None) -> Request:
    """The resident's rating of a confirmed result, once."""
    req = _locked(request)
    if req.status != RequestStatus.CONFIRMED:
        raise ValidationError({"rating": _("Only a confirmed result can be rated.")})
    if req.rating is not None:
        raise ValidationError({"rating": _("This request has already been rated.")})
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": _("Choose from 1 to 5 stars.")})
    comment = typed_text(Request, "rating_comment", comment, key="comment")
    now = now or timezone.now()
    req.rating, req.rating_comment = int(rating), comment
    req.save(update_fields=["rating", "rating_comment"])
    _event(
        req,
        EventAction.RATED,
        by=None,
        at=now,
        note=f"{'★' * req.rating} {req.rating_comment}",
    )
    audit_record(actor=None, action="request_rate", obj=req, detail={"rating": req.rating})
    return req


@transaction.atomic
def green_channel_dispatch(
    *, by: AnyUser, request: Request, escort: str, vehicle: str, hospital: str, now: datetime | None = None
) -> Request:
    """Record who goes with the patient, in what vehicle, to which hospital."""
    req = _locked(request)
    _may_work_on(by, req)
    if req.kind != RequestKind.GREEN_CHANNEL:
        raise ValidationError({"kind": _("Only a green-channel case has an escort and vehicle.")})
    if not (escort.strip() and vehicle.strip() and hospital.strip()):
        raise ValidationError({"escort": _("Give the escort, the vehicle and the destination hospital.")})
    if errors := too_long(Request, escort=escort, vehicle=vehicle, hospital=hospital):
        raise ValidationError(errors)
    now = now or timezone.now()
    req.escort, req.vehicle, req.hospital = (
        typed_text(Request, "escort", escort),
        typed_text(Request, "vehicle", vehicle),
        typed_text(Request, "hospital", hospital),
    )
    req.save(update_fields=["escort", "vehicle", "hospital"])
    _event(req, EventAction.DISPATCHED, by=by, at=now, note=f"{req.escort} · {req.vehicle} → {req.hospital}")
    audit_record(actor=by, action="green_channel_dispatch", obj=req)
    return req


def _escalated(req: Request, level: int) -> Message:
    if req.kind == RequestKind.GREEN_CHANNEL:
        title = _("GREEN CHANNEL %(ref)s not accepted in time: now with the %(level)s")
    else:
        title = _("Request %(ref)s is overdue: now with the %(level)s")
    return Message(title % {"ref": req.reference, "level": rules.level_label(level)}, req.details[:200])


def _schedule_escalation(req: Request, now: datetime) -> None:
    when = rules.next_escalation_at(req, now)
    if when is None:
        return
    from .tasks import request_escalate

    pk = req.pk
    transaction.on_commit(lambda: request_escalate.using(run_after=when).enqueue(pk))


@transaction.atomic
def request_escalate(*, request_id: int, now: datetime | None = None) -> int:
    """Tell the level now answering for a late request, once per level; schedule the next check.

    Returns the level reached. The level itself comes from `rules.level_at`, so running late or twice
    changes nothing but when the message goes out."""
    req = Request.objects.select_for_update().select_related("area").filter(pk=request_id).first()
    if req is None:
        return 0
    now = now or timezone.now()
    level = rules.level_at(req, now) if rules.is_open(req) else 0
    if level > req.escalation_notified:
        new_levels = list(range(req.escalation_notified + 1, level + 1))
        req.escalation_notified = level
        req.save(update_fields=["escalation_notified"])
        _event(req, EventAction.ESCALATED, by=None, at=now, params={"level": level})
        _alert(
            req,
            new_levels,
            message=lambda: _escalated(req, level),
            urgent=req.kind == RequestKind.GREEN_CHANNEL,
        )
    _schedule_escalation(req, now)
    return level
