"""Writes of assessment: schemes, periods (compute, close), ratings, and the three mechanisms:
commendation 评优, accountability 问责 and selection 干部选拔. Every write is audited."""

from calendar import monthrange
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.models import User
from grassroots.core.scope import in_scope, role_at_least
from grassroots.core.services import audit_record
from grassroots.core.typed import typed_text
from grassroots.people.models import Staff
from grassroots.places.models import Area, Post
from grassroots.reporting.models import FindingStatus, TimelinessFinding

from .indicators import RATER_INDICATORS, REGISTRY
from .models import (
    Accountability,
    AccountabilityOutcome,
    AccountabilitySource,
    AccountabilityStatus,
    AssessmentPeriod,
    Honour,
    Nomination,
    NominationStatus,
    PeriodKind,
    PeriodStatus,
    Rating,
    Scheme,
    SchemeIndicator,
    Score,
    SelectionCandidate,
    SelectionStatus,
)
from .scoring import coverage, evaluate, measure, scheme_lines

# How many score points one recorded honour adds when the selection pool is drawn.
HONOUR_BONUS = Decimal(5)


def _require(by: User, area: Area, role: str) -> None:
    if not (in_scope(by, area) and role_at_least(by, role)):
        raise PermissionDenied


def _is_self(by: User, person: Staff) -> bool:
    return person.user_id is not None and person.user_id == by.pk


def _open(period: AssessmentPeriod) -> None:
    if period.is_closed:
        raise ValidationError({"period": _("This period is closed.")})


Line = tuple[str, int, int | None]


def _scheme_check(*, name: str, lines: Sequence[Line], scheme: Scheme | None = None) -> None:
    """Weights are relative (a total divides by the weights of the lines that were scored), so each
    must be at least 1 and no more than 100; their sum need not be 100."""
    if not name.strip():
        raise ValidationError({"name": _("The name is required.")})
    typed_text(Scheme, "name", name)
    others = Scheme.objects.exclude(pk=scheme.pk) if scheme else Scheme.objects.all()
    if others.filter(name=name.strip()).exists():
        raise ValidationError({"name": _("Another scheme has this name.")})
    if not lines:
        raise ValidationError({"indicators": _("A scheme needs at least one indicator.")})
    seen = set()
    for row, (code, weight, target) in enumerate(lines, start=1):
        if code not in REGISTRY:
            raise ValidationError(
                {"indicators": _("Row %(row)s: unknown indicator %(code)s.") % {"row": row, "code": code}}
            )
        if code in seen:
            raise ValidationError(
                {
                    "indicators": _("Row %(row)s: %(code)s is listed twice.")
                    % {"row": row, "code": REGISTRY[code].label}
                }
            )
        seen.add(code)
        if not 1 <= weight <= 100:
            raise ValidationError(
                {"indicators": _("Row %(row)s: the weight must be from 1 to 100.") % {"row": row}}
            )
        if REGISTRY[code].is_count and not target:
            raise ValidationError(
                {"indicators": _("Row %(row)s: a count indicator needs a target.") % {"row": row}}
            )


def _scheme_write(scheme: Scheme, lines: Sequence[Line]) -> None:
    # Only counts keep a target: a rate's target would be stored but never read.
    SchemeIndicator.objects.bulk_create(
        SchemeIndicator(
            scheme=scheme, code=code, weight=weight, target=target if REGISTRY[code].is_count else None
        )
        for code, weight, target in lines
    )


@transaction.atomic
def scheme_create(*, by: User, area: Area, name: str, lines: Sequence[Line]) -> Scheme:
    """A district's 考核办法: weighted indicators from the registry, computed or rater-entered."""
    _require(by, area, "district_hq")
    _scheme_check(name=name, lines=lines)
    scheme = Scheme.objects.create(name=name.strip(), area=area)
    _scheme_write(scheme, lines)
    audit_record(
        actor=by, action="evaluation_scheme_create", obj=scheme, area=area, detail={"lines": len(lines)}
    )
    return scheme


@transaction.atomic
def scheme_update(*, by: User, scheme: Scheme, name: str, lines: Sequence[Line]) -> Scheme:
    """Rename and reweigh a scheme. Open periods score by the new lines at their next computation;
    closed ones keep the lines frozen when they closed."""
    _require(by, scheme.area, "district_hq")
    _scheme_check(name=name, lines=lines, scheme=scheme)
    before = list(scheme.indicators.values_list("code", "weight", "target"))
    scheme.name = name.strip()
    scheme.save(update_fields=["name"])
    scheme.indicators.all().delete()
    _scheme_write(scheme, lines)
    audit_record(
        actor=by,
        action="evaluation_scheme_update",
        obj=scheme,
        area=scheme.area,
        detail={"before": before, "after": [list(line) for line in lines]},
    )
    return scheme


def period_end(kind: str, starts_on: date) -> date:
    """The last day of a month, quarter or year starting on `starts_on`."""
    months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}[PeriodKind(kind)]
    month = starts_on.month - 1 + months
    following = date(starts_on.year + month // 12, month % 12 + 1, 1)
    last = monthrange(following.year, following.month)[1]
    if starts_on.day > last:  # from the 31st a month runs to the end of a shorter month
        return following.replace(day=last)
    return following.replace(day=starts_on.day) - timedelta(days=1)


@transaction.atomic
def period_open(
    *, by: User, name: str, kind: str, starts_on: date, ends_on: date, area: Area, scheme: Scheme
) -> AssessmentPeriod:
    _require(by, area, "district_hq")
    if kind not in PeriodKind.values:
        raise ValidationError({"kind": _("Choose month, quarter or year.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The period ends before it starts.")})
    if not name.strip():
        raise ValidationError({"name": _("The name is required.")})
    name = typed_text(AssessmentPeriod, "name", name)
    if not area.path.startswith(scheme.area.path):
        raise ValidationError({"scheme": _("This scheme is not kept for this area.")})
    period = AssessmentPeriod.objects.create(
        name=name, kind=kind, starts_on=starts_on, ends_on=ends_on, area=area, scheme=scheme
    )
    audit_record(actor=by, action="evaluation_period_open", obj=period)
    return period


@transaction.atomic
def rating_record(
    *, by: User, period: AssessmentPeriod, person: Staff, code: str, value: int, note: str = ""
) -> Rating:
    """A rater's mark. Nobody rates themselves; the commander's rating comes from the station or
    above, the community's from the community or above, conduct from any superior."""
    _open(period)
    if code not in RATER_INDICATORS:
        raise ValidationError({"code": _("This indicator is not entered by raters.")})
    if _is_self(by, person):
        raise ValidationError({"person": _("You cannot rate yourself.")})
    needed = {"community_rating": "community"}.get(code, "station")
    _require(by, person.area, needed)
    if not person.area.path.startswith(period.area.path):
        raise ValidationError({"person": _("This person is not assessed in this period.")})
    if not 0 <= value <= 100:
        raise ValidationError({"value": _("A mark is from 0 to 100.")})
    note = typed_text(Rating, "note", note)
    rating, _created = Rating.objects.update_or_create(
        period=period,
        code=code,
        person=person,
        rater=by,
        defaults={"value": value, "note": note, "area": person.area},
    )
    audit_record(
        actor=by,
        action="evaluation_rate",
        obj=rating,
        area=person.area,
        detail={"code": code, "value": value},
    )
    return rating


def _scored(score: Score, inputs: dict) -> Score:  # type: ignore[type-arg]
    score.total, score.indicators = evaluate(inputs)
    score.measured_weight, score.scheme_weight = coverage(score.indicators)
    return score


def _store(period: AssessmentPeriod, by_person: dict, by_station: dict) -> int:  # type: ignore[type-arg]
    people = Staff.objects.in_bulk(list(by_person))
    stations = Post.objects.in_bulk(list(by_station))
    rows = []
    for pid, inputs in by_person.items():
        rows.append(_scored(Score(period=period, person_id=pid, area_id=people[pid].area_id), inputs))
    for sid, inputs in by_station.items():
        rows.append(_scored(Score(period=period, post_id=sid, area_id=stations[sid].area_id), inputs))
    period.scores.all().delete()
    Score.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


@transaction.atomic
def period_compute(*, by: User | None, period: AssessmentPeriod) -> int:
    """Score every person and station of the period. An open period reads the records as they are;
    a closed one recomputes from the inputs stored when it closed, and so never changes."""
    if by is not None:
        _require(by, period.area, "district_hq")
    period = AssessmentPeriod.objects.select_for_update().get(pk=period.pk)
    if period.is_closed:
        stored = list(period.scores.all())
        changed = []
        for score in stored:
            inputs = {
                code: {**line, **_snapshot_line(period, code)} for code, line in score.indicators.items()
            }
            before = (score.total, score.indicators, score.measured_weight, score.scheme_weight)
            _scored(score, inputs)
            # Identical by construction; a row is rewritten only if the stored one was tampered with.
            if (score.total, score.indicators, score.measured_weight, score.scheme_weight) != before:
                changed.append(score)
        Score.objects.bulk_update(
            changed, ["total", "indicators", "measured_weight", "scheme_weight"], batch_size=1000
        )
        n = len(stored)
    else:
        by_person, by_station = measure(
            period_id=period.pk,
            area=period.area,
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            scheme=scheme_lines(period.scheme_id),
        )
        n = _store(period, by_person, by_station)
    period.computed_at = timezone.now()
    period.save(update_fields=["computed_at"])
    if by is not None:
        audit_record(actor=by, action="evaluation_period_compute", obj=period, detail={"scores": n})
    return n


def _snapshot_line(period: AssessmentPeriod, code: str) -> dict:  # type: ignore[type-arg]
    for row in period.scheme_snapshot:
        if row["code"] == code:
            return {"weight": row["weight"], "target": row.get("target")}
    return {}


@transaction.atomic
def period_close(*, by: User, period: AssessmentPeriod) -> AssessmentPeriod:
    """Compute from the records one last time and freeze the inputs with the scores."""
    _require(by, period.area, "district_hq")
    _open(period)
    period_compute(by=None, period=period)
    period.refresh_from_db()
    period.scheme_snapshot = scheme_lines(period.scheme_id)
    period.status = PeriodStatus.CLOSED
    period.closed_at = timezone.now()
    period.closed_by = by
    period.save(update_fields=["scheme_snapshot", "status", "closed_at", "closed_by"])
    audit_record(
        actor=by, action="evaluation_period_close", obj=period, detail={"scores": period.scores.count()}
    )
    return period


# 评优 commendation


@transaction.atomic
def nomination_create(
    *, by: User, period: AssessmentPeriod, person: Staff, title: str, reason: str
) -> Nomination:
    _require(by, person.area, "station")
    if _is_self(by, person):
        raise ValidationError({"person": _("You cannot nominate yourself.")})
    if not title.strip() or not reason.strip():
        raise ValidationError({"reason": _("Give the honour and the reason.")})
    title = typed_text(Nomination, "title", title)
    if Nomination.objects.filter(period=period, person=person, title=title).exists():
        raise ValidationError({"person": _("This person is already nominated for this honour.")})
    nomination = Nomination.objects.create(
        period=period,
        person=person,
        area=person.area,
        title=title,
        reason=reason.strip(),
        nominated_by=by,
    )
    audit_record(actor=by, action="evaluation_nominate", obj=nomination, area=person.area)
    return nomination


@transaction.atomic
def nomination_decide(*, by: User, nomination: Nomination, approve: bool, reason: str = "") -> Nomination:
    """Approval comes from the street or above, never from the nominator; it records the honour."""
    _require(by, nomination.area, "street")
    if nomination.status != NominationStatus.PROPOSED:
        raise ValidationError({"status": _("This nomination is already decided.")})
    if nomination.nominated_by_id == by.pk or _is_self(by, nomination.person):
        raise ValidationError({"status": _("Someone else must decide this nomination.")})
    if not approve and not reason.strip():
        raise ValidationError({"decision_reason": _("Say why the nomination is rejected.")})
    reason = typed_text(Nomination, "decision_reason", reason)
    nomination.status = NominationStatus.APPROVED if approve else NominationStatus.REJECTED
    nomination.decided_by = by
    nomination.decided_at = timezone.now()
    nomination.decision_reason = reason
    nomination.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    if approve:
        Honour.objects.create(
            person=nomination.person,
            area=nomination.area,
            period=nomination.period,
            nomination=nomination,
            title=nomination.title,
            awarded_on=timezone.localdate(),
        )
    audit_record(actor=by, action="evaluation_nomination_decide", obj=nomination, detail={"approve": approve})
    return nomination


# 问责 accountability


@transaction.atomic
def accountability_open(
    *,
    by: User,
    person: Staff,
    title: str,
    evidence: str,
    post: Post | None = None,
    period: AssessmentPeriod | None = None,
) -> Accountability:
    _require(by, person.area, "community")
    if _is_self(by, person):
        raise ValidationError({"person": _("You cannot open a record against yourself.")})
    if not title.strip():
        raise ValidationError({"title": _("Say what the matter is.")})
    if not evidence.strip():
        raise ValidationError({"evidence": _("Accountability needs evidence.")})
    title = typed_text(Accountability, "title", title)
    record = Accountability.objects.create(
        person=person,
        post=post,
        area=post.area if post else person.area,
        period=period,
        source=AccountabilitySource.MANUAL,
        title=title,
        evidence=evidence.strip(),
        opened_by=by,
    )
    audit_record(actor=by, action="evaluation_accountability_open", obj=record)
    return record


@transaction.atomic
def accountability_from_finding(*, by: User | None, finding: TimelinessFinding) -> Accountability:
    """Open the record the reporting chain asks for: a confirmed late, missed or concealed report
    makes the commander in charge then accountable."""
    if by is not None:
        _require(by, finding.area, "community")
    if finding.status != FindingStatus.CONFIRMED:
        raise ValidationError({"finding": _("Only a confirmed finding opens accountability.")})
    if finding.commander_id is None:
        raise ValidationError({"finding": _("The finding names no commander in charge.")})
    if Accountability.objects.filter(finding=finding).exists():
        raise ValidationError({"finding": _("This finding already has an accountability record.")})
    record = Accountability.objects.create(
        person_id=finding.commander_id,
        post=finding.post,
        area=finding.area,
        source=AccountabilitySource.REPORTING,
        finding=finding,
        title=f"{finding.get_kind_display()} · {finding.report}"[:200],
        evidence=finding.evidence_said or finding.review_reason or str(finding),
        opened_by=by,
    )
    audit_record(
        actor=by, action="evaluation_accountability_from_finding", obj=record, detail={"finding": finding.pk}
    )
    return record


def accountability_from_confirmed_findings(*, by: User | None, area: Area) -> list[Accountability]:
    """Every confirmed finding under `area` that names a commander and has no record yet."""
    findings = TimelinessFinding.objects.filter(
        area__path__startswith=area.path,
        status=FindingStatus.CONFIRMED,
        commander__isnull=False,
        accountability__isnull=True,
    ).select_related("report", "area", "post")
    return [accountability_from_finding(by=by, finding=f) for f in findings]


@transaction.atomic
def accountability_decide(*, by: User, record: Accountability, confirm: bool, reason: str) -> Accountability:
    _require(by, record.area, "community")
    if _is_self(by, record.person):
        raise ValidationError({"status": _("Someone else must decide a record about you.")})
    if record.status != AccountabilityStatus.OPEN:
        raise ValidationError({"status": _("This record is already decided.")})
    if not reason.strip():
        raise ValidationError({"decision_reason": _("Give the reason for the decision.")})
    reason = typed_text(Accountability, "decision_reason", reason)
    record.status = AccountabilityStatus.CONFIRMED if confirm else AccountabilityStatus.DISMISSED
    record.decision_reason = reason
    record.decided_by = by
    record.decided_at = timezone.now()
    record.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
    audit_record(actor=by, action="evaluation_accountability_decide", obj=record, detail={"confirm": confirm})
    return record


@transaction.atomic
def accountability_reply(*, by: User, record: Accountability, reply: str) -> Accountability:
    """The person's own statement; only they can give it."""
    if not _is_self(by, record.person):
        raise PermissionDenied
    if not reply.strip():
        raise ValidationError({"reply": _("The reply is empty.")})
    record.reply = reply.strip()
    record.replied_at = timezone.now()
    record.save(update_fields=["reply", "replied_at"])
    audit_record(actor=by, action="evaluation_accountability_reply", obj=record)
    return record


@transaction.atomic
def accountability_set_outcome(*, by: User, record: Accountability, outcome: str) -> Accountability:
    _require(by, record.area, "street")
    if _is_self(by, record.person):
        raise ValidationError({"outcome": _("Someone else must decide a record about you.")})
    if record.status != AccountabilityStatus.CONFIRMED:
        raise ValidationError({"outcome": _("Only a confirmed record has an outcome.")})
    if outcome not in AccountabilityOutcome.values or not outcome:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    record.outcome = outcome
    record.save(update_fields=["outcome"])
    audit_record(
        actor=by, action="evaluation_accountability_outcome", obj=record, detail={"outcome": outcome}
    )
    return record


# 干部选拔 selection


@transaction.atomic
def selection_pool_build(
    *, by: User, period: AssessmentPeriod, area: Area, size: int = 10
) -> list[SelectionCandidate]:
    """Draw the recommendation pool for `area` from a closed period: people ranked by score plus a
    bonus per recorded honour, leaving out anyone with confirmed accountability in the period. As in
    the ranking, scores resting on too little of the scheme come after all the others."""
    _require(by, area, "street")
    if not period.is_closed:
        raise ValidationError({"period": _("Draw the pool from a closed period.")})
    if size < 1:
        raise ValidationError({"size": _("The pool needs at least one place.")})
    accountable = Accountability.objects.filter(status=AccountabilityStatus.CONFIRMED).filter(
        Q(period=period) | Q(opened_at__date__gte=period.starts_on, opened_at__date__lte=period.ends_on)
    )
    scores = (
        Score.objects.filter(period=period, person__isnull=False, area__path__startswith=area.path)
        .exclude(person__in=accountable.values("person"))
        .exclude(person__in=SelectionCandidate.objects.filter(period=period).values("person"))
        .annotate(n_honours=Count("person__honours", distinct=True))
        .select_related("person")
    )
    ranked = sorted(
        scores,
        key=lambda s: (s.measured_too_little, -(s.total + HONOUR_BONUS * s.n_honours), s.person_id),  # type: ignore[attr-defined]
    )[:size]
    made = SelectionCandidate.objects.bulk_create(
        SelectionCandidate(period=period, person=s.person, area=s.area, score=s.total, honours=s.n_honours)  # type: ignore[attr-defined,misc]
        for s in ranked
    )
    audit_record(
        actor=by, action="evaluation_selection_pool", obj=period, area=area, detail={"candidates": len(made)}
    )
    return made


@transaction.atomic
def selection_decide(
    *, by: User, candidate: SelectionCandidate, recommend: bool, reason: str
) -> SelectionCandidate:
    _require(by, candidate.area, "street")
    if _is_self(by, candidate.person):
        raise ValidationError({"status": _("Someone else must review your candidacy.")})
    if candidate.status != SelectionStatus.POOLED:
        raise ValidationError({"status": _("This candidate is already reviewed.")})
    if not reason.strip():
        raise ValidationError({"decision_reason": _("Give the reason for the decision.")})
    reason = typed_text(SelectionCandidate, "decision_reason", reason)
    candidate.status = SelectionStatus.RECOMMENDED if recommend else SelectionStatus.NOT_RECOMMENDED
    candidate.reviewer = by
    candidate.reviewed_at = timezone.now()
    candidate.decision_reason = reason
    candidate.save(update_fields=["status", "reviewer", "reviewed_at", "decision_reason"])
    audit_record(
        actor=by, action="evaluation_selection_decide", obj=candidate, detail={"recommend": recommend}
    )
    return candidate
