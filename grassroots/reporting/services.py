"""Writes of the reporting chain: filing, acknowledging, passing up, progress, closing, findings and review."""

import uuid
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.models import User
from grassroots.core.notify import Message, notify
from grassroots.core.scope import in_scope, role_at_least
from grassroots.core.services import audit_record
from grassroots.places.models import Area

from .chain import commander_of, deadline_rule, level_of, levels_above, office_of, post_of, users_at
from .models import (
    Category,
    FindingKind,
    FindingStatus,
    ProgressUpdate,
    Report,
    ReportStatus,
    ReportStep,
    Severity,
    Source,
    StepAction,
    TimelinessFinding,
)

# A report's discovery time may be a little ahead of the server's clock (phones drift); more is a typo.
CLOCK_SKEW = timedelta(minutes=5)
LOCATION_MAX = Report._meta.get_field("location").max_length or 200


def _link(report: Report) -> str:
    return reverse("report-detail", args=[report.pk])


def _urgent(report: Report) -> bool:
    return report.severity == Severity.SEVERE or report.category in (
        Category.EMERGENCY,
        Category.EPIDEMIC_CASE,
    )


def _chain(report: Report) -> list[Area]:
    return list(Area.objects.filter(pk__in=report.steps.values("level")).order_by("-depth"))


def _check(report: Report, by: User) -> None:
    if not in_scope(by, report.area):
        raise PermissionDenied


def _schedule_progress_check(report: Report, at: datetime) -> None:
    from .tasks import report_progress_check

    transaction.on_commit(lambda: report_progress_check.using(run_after=at).enqueue(report.pk))


@transaction.atomic
def report_file(
    *,
    by: User,
    area: Area,
    category: str,
    severity: str,
    discovered_at: datetime,
    text: str,
    location: str = "",
    measures: str = "",
    client_id: uuid.UUID | None = None,
    source: str = Source.OWN,
    now: datetime | None = None,
) -> Report:
    """File a report about `area`; it goes to every level above the filer at once, the nearest first holding it.

    `now` is when it was reported (the demo builds history with it); the deadline is fixed here from the
    discovery time and the rules in force, and a late report opens a finding against the commander."""
    if client_id is not None:
        existing = Report.objects.filter(client_id=client_id).first()
        if existing is not None:
            return existing
    now = now or timezone.now()
    errors = {}
    if category not in Category.values:
        errors["category"] = _("Choose one of the report categories.")
    if severity not in Severity.values:
        errors["severity"] = _("Choose a severity: general, major or severe.")
    if discovered_at > now + CLOCK_SKEW:
        errors["discovered_at"] = _("The discovery time lies in the future.")
    if not text.strip():
        errors["text"] = _("Say what happened.")
    if len(location.strip()) > LOCATION_MAX:
        errors["location"] = _("Keep “where” within %(limit_value)d characters (it has %(show_value)d).") % {
            "limit_value": LOCATION_MAX,
            "show_value": len(location.strip()),
        }
    if not in_scope(by, area):
        errors["area"] = _("This place is outside your area.")
    if errors:
        raise ValidationError(errors)
    office = office_of(by, area)
    filer_area = office.area if office else area
    post = (office.post if office else None) or post_of(filer_area)
    within, every = deadline_rule(category, severity)
    levels = levels_above(filer_area) or [filer_area]
    report = Report.objects.create(
        client_id=client_id,
        area=area,
        post=post,
        source=source,
        filed_by=by,
        category=category,
        severity=severity,
        discovered_at=discovered_at,
        reported_at=now,
        location=location.strip(),
        text=text.strip(),
        measures=measures.strip(),
        deadline=discovered_at + within,
        update_every=every,
        holder=levels[0],
        commander=commander_of(area, discovered_at),
    )
    ReportStep.objects.bulk_create(ReportStep(report=report, level=level) for level in levels)
    if source == Source.OWN and report.reported_at > report.deadline:
        TimelinessFinding.objects.create(
            kind=FindingKind.LATE,
            area=area,
            post=post,
            report=report,
            occurred_at=report.deadline,
            late_by=report.reported_at - report.deadline,
            commander=report.commander,
        )
    audit_record(
        actor=by, action="report_file", obj=report, detail={"category": category, "severity": severity}
    )
    notify(
        users=users_at(levels),
        message=lambda: Message(
            _("Report from %(place)s: %(category)s")
            % {"place": area, "category": report.get_category_display()},
            report.text[:500],
        ),
        link=_link(report),
        urgent=_urgent(report),
    )
    if source == Source.OWN:
        _schedule_progress_check(report, report.reported_at + every)
    return report


def _my_step(report: Report, by: User) -> ReportStep:
    _check(report, by)
    level = level_of(by, _chain(report))
    if level is None:
        raise ValidationError({"report": _("Only a level above the filer acknowledges a report.")})
    return ReportStep.objects.select_for_update().get(report=report, level=level)


@transaction.atomic
def report_acknowledge(*, by: User, report: Report, now: datetime | None = None) -> ReportStep:
    """The user's level has seen the report (idempotent: the first acknowledgement stands)."""
    step = _my_step(report, by)
    if step.acknowledged_at is None:
        step.acknowledged_at, step.acknowledged_by = now or timezone.now(), by
        step.save(update_fields=["acknowledged_at", "acknowledged_by"])
        audit_record(actor=by, action="report_acknowledge", obj=report, area=report.area)
    return step


@transaction.atomic
def report_route(
    *, by: User, report: Report, action: str, note: str, now: datetime | None = None
) -> ReportStep:
    """The holding level handles the report itself or passes it to the level above, with a note."""
    now = now or timezone.now()
    report = Report.objects.select_for_update().get(pk=report.pk)
    step = _my_step(report, by)
    if action not in StepAction.values:
        raise ValidationError({"action": _("Choose to handle it here or pass it up.")})
    if step.level_id != report.holder_id:
        raise ValidationError({"action": _("Only the level now holding the report handles or passes it.")})
    if not note.strip():
        raise ValidationError({"note": _("Write a note for the record.")})
    above = report.steps.filter(level__depth__lt=step.level.depth).order_by("-level__depth").first()
    if action == StepAction.PASSED_UP and above is None:
        raise ValidationError({"action": _("There is no level above to pass it to.")})
    if step.acknowledged_at is None:
        step.acknowledged_at, step.acknowledged_by = now, by
    step.action, step.note, step.acted_at = action, note.strip(), now
    step.save()
    if action == StepAction.PASSED_UP and above is not None:
        report.holder_id = above.level_id
        report.version += 1
        report.save(update_fields=["holder", "version"])
        notify(
            users=users_at([above.level]),
            message=lambda: Message(
                _("Report passed up to you: %(place)s") % {"place": report.area}, note.strip()
            ),
            link=_link(report),
            urgent=_urgent(report),
        )
    audit_record(
        actor=by, action=f"report_{action}", obj=report, area=report.area, detail={"note": note[:200]}
    )
    return step


def _lapse(report: Report, due: datetime, at: datetime | None, by: User | None) -> None:
    """Record one missed progress update: due at `due`, made at `at` (or not yet)."""
    finding, created = TimelinessFinding.objects.get_or_create(
        report=report,
        kind=FindingKind.MISSED_UPDATE,
        occurred_at=due,
        defaults={
            "area": report.area,
            "post": report.post,
            "commander": commander_of(report.area, due),
            "recorded_by": by,
            "late_by": at - due if at else None,
        },
    )
    if not created and at is not None and finding.late_by is None:
        finding.late_by = at - due
        finding.save(update_fields=["late_by"])


def next_update_due(report: Report) -> datetime:
    last = report.updates.aggregate(last=Max("at"))["last"]
    return (last or report.reported_at) + report.update_every


@transaction.atomic
def report_progress(
    *,
    by: User,
    report: Report,
    measures: str,
    status_text: str = "",
    closing: bool = False,
    client_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> ProgressUpdate:
    """A progress update (measures, situation); an update after its due time is a missed-update finding."""
    if client_id is not None:
        existing = ProgressUpdate.objects.filter(client_id=client_id).first()
        if existing is not None:
            return existing
    _check(report, by)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status == ReportStatus.CLOSED:
        raise ValidationError({"report": _("This report is closed.")})
    if not measures.strip():
        raise ValidationError({"measures": _("Say what was done.")})
    now = now or timezone.now()
    due = next_update_due(report)
    update = ProgressUpdate.objects.create(
        report=report,
        client_id=client_id,
        at=now,
        due_at=due,
        measures=measures.strip(),
        status_text=status_text.strip(),
        by=by,
        closing=closing,
    )
    if now > due and report.source == Source.OWN:
        _lapse(report, due, now, by)
    audit_record(actor=by, action="report_progress", obj=report, area=report.area)
    if not closing:
        notify(
            users=users_at(_chain(report)),
            message=lambda: Message(
                _("Progress on the report from %(place)s") % {"place": report.area}, update.measures[:500]
            ),
            link=_link(report),
        )
        if report.source == Source.OWN:
            _schedule_progress_check(report, now + report.update_every)
    return update


@transaction.atomic
def report_close(*, by: User, report: Report, outcome: str, now: datetime | None = None) -> Report:
    if not outcome.strip():
        raise ValidationError({"outcome": _("Record the outcome.")})
    now = now or timezone.now()
    report_progress(by=by, report=report, measures=outcome, closing=True, now=now)
    report = Report.objects.select_for_update().get(pk=report.pk)
    report.status, report.closed_at, report.outcome = ReportStatus.CLOSED, now, outcome.strip()
    report.version += 1
    report.save(update_fields=["status", "closed_at", "outcome", "version"])
    audit_record(actor=by, action="report_close", obj=report, area=report.area)
    notify(
        users=users_at(_chain(report)),
        message=lambda: Message(_("Report closed: %(place)s") % {"place": report.area}, report.outcome[:500]),
        link=_link(report),
    )
    return report


def progress_check(*, report_id: int, now: datetime | None = None) -> int:
    """The worker's job: record every progress update now overdue (each at its own due time, so a worker
    that runs late records exactly the same lapses), remind the filer, and come back at the next due time."""
    now = now or timezone.now()
    with transaction.atomic():
        # Only a place's own report owes progress on a cadence; a record made by another channel does not.
        report = (
            Report.objects.select_for_update()
            .filter(pk=report_id, status=ReportStatus.OPEN, source=Source.OWN)
            .first()
        )
        if report is None:
            return 0
        due = next_update_due(report)
        lapses = 0
        while due <= now:
            _lapse(report, due, None, None)
            lapses += 1
            due += report.update_every
        if lapses:
            notify(
                users=[report.filed_by, *users_at([report.holder])],
                message=lambda: Message(_("Progress update overdue: %(place)s") % {"place": report.area}),
                link=_link(report),
                urgent=True,
            )
        _schedule_progress_check(report, due)
    return lapses


def _reviewer_check(by: User, area: Area) -> None:
    if not (in_scope(by, area) and role_at_least(by, "community")):
        raise PermissionDenied


@transaction.atomic
def report_record_missed(
    *,
    by: User,
    area: Area,
    category: str,
    severity: str,
    discovered_at: datetime,
    text: str,
    evidence: str,
    location: str = "",
    measures: str = "",
    client_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> TimelinessFinding:
    """A higher level (or another channel) records an event in a place that the place never reported.

    A form sent twice (`client_id` seen before) gives back the finding it made the first time."""
    if client_id is not None:
        earlier = TimelinessFinding.objects.filter(
            report__client_id=client_id, kind=FindingKind.MISSED
        ).first()
        if earlier is not None:
            return earlier
    _reviewer_check(by, area)
    if not evidence.strip():
        raise ValidationError({"evidence": _("Name the evidence: who or what brought the event to light.")})
    record = report_file(
        by=by,
        area=area,
        category=category,
        severity=severity,
        discovered_at=discovered_at,
        text=text,
        location=location,
        measures=measures,
        client_id=client_id,
        source=Source.OTHER,
        now=now,
    )
    finding = TimelinessFinding.objects.create(
        kind=FindingKind.MISSED,
        area=area,
        post=post_of(area),
        report=record,
        occurred_at=record.deadline,
        evidence=evidence.strip(),
        commander=commander_of(area, discovered_at),
        recorded_by=by,
    )
    audit_record(actor=by, action="finding_missed", obj=finding, area=area)
    return finding


@transaction.atomic
def report_record_concealed(*, by: User, report: Report, evidence: str) -> TimelinessFinding:
    """A reviewer records that the facts contradict the report."""
    _reviewer_check(by, report.area)
    if by.pk == report.filed_by_id:
        raise ValidationError({"evidence": _("The filer cannot review their own report.")})
    if not evidence.strip():
        raise ValidationError({"evidence": _("Describe the facts that contradict the report.")})
    try:
        with transaction.atomic():
            finding = TimelinessFinding.objects.create(
                kind=FindingKind.CONCEALED,
                area=report.area,
                post=report.post,
                report=report,
                occurred_at=report.reported_at,
                evidence=evidence.strip(),
                commander=report.commander,
                recorded_by=by,
            )
    except IntegrityError:
        raise ValidationError({"evidence": _("Concealment is already recorded on this report.")}) from None
    audit_record(actor=by, action="finding_concealed", obj=finding, area=report.area)
    return finding


@transaction.atomic
def finding_review(*, by: User, finding: TimelinessFinding, confirm: bool, reason: str) -> TimelinessFinding:
    """A reviewer at street level or above confirms or dismisses a finding, always with a reason."""
    if not (in_scope(by, finding.area) and role_at_least(by, "street")):
        raise PermissionDenied
    finding = TimelinessFinding.objects.select_for_update().get(pk=finding.pk)
    if finding.status != FindingStatus.OPEN:
        raise ValidationError({"status": _("This finding has already been reviewed.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    finding.status = FindingStatus.CONFIRMED if confirm else FindingStatus.DISMISSED
    finding.reviewed_by, finding.reviewed_at, finding.review_reason = by, timezone.now(), reason.strip()
    finding.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_reason"])
    audit_record(actor=by, action=f"finding_{finding.status}", obj=finding, area=finding.area, reason=reason)
    return finding
