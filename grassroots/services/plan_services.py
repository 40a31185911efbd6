"""Writes to standing green-channel plans for care residents, and opening a case from one."""

from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.models import AnyUser
from grassroots.core.scope import in_scope, role_at_least
from grassroots.core.services import audit_record
from grassroots.core.typed import too_long
from grassroots.residents.models import Resident

from .models import Emergency, GreenChannelPlan, Request
from .services import green_channel_dispatch, green_channel_file


def plan_mistakes(
    *,
    emergency: str,
    hospital: str,
    weekdays: list[int] | None,
    escort: str = "",
    vehicle: str = "",
    notes: str = "",
) -> dict[str, str]:
    """Every mistake in a plan as described, by field, so the page names them all after one submit.
    None is a value the page could not read, and has already said so."""
    errors = too_long(GreenChannelPlan, hospital=hospital, escort=escort, vehicle=vehicle, notes=notes)
    if emergency not in Emergency.values:
        errors["emergency"] = _("Unknown emergency: %(value)s.") % {"value": emergency}
    if not hospital.strip():
        errors["hospital"] = _("Name the hospital.")
    if weekdays is not None and (not weekdays or any(not 1 <= int(d) <= 7 for d in weekdays)):
        errors["weekdays"] = _("Choose the weekdays of the trip (Monday to Sunday).")
    return errors


@transaction.atomic
def green_channel_plan_create(
    *,
    by: AnyUser,
    resident: Resident,
    emergency: str,
    hospital: str,
    weekdays: list[int],
    depart_time: time,
    escort: str = "",
    vehicle: str = "",
    notes: str = "",
) -> GreenChannelPlan:
    if not (role_at_least(by, "staff") and in_scope(by, resident.household.area)):
        raise PermissionDenied
    days = sorted({int(d) for d in weekdays})
    if errors := plan_mistakes(
        emergency=emergency, hospital=hospital, weekdays=days, escort=escort, vehicle=vehicle, notes=notes
    ):
        raise ValidationError(errors)
    plan = GreenChannelPlan.objects.create(
        resident=resident,
        emergency=emergency,
        hospital=hospital.strip(),
        weekdays=days,
        depart_time=depart_time,
        escort=escort.strip(),
        vehicle=vehicle.strip(),
        notes=notes.strip(),
    )
    audit_record(actor=by, action="green_plan_create", obj=plan, area=resident.household.area)
    return plan


def plan_next_trip(plan: GreenChannelPlan, now: datetime) -> datetime | None:
    """The plan's next departure after `now`, in local time."""
    local = timezone.localtime(now)
    for ahead in range(8):
        day = local.date() + timedelta(days=ahead)
        if day.isoweekday() in plan.weekdays:
            at = timezone.make_aware(datetime.combine(day, plan.depart_time))
            if at > now:
                return at
    return None


def green_channel_from_plan(*, by: AnyUser, plan: GreenChannelPlan, now: datetime | None = None) -> Request:
    """Open the case for a planned trip, carrying the plan's hospital, escort and vehicle."""
    resident = plan.resident
    household = resident.household
    req = green_channel_file(
        by=by,
        area=household.area,
        emergency=plan.emergency,
        name=resident.name,
        phone=resident.phone
        or household.residents.exclude(phone="").values_list("phone", flat=True).first()
        or "",
        details=_("Planned trip to %(hospital)s.") % {"hospital": plan.hospital}
        + (f" {plan.notes}" if plan.notes else ""),
        room=household.room,
        hospital=plan.hospital,
        resident=resident,
        plan=plan,
        now=now,
    )
    if plan.escort and plan.vehicle:
        req = green_channel_dispatch(
            by=by, request=req, escort=plan.escort, vehicle=plan.vehicle, hospital=plan.hospital, now=now
        )
    return req
