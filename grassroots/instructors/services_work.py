"""Writes of the instructors' working year: training, work logs, dispatch meetings, unit reviews."""

import uuid
from datetime import date, timedelta
from decimal import Decimal
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from grassroots.core.lists import listed
from grassroots.core.models import User
from grassroots.core.notify import Message
from grassroots.core.services import audit_record, notification_send
from grassroots.places.models import Area, AreaKind

from .models import (
    Call,
    DispatchMeeting,
    Instructor,
    InstructorRole,
    RoleKind,
    Status,
    TrainingKind,
    TrainingSession,
    UnitReview,
    WorkLog,
)
from .roles import is_city_committee, is_sending_unit, is_township_for
from .selectors import missing_logs, month_summary

PHOTO_MAX_BYTES = 5 * 1024 * 1024


@transaction.atomic
def training_record(
    *,
    by: User,
    call: Call,
    title: str,
    kind: str,
    held_on: date,
    hours: Decimal,
    place: str,
    attendee_ids: list[int],
) -> TrainingSession:
    if not is_city_committee(by, call):
        raise PermissionDenied
    if kind not in TrainingKind.values:
        raise ValidationError({"kind": _("Choose theory, practice or field visit.")})
    if not title.strip():
        raise ValidationError({"title": _("Give the session a title.")})
    if hours <= 0:
        raise ValidationError({"hours": _("Hours must be more than zero.")})
    attendees = list(call.instructors.filter(pk__in=attendee_ids, status=Status.APPROVED))
    if len(attendees) != len(set(attendee_ids)):
        raise ValidationError({"attendees": _("Attendees must be serving instructors of this call.")})
    session = TrainingSession.objects.create(
        call=call, title=title.strip(), kind=kind, held_on=held_on, hours=hours, place=place.strip()
    )
    session.attendees.set(attendees)
    audit_record(
        actor=by,
        action="training_record",
        obj=session,
        area=call.area,
        detail={"attendances": len(attendees)},
    )
    return session


@transaction.atomic
def work_log_write(
    *,
    by: User,
    instructor: Instructor,
    village: Area,
    day: date,
    done: str,
    problems: str = "",
    photo: UploadedFile | None = None,
    client_uuid: uuid.UUID | None = None,
) -> WorkLog:
    """An instructor's log of one day; a retry with the same client UUID returns the first write."""
    if client_uuid is not None:
        earlier = WorkLog.objects.filter(client_uuid=client_uuid).first()
        if earlier is not None:
            if earlier.instructor_id != instructor.pk:
                raise PermissionDenied
            return earlier
    if instructor.user_id != by.pk:
        raise PermissionDenied
    if instructor.status != Status.APPROVED or instructor.village_id is None:
        raise ValidationError({"instructor": _("Only a serving instructor with a village writes work logs.")})
    if village.kind != AreaKind.VILLAGE or not village.path.startswith(instructor.call.area.path):
        raise ValidationError({"village": _("Choose a village of the call.")})
    if day > timezone.localdate():
        raise ValidationError({"day": _("The date is in the future.")})
    call = instructor.call
    if not call.serves_from <= day <= call.serves_until:
        raise ValidationError(
            {
                "day": _("%(day)s is outside the service period, %(start)s to %(end)s.")
                % {
                    "day": day.isoformat(),
                    "start": call.serves_from.isoformat(),
                    "end": call.serves_until.isoformat(),
                }
            }
        )
    if not done.strip():
        raise ValidationError({"done": _("Say what was done.")})
    if photo is not None and photo.size and photo.size > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": _("The photo is larger than 5 MB.")})
    log = WorkLog(
        instructor=instructor, village=village, day=day, done=done.strip(), problems=problems.strip()
    )
    if client_uuid is not None:
        log.client_uuid = client_uuid
    if photo is not None:
        log.photo = photo  # type: ignore[assignment]
    try:
        with transaction.atomic():
            log.save()
    except IntegrityError:
        return WorkLog.objects.get(client_uuid=log.client_uuid)
    audit_record(actor=by, action="work_log_write", obj=log, area=village, detail={"day": day.isoformat()})
    return log


@transaction.atomic
def dispatch_meeting_record(
    *,
    by: User,
    call: Call,
    township: Area,
    year: int,
    quarter: int,
    held_on: date,
    minutes: str,
    reporter_ids: list[int],
) -> DispatchMeeting:
    """A township's quarterly dispatch meeting: who reported, and the minutes."""
    if township.kind != AreaKind.TOWNSHIP or not is_township_for(by, township):
        raise PermissionDenied
    if not 1 <= quarter <= 4:
        raise ValidationError({"quarter": _("The quarter is 1 to 4.")})
    if (held_on.year, (held_on.month - 1) // 3 + 1) != (year, quarter):
        raise ValidationError({"held_on": _("The date is not in that quarter.")})
    if not minutes.strip():
        raise ValidationError({"minutes": _("Write the minutes.")})
    reporters = list(
        call.instructors.filter(
            pk__in=reporter_ids, village__path__startswith=township.path, status=Status.APPROVED
        )
    )
    if len(reporters) != len(set(reporter_ids)):
        raise ValidationError({"reporters": _("Reporters must be instructors serving in this township.")})
    if DispatchMeeting.objects.filter(call=call, township=township, year=year, quarter=quarter).exists():
        raise ValidationError({"quarter": _("This quarter's meeting is already recorded.")})
    meeting = DispatchMeeting.objects.create(
        call=call, township=township, year=year, quarter=quarter, held_on=held_on, minutes=minutes.strip()
    )
    meeting.reporters.set(reporters)
    audit_record(
        actor=by,
        action="dispatch_meeting_record",
        obj=meeting,
        area=township,
        detail={"reporters": len(reporters)},
    )
    return meeting


@transaction.atomic
def unit_review_record(*, by: User, instructor: Instructor, month: date, notes: str) -> UnitReview:
    """The sending unit's monthly review: the month's logs summarised by the system, the unit's notes added."""
    if not is_sending_unit(by, instructor):
        raise PermissionDenied
    if not notes.strip():
        raise ValidationError({"notes": _("Write the unit's notes.")})
    first = month.replace(day=1)
    if first > timezone.localdate():
        raise ValidationError({"month": _("The month has not started yet.")})
    if UnitReview.objects.filter(instructor=instructor, month=first).exists():
        raise ValidationError({"month": _("This month's review is already recorded.")})
    summary = month_summary(instructor, first)
    review = UnitReview.objects.create(
        instructor=instructor,
        month=first,
        log_days=summary["log_days"],
        villages_logged=summary["villages"],
        problems_raised=summary["problems"],
        notes=notes.strip(),
        by=by,
    )
    audit_record(
        actor=by,
        action="unit_review_record",
        obj=review,
        area=instructor.village or instructor.call.area,
        detail=summary,
    )
    return review


def _without_logs(township: Area, people: list[Instructor], since: date, until: date) -> Message:
    return Message(
        ngettext(
            "%(township)s: %(n)d instructor without a work log",
            "%(township)s: %(n)d instructors without a work log",
            len(people),
        )
        % {"township": township.name, "n": len(people)},
        _("No log from %(since)s to %(until)s: %(names)s")
        % {"since": since.isoformat(), "until": until.isoformat(), "names": listed(p.name for p in people)},
    )


def missing_log_remind(*, call_id: int, days: int = 3) -> int:
    """Tell each township office which of its serving instructors logged nothing in the last `days`
    days. Run by the worker; the missing list itself is derived from stored logs at read time."""
    call = Call.objects.select_related("area").get(pk=call_id)
    until = timezone.localdate()
    since = until - timedelta(days=days - 1)
    sent = 0
    offices = InstructorRole.objects.filter(kind=RoleKind.TOWNSHIP).select_related("user", "area")
    for role in offices:
        for township, people in missing_logs(role.user, call, since, until):
            if not township.path.startswith(role.area.path):
                continue
            notification_send(
                recipients=[role.user],
                message=partial(_without_logs, township, people, since, until),
                link=reverse("instructors-missing", args=[call.pk]),
            )
            sent += 1
    return sent
