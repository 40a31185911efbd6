"""Selection writes: calls and their rules, the three audited steps, needs profiles and rankings,
and finishing a call."""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from grassroots.core.lists import listed
from grassroots.core.models import User
from grassroots.core.services import audit_record
from grassroots.core.typed import typed_text
from grassroots.people.models import Department
from grassroots.people.validators import normalise_phone
from grassroots.places.models import Area, AreaKind

from . import notices
from .models import (
    NUMERIC_RULES,
    Call,
    CallStatus,
    Decision,
    EligibilityRule,
    Field,
    Focus,
    Instructor,
    Matching,
    MatchingStatus,
    ReasonCode,
    RuleKind,
    SelectionStep,
    Source,
    Status,
    Step,
    VillageNeed,
)
from .roles import is_city_committee, is_sending_unit, is_township_for
from .selectors import Closing, call_closing, served_elsewhere


def _require(ok: bool) -> None:
    if not ok:
        raise PermissionDenied


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the decision.")})
    return reason


def call_still_selecting(call_id: int) -> Call:
    """The call, locked, refused once it is finished: its selection and matching are settled then.
    Every step of them locks the call first, so finishing waits for a step under way, and the other way
    round."""
    call = Call.objects.select_for_update().select_related("area").get(pk=call_id)
    if call.status == CallStatus.FINISHED:
        raise ValidationError(
            {
                "call": ValidationError(
                    _(
                        "“%(call)s” is finished: its selection and matching are closed, so this can no "
                        "longer be changed. A supplementary call can cover the villages still without "
                        "an instructor."
                    ),
                    code="finished",
                    params={"call": call.name},
                )
            }
        )
    return call


@transaction.atomic
def call_create(
    *,
    by: User,
    name: str,
    area: Area,
    villages: list[Area],
    opens_on: date,
    closes_on: date,
    serves_from: date,
    serves_until: date,
    rules: dict[str, int | None],
) -> Call:
    """A call for instructors for some villages of a county; `rules` maps a rule kind to its threshold."""
    if area.kind != AreaKind.COUNTY:
        raise ValidationError({"area": _("A call is issued by a county-level city.")})
    call = Call(
        name=name.strip(),
        area=area,
        opens_on=opens_on,
        closes_on=closes_on,
        serves_from=serves_from,
        serves_until=serves_until,
    )
    _require(is_city_committee(by, call))
    if not call.name:
        raise ValidationError({"name": _("Name the call.")})
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The call closes before it opens.")})
    if serves_until < serves_from:
        raise ValidationError({"serves_until": _("The service ends before it starts.")})
    strangers = [v.name for v in villages if v.kind != AreaKind.VILLAGE or not v.path.startswith(area.path)]
    if strangers or not villages:
        raise ValidationError(
            {
                "villages": _("Choose villages of %(county)s; not: %(names)s")
                % {"county": area, "names": listed(strangers)}
            }
        )
    for kind, value in rules.items():
        if kind not in RuleKind.values:
            raise ValidationError({"rules": _("Unknown rule: %(rule)s") % {"rule": kind}})
        if kind in NUMERIC_RULES and value is None:
            raise ValidationError(
                {"rules": _("The rule “%(rule)s” needs a number.") % {"rule": RuleKind(kind).label}}
            )
    # A call may choose successors for villages whose instructors still serve (the demo's supplementary
    # call does); they are named in the record and on the call's pages, and a matching that would seat
    # a second instructor beside one still serving is refused when approved (services_matching).
    serving = served_elsewhere(
        serves_from=serves_from, serves_until=serves_until, village_ids=[v.pk for v in villages]
    )
    call.save()
    call.villages.set(villages)
    EligibilityRule.objects.bulk_create(
        EligibilityRule(call=call, kind=k, value=v if k in NUMERIC_RULES else None) for k, v in rules.items()
    )
    VillageNeed.objects.bulk_create(VillageNeed(call=call, village=v) for v in villages)
    audit_record(
        actor=by,
        action="instructor_call_create",
        obj=call,
        area=area,
        detail={"rules": rules, "already_served": [i.village.name for i in serving if i.village]},
    )
    return call


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def failed_rule(call: Call, instructor: Instructor) -> EligibilityRule | None:
    """The first of the call's rules the candidate does not meet, or None."""
    for rule in call.rules.all():
        value = rule.value or 0
        ok = {
            RuleKind.POLITICAL_QUALITY: instructor.political_quality_ok,
            RuleKind.PARTY_MEMBER: instructor.is_party_member,
            RuleKind.HEALTH: instructor.health_ok,
            RuleKind.PARTY_WORK_YEARS: instructor.party_work_years >= value,
            RuleKind.SERVICE_YEARS: instructor.service_years >= value,
            RuleKind.MAX_AGE: _age(instructor.birth_date, call.opens_on) <= value,
        }[RuleKind(rule.kind)]
        if not ok:
            return rule
    return None


LEDGER_FIELDS = (
    "name",
    "gender",
    "birth_date",
    "phone",
    "post",
    "strengths",
    "is_party_member",
    "political_quality_ok",
    "health_ok",
    "party_work_years",
    "service_years",
)


@transaction.atomic
def instructor_apply(
    *,
    by: User,
    call: Call,
    source: str,
    department: Department,
    fields: list[str],
    township: Area | None = None,
    **ledger: Any,
) -> Instructor:
    """Step 1, the personal application. An ineligible one is kept, stopped, with the failed rule named;
    the candidate may correct it and apply again."""
    if call.status != CallStatus.OPEN or not (call.opens_on <= timezone.localdate() <= call.closes_on):
        raise ValidationError({"call": _("This call is not open for applications.")})
    unknown = set(ledger) - set(LEDGER_FIELDS)
    if unknown:
        raise ValidationError({"__all__": _("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))}})
    if source not in Source.values:
        raise ValidationError({"source": _("Choose how the candidate was nominated.")})
    if source == Source.TOWNSHIP and (
        township is None or township.kind != AreaKind.TOWNSHIP or not township.path.startswith(call.area.path)
    ):
        raise ValidationError(
            {"township": _("Name the recommending township of %(county)s.") % {"county": call.area}}
        )
    if not set(fields) <= set(Field.values) or not fields:
        raise ValidationError({"fields": _("Choose at least one familiar field from the list.")})
    if not call.area.path.startswith(department.area.path):
        raise ValidationError({"department": _("The sending unit must belong to this city or its county.")})
    born = ledger.get("birth_date")
    if isinstance(born, date) and born > timezone.localdate():
        raise ValidationError({"birth_date": _("The date of birth is in the future.")})
    phone = normalise_phone(str(ledger.get("phone", "")))
    if not phone:
        raise ValidationError({"phone": _("Give a contact phone number.")})
    existing = Instructor.objects.select_for_update().filter(call=call, user=by).first()
    if existing is not None and existing.status != Status.INELIGIBLE:
        raise ValidationError({"call": _("You have already applied to this call.")})
    candidate = existing or Instructor(call=call, user=by)
    for key, value in ledger.items():
        setattr(candidate, key, value)
    candidate.phone = phone
    candidate.name = str(candidate.name).strip()
    if not candidate.name or not candidate.post:
        raise ValidationError({"name": _("Give the candidate's name and post.")})
    candidate.source, candidate.department, candidate.fields = source, department, sorted(set(fields))
    candidate.township = township if source == Source.TOWNSHIP else None
    rule = failed_rule(call, candidate)
    if rule is None:
        candidate.status, candidate.failed_rule = Status.APPLIED, ""
        decision, code, args = Decision.SUBMIT, ReasonCode.ELIGIBLE, {}
    else:
        candidate.status, candidate.failed_rule = Status.INELIGIBLE, rule.kind
        decision, code, args = (
            Decision.INELIGIBLE,
            ReasonCode.INELIGIBLE,
            {"rule": rule.kind, "value": rule.value},
        )
    if existing is not None:
        candidate.version = F("version") + 1
    candidate.save()
    candidate.refresh_from_db()
    # The reason is the system's own: a code, put into words in each reader's language.
    step = SelectionStep.objects.create(
        instructor=candidate, step=Step.APPLICATION, decision=decision, code=code, code_args=args, by=by
    )
    with translation.override(settings.LANGUAGE_CODE):
        reason = step.reason_words
    audit_record(
        actor=by,
        action="instructor_apply",
        obj=candidate,
        area=call.area,
        reason=reason,
        detail={"status": candidate.status, "failed_rule": candidate.failed_rule},
    )
    notices.tell_after_application(candidate)
    return candidate


def _decide(
    *, by: User, instructor: Instructor, step: str, approve: bool, reason: str, expected: str, passed: str
) -> Instructor:
    call_still_selecting(instructor.call_id)
    reason = _reason(reason)
    locked = Instructor.objects.select_for_update().select_related("call__area").get(pk=instructor.pk)
    if locked.status != expected:
        raise ValidationError(
            {
                "status": _("This candidate is “%(status)s”; the step cannot be taken now.")
                % {"status": locked.get_status_display()}
            }
        )
    locked.status = passed if approve else Status.REJECTED
    locked.version = F("version") + 1  # type: ignore[assignment]
    locked.save(update_fields=["status", "version"])
    locked.refresh_from_db()
    decision = Decision.APPROVE if approve else Decision.REJECT
    SelectionStep.objects.create(instructor=locked, step=step, decision=decision, reason=reason, by=by)
    audit_record(
        actor=by,
        action=f"instructor_{step}",
        obj=locked,
        area=locked.call.area,
        reason=reason,
        detail={"decision": decision, "status": locked.status},
    )
    if step == Step.RECOMMENDATION:
        notices.tell_after_recommendation(locked)
    else:
        notices.tell_after_review(locked)
    return locked


@transaction.atomic
def instructor_recommend(*, by: User, instructor: Instructor, approve: bool, reason: str) -> Instructor:
    """Step 2, by the sending unit the candidate belongs to."""
    _require(is_sending_unit(by, instructor))
    return _decide(
        by=by,
        instructor=instructor,
        step=Step.RECOMMENDATION,
        approve=approve,
        reason=reason,
        expected=Status.APPLIED,
        passed=Status.RECOMMENDED,
    )


@transaction.atomic
def instructor_review(*, by: User, instructor: Instructor, approve: bool, reason: str) -> Instructor:
    """Step 3, the city committee review 市委审核."""
    _require(is_city_committee(by, instructor.call))
    return _decide(
        by=by,
        instructor=instructor,
        step=Step.REVIEW,
        approve=approve,
        reason=reason,
        expected=Status.RECOMMENDED,
        passed=Status.APPROVED,
    )


@transaction.atomic
def instructor_rank_villages(*, by: User, instructor: Instructor, village_ids: list[int]) -> Instructor:
    """The candidate's own order of preference over the call's villages (a prefix is enough)."""
    _require(instructor.user_id == by.pk)
    call_still_selecting(instructor.call_id)
    allowed = set(instructor.call.villages.values_list("pk", flat=True))
    strangers = [v for v in village_ids if v not in allowed]
    if strangers or len(set(village_ids)) != len(village_ids):
        raise ValidationError({"village_ranking": _("Rank each village of this call at most once.")})
    instructor.village_ranking = village_ids
    instructor.save(update_fields=["village_ranking"])
    audit_record(actor=by, action="instructor_rank", obj=instructor, area=instructor.call.area)
    return instructor


@transaction.atomic
def need_update(
    *,
    by: User,
    need: VillageNeed,
    version: int,
    focus: list[str],
    households: int,
    distance_km: int,
    special_needs: str,
    candidate_ranking: list[int] | None = None,
) -> VillageNeed:
    """The township edits a village's needs profile (and its ranking of candidates); stale edits refused."""
    _require(is_township_for(by, need.village) or is_city_committee(by, need.call))
    call_still_selecting(need.call_id)
    if not focus or not set(focus) <= set(Focus.values):
        raise ValidationError({"focus": _("Choose at least one focus from the five.")})
    ranking = candidate_ranking if candidate_ranking is not None else list(need.candidate_ranking)
    known = set(need.call.instructors.values_list("pk", flat=True))
    if not set(ranking) <= known or len(set(ranking)) != len(ranking):
        raise ValidationError({"candidate_ranking": _("Rank each candidate of this call at most once.")})
    updated = VillageNeed.objects.filter(pk=need.pk, version=version).update(
        focus=sorted(set(focus)),
        households=households,
        distance_km=distance_km,
        special_needs=special_needs.strip(),
        candidate_ranking=ranking,
        version=F("version") + 1,
    )
    if not updated:
        raise ValidationError(
            {"version": _("Someone else changed this profile meanwhile; reload and try again.")}
        )
    need.refresh_from_db()
    audit_record(
        actor=by,
        action="village_need_update",
        obj=need,
        area=need.village,
        detail={"focus": need.focus, "households": households, "distance_km": distance_km},
    )
    return need


@transaction.atomic
def call_finish(*, by: User, call: Call, reason: str) -> tuple[Call, Closing]:
    """The city committee finishes a call once a matching has placed its instructors: who serves where
    is settled. Everyone still waiting (for a step, or approved and placed nowhere) is marked not
    selected with a step saying what they were waiting for, and told; proposals still waiting are
    rejected; the villages nobody serves are recorded, and their townships told, for a supplementary
    call to cover. Afterwards no selection or matching step is taken on it; the instructors serve on
    (logs, training, meetings, reviews, assessment, and leaving the post)."""
    if not is_city_committee(by, call):
        raise PermissionDenied
    locked = call_still_selecting(call.pk)
    if locked.status != CallStatus.MATCHING:
        raise ValidationError(
            {
                "call": ValidationError(
                    _(
                        "Only a call in matching can be finished: approve a matching that places its instructors first."
                    ),
                    code="not_matching",
                )
            }
        )
    reason = typed_text(Call, "finish_reason", _reason(reason), key="reason")
    closing = call_closing(locked)
    now = timezone.now()
    # What each was waiting for, read before the status that says it is replaced.
    not_selected = [(candidate, candidate.status) for candidate in closing.waiting]
    Instructor.objects.filter(pk__in=[c.pk for c in closing.waiting]).update(
        status=Status.NOT_SELECTED, version=F("version") + 1
    )
    SelectionStep.objects.bulk_create(
        SelectionStep(
            instructor=candidate,
            step=Step.FINISHING,
            decision=Decision.REJECT,
            code=ReasonCode.FINISHED,
            code_args={"waiting": waiting},
            by=by,
        )
        for candidate, waiting in not_selected
    )
    Matching.objects.filter(call=locked, status=MatchingStatus.PROPOSED).update(
        status=MatchingStatus.REJECTED, decided_by=by, decided_at=now, decision_reason=reason
    )
    locked.status, locked.finished_at, locked.finished_by, locked.finish_reason = (
        CallStatus.FINISHED,
        now,
        by,
        reason,
    )
    locked.save(update_fields=["status", "finished_at", "finished_by", "finish_reason"])
    audit_record(
        actor=by,
        action="instructor_call_finish",
        obj=locked,
        area=locked.area,
        reason=reason,
        detail={
            "matched": closing.matched,
            "unfilled": [v.name for v in closing.unfilled],
            "not_selected": len(closing.waiting),
            "proposals_rejected": closing.proposals,
        },
    )
    notices.tell_after_finish(locked, not_selected, closing.unfilled)
    return locked, closing
