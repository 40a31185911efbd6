"""The time rules of requests, derived from stored times at read time, and the public building links.

Nothing here writes: the worker and the pages both ask these functions, so a late worker never
changes whether a request was late or who answers for it."""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from django.conf import settings

from grassroots.places.models import Area, AreaKind

from .models import OPEN_STATUSES, Category, Level, Request, RequestKind, Urgency

# Hours from filing to the promised answer, per category; SERVICES_DEADLINE_HOURS overrides any.
DEADLINE_HOURS: dict[str, int] = {
    Category.MEDICINE: 6,
    Category.FOOD: 12,
    Category.MEDICAL_VISIT: 4,
    Category.CARE: 8,
    Category.DISPUTE: 48,
    Category.REPAIRS: 24,
    Category.OTHER: 24,
}
GREEN_CHANNEL_HOURS = 2
RESUPPLY_HOURS = 24

# Who answers for a request, from the station up; each level is the area kinds it stands on.
LEVELS: list[tuple[tuple[str, ...], Level]] = [
    ((AreaKind.COMPOUND,), Level.STATION),
    ((AreaKind.COMMUNITY, AreaKind.VILLAGE), Level.COMMUNITY),
    ((AreaKind.STREET, AreaKind.TOWNSHIP), Level.STREET),
    ((AreaKind.DISTRICT, AreaKind.COUNTY), Level.DISTRICT),
]
TOP_LEVEL = len(LEVELS) - 1


def deadline_hours(category: str) -> int:
    overrides: dict[str, int] = getattr(settings, "SERVICES_DEADLINE_HOURS", {})
    return int(overrides.get(category, DEADLINE_HOURS[category]))


def accept_window() -> timedelta:
    """How long a green-channel case may wait for acceptance before it moves a level up."""
    return timedelta(minutes=int(getattr(settings, "GREEN_CHANNEL_ACCEPT_MINUTES", 10)))


def deadline_for(*, kind: str, category: str, urgency: str, filed_at: datetime) -> datetime:
    if kind == RequestKind.GREEN_CHANNEL:
        return filed_at + timedelta(hours=GREEN_CHANNEL_HOURS)
    if kind == RequestKind.RESUPPLY:
        return filed_at + timedelta(hours=RESUPPLY_HOURS)
    hours = deadline_hours(category)
    # An urgent need gets half the category's time.
    return filed_at + timedelta(hours=hours / 2 if urgency == Urgency.URGENT else hours)


def is_open(req: Request) -> bool:
    return req.status in OPEN_STATUSES


def is_overdue(req: Request, now: datetime) -> bool:
    return is_open(req) and now > req.deadline


def level_at(req: Request, now: datetime) -> int:
    """The level that answers for the request at `now` (0 station, 1 community, 2 street, 3 district).

    A green-channel case not accepted in its window moves up one level per missed window; once
    accepted it stays at the level it had reached. Any other request moves to the community when
    it is overdue while still open."""
    if req.kind == RequestKind.GREEN_CHANNEL and req.accept_by is not None:
        until = min(now, req.accepted_at) if req.accepted_at else now
        if until < req.accept_by:
            return 0
        missed = int((until - req.accept_by) / accept_window())
        return min(TOP_LEVEL, 1 + missed)
    if req.kind == RequestKind.RESUPPLY:
        # Addressed to the level above the post that asks.
        return min(TOP_LEVEL, level_of(req.area) + 1)
    return 1 if is_overdue(req, now) else 0


def next_escalation_at(req: Request, now: datetime) -> datetime | None:
    """When the level next rises if nobody acts, or None when it cannot rise any more."""
    if not is_open(req):
        return None
    if req.kind == RequestKind.GREEN_CHANNEL and req.accept_by is not None:
        level = level_at(req, now)
        if req.accepted_at is not None or level >= TOP_LEVEL:
            return None
        return req.accept_by + level * accept_window()
    if req.kind == RequestKind.ORDINARY and now <= req.deadline:
        return req.deadline + timedelta(seconds=1)
    return None


def level_of(area: Area) -> int:
    return next((i for i, (kinds, _label) in enumerate(LEVELS) if area.kind in kinds), 0)


def level_area(area: Area, level: int) -> Area | None:
    """The area of `area`'s ancestry (or itself) standing at that level."""
    kinds = LEVELS[level][0]
    if area.kind in kinds:
        return area
    ids = area.ancestor_ids()
    return Area.objects.filter(pk__in=ids, kind__in=kinds).first()


def level_label(level: int) -> str:
    return str(Level(level).label)


ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    """A reference a resident can read over the phone: no 0/O or 1/I."""
    return "".join(secrets.choice(ALPHABET) for _ in range(8))


def _mac(purpose: str, value: str) -> str:
    key = hashlib.sha256(f"services.{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:10]


def _building_mac(pk: int) -> str:
    return _mac("building-link", str(pk))


def building_token(area: Area) -> str:
    """The opaque part of a building's public link: its id and a keyed check, so links cannot be guessed."""
    return f"{area.pk}-{_building_mac(area.pk)}"


def building_from_token(token: str) -> Area | None:
    pk, _sep, mac = token.partition("-")
    if not pk.isdigit() or not hmac.compare_digest(mac, _building_mac(int(pk))):
        return None
    return Area.objects.filter(pk=int(pk), kind=AreaKind.BUILDING).first()


def filed_token(req: Request) -> str:
    """What the page a resident lands on after filing carries: the reference and a keyed check, so the
    page can be reloaded without filing again, and no other reference can be put in its place."""
    return f"{req.reference}-{_mac('filed', req.reference)}"


def filed_from_token(token: str, building: Area) -> Request | None:
    reference, _sep, mac = token.partition("-")
    if not reference or not hmac.compare_digest(mac, _mac("filed", reference)):
        return None
    return Request.objects.filter(reference=reference, area=building).first()
