"""Writes behind the resident's public pages: filing from a building's QR page, looking a request up,
each counted against a rate limit per IP address and per phone number."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.people.validators import normalise_phone
from grassroots.places.models import Area

from .models import PublicAttempt, PublicAttemptKind, Request, RequestChannel, Urgency
from .services import request_file, request_mistakes

# Public pages: at most this many uses per hour from one IP address, and per phone number.
PUBLIC_LIMITS = {
    PublicAttemptKind.FILE: {"ip": 10, "phone": 3},
    PublicAttemptKind.LOOKUP: {"ip": 30, "phone": 10},
}


class RateLimited(Exception):
    """Too many uses of a public page from one address or for one phone."""


def public_attempt_check(*, kind: str, ip: str | None, phone: str = "", now: datetime | None = None) -> None:
    """Count one use of a public page and refuse it when the address or phone used its hour's share."""
    now = now or timezone.now()
    limits = getattr(settings, "SERVICES_PUBLIC_LIMITS", PUBLIC_LIMITS)[kind]
    since = now - timedelta(hours=1)
    with transaction.atomic():
        recent = PublicAttempt.objects.filter(kind=kind, at__gte=since)
        too_many = (ip and recent.filter(ip=ip).count() >= limits["ip"]) or (
            phone and recent.filter(phone=phone).count() >= limits["phone"]
        )
        PublicAttempt.objects.create(kind=kind, ip=ip, phone=phone[:20], at=now)
    # Old rows only serve the hour's count; clearing them here keeps the table small without a job.
    PublicAttempt.objects.filter(at__lt=now - timedelta(days=1)).delete()
    if too_many:
        raise RateLimited


def public_request_file(
    *, building: Area, ip: str | None, name: str, room: str, phone: str, category: str, details: str
) -> Request:
    """A resident files a request from the building's public page (rate-limited by IP and phone).

    Every mistake is reported at once, and only a request that passes the checks is counted: a
    resident correcting the form, or neighbours behind one carrier address doing so, must not use up
    the hour's share. This stays safe because a refused submission writes nothing and tells nobody:
    the limit guards the stations against floods of requests and the alerts each one sends, and
    every request that could be filed is still counted (per phone number as normalised, so spelling
    one number differently does not start a new count)."""
    errors = request_mistakes(
        name=name,
        phone=phone,
        details=details,
        category=category,
        channel=RequestChannel.PUBLIC,
        urgency=Urgency.NORMAL,
        area=building,
        room=room,
    )
    if not room.strip():
        errors["room"] = _("Please give your room number.")
    if errors:
        raise ValidationError(errors)
    public_attempt_check(kind=PublicAttemptKind.FILE, ip=ip, phone=normalise_phone(phone))
    return request_file(
        by=None,
        area=building,
        category=category,
        channel=RequestChannel.PUBLIC,
        name=name,
        phone=phone,
        details=details,
        room=room,
    )


def public_request_find(*, ip: str | None, reference: str, phone: str) -> Request | None:
    """The request with this reference and phone, for the resident's status page (rate-limited)."""
    public_attempt_check(kind=PublicAttemptKind.LOOKUP, ip=ip, phone=phone.strip()[:20])
    try:
        phone = normalise_phone(phone)
    except ValidationError:
        return None
    reference = reference.strip().upper()
    if not reference or not phone:
        return None
    return Request.objects.select_related("area").filter(reference=reference, phone=phone).first()
