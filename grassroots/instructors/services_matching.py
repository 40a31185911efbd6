"""Two-way matching writes: proposals by each method, dynamic adjustment, approval."""

from dataclasses import dataclass

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.lists import listed
from grassroots.core.models import User
from grassroots.core.services import audit_record
from grassroots.places.models import Area

from . import matching as algo
from . import notices
from .models import (
    Call,
    CallStatus,
    Decision,
    Instructor,
    Matching,
    MatchingStatus,
    MatchPair,
    Method,
    SelectionStep,
    Status,
    Step,
    VillageNeed,
)
from .roles import is_city_committee
from .selectors import served_elsewhere, taking_applications
from .services import call_still_selecting

# A pair is moved in a re-match only when that gains more total fit than this (0–100 scale).
DEFAULT_CHANGE_PENALTY = 20


@dataclass
class Problem:
    """One call's matching problem as arrays: rows are approved instructors, columns villages."""

    instructors: list[Instructor]
    villages: list[Area]
    fit: np.ndarray
    candidate_prefs: np.ndarray  # rows: candidates' full orders of village columns
    village_prefs: np.ndarray  # rows: villages' full orders of candidate rows

    def current(self) -> np.ndarray:
        col = {v.pk: j for j, v in enumerate(self.villages)}
        return np.array(
            [col.get(i.village_id, -1) if i.village_id else -1 for i in self.instructors], dtype=np.int64
        )


def problem_for(call: Call) -> Problem:
    """Fit scores and both sides' complete preference lists, from the ledger and the needs profiles."""
    instructors = list(call.instructors.filter(status=Status.APPROVED).order_by("pk"))
    needs = list(VillageNeed.objects.filter(call=call).select_related("village").order_by("village__path"))
    villages = [n.village for n in needs]
    fit = np.array(
        [
            [
                algo.fit_score(
                    fields=i.fields,
                    strengths=i.strengths,
                    party_work_years=i.party_work_years,
                    focus=n.focus,
                    households=n.households,
                    special_needs=n.special_needs,
                )
                for n in needs
            ]
            for i in instructors
        ],
        dtype=np.int64,
    ).reshape(len(instructors), len(needs))
    row = {i.pk: r for r, i in enumerate(instructors)}
    col = {v.pk: c for c, v in enumerate(villages)}
    candidate_prefs = np.array(
        [
            algo.complete_prefs(
                [col[v] for v in i.village_ranking if v in col],
                sorted(range(len(needs)), key=lambda c, r=r: (-fit[r, c], needs[c].distance_km, c)),  # type: ignore[misc]
            )
            for r, i in enumerate(instructors)
        ],
        dtype=np.int64,
    ).reshape(len(instructors), len(needs))
    village_prefs = np.array(
        [
            algo.complete_prefs(
                [row[p] for p in n.candidate_ranking if p in row],
                sorted(range(len(instructors)), key=lambda r, c=c: (-fit[r, c], r)),  # type: ignore[misc]
            )
            for c, n in enumerate(needs)
        ],
        dtype=np.int64,
    ).reshape(len(needs), len(instructors))
    return Problem(instructors, villages, fit, candidate_prefs, village_prefs)


def solve(problem: Problem, method: str) -> tuple[np.ndarray, int]:
    """Instructor row → village column (or -1), and the number of blocking pairs of that result."""
    c_rank = algo.ranks_from_prefs(problem.candidate_prefs)
    v_rank = algo.ranks_from_prefs(problem.village_prefs)
    if method == Method.STABLE_CANDIDATE:
        match = algo.gale_shapley(problem.candidate_prefs, v_rank)
    elif method == Method.STABLE_VILLAGE:
        by_village = algo.gale_shapley(problem.village_prefs, c_rank)
        match = np.full(len(problem.instructors), -1, dtype=np.int64)
        placed = by_village >= 0
        match[by_village[placed]] = np.nonzero(placed)[0]
    elif method == Method.OPTIMAL:
        match = algo.optimal_assignment(problem.fit)
    else:
        raise ValidationError({"method": _("Choose stable or optimal matching.")})
    return match, algo.blocking_pairs(c_rank, v_rank, match)


def _save(
    *, by: User, call: Call, method: str, problem: Problem, match: np.ndarray, blocking: int, reason: str = ""
) -> Matching:
    current = problem.current()
    pairs = [
        MatchPair(
            instructor=problem.instructors[r],
            village=problem.villages[c],
            fit=int(problem.fit[r, c]),
            changed=bool(current[r] >= 0 and current[r] != c),
        )
        for r, c in enumerate(match.tolist())
        if c >= 0
    ]
    changes = sum(p.changed for p in pairs) + int(np.count_nonzero((current >= 0) & (match < 0)))
    matching = Matching.objects.create(
        call=call,
        method=method,
        total_fit=algo.total_fit(problem.fit, match),
        blocking_pairs=blocking,
        changes=changes,
        reason=reason,
        created_by=by,
    )
    for p in pairs:
        p.matching = matching
    MatchPair.objects.bulk_create(pairs)
    audit_record(
        actor=by,
        action="matching_propose",
        obj=matching,
        area=call.area,
        reason=reason,
        detail={
            "method": method,
            "total_fit": matching.total_fit,
            "blocking_pairs": blocking,
            "changes": changes,
        },
    )
    return matching


@transaction.atomic
def matching_propose(*, by: User, call: Call, method: str) -> Matching:
    """Run one method on the call's approved instructors and villages; the result waits for approval."""
    if not is_city_committee(by, call):
        raise PermissionDenied
    call_still_selecting(call.pk)
    if method not in (Method.STABLE_CANDIDATE, Method.STABLE_VILLAGE, Method.OPTIMAL):
        raise ValidationError({"method": _("Choose stable or optimal matching.")})
    problem = problem_for(call)
    if not problem.instructors or not problem.villages:
        raise ValidationError(
            {"call": _("Matching needs approved instructors and villages with needs profiles.")}
        )
    match, blocking = solve(problem, method)
    return _save(by=by, call=call, method=method, problem=problem, match=match, blocking=blocking)


@transaction.atomic
def matching_adjust(
    *, by: User, call: Call, reason: str, change_penalty: int = DEFAULT_CHANGE_PENALTY
) -> Matching:
    """Dynamic adjustment: re-match after an instructor left or needs changed, moving as few pairs as
    pays (a pair moves only when that gains more than `change_penalty` of fit), as a proposal."""
    if not is_city_committee(by, call):
        raise PermissionDenied
    call_still_selecting(call.pk)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the matching is adjusted.")})
    if not call.instructors.filter(village__isnull=False).exists():
        raise ValidationError({"call": _("There is no approved matching to adjust yet.")})
    problem = problem_for(call)
    match = algo.readjust(problem.fit, problem.current(), change_penalty)
    blocking = algo.blocking_pairs(
        algo.ranks_from_prefs(problem.candidate_prefs), algo.ranks_from_prefs(problem.village_prefs), match
    )
    return _save(
        by=by,
        call=call,
        method=Method.ADJUSTMENT,
        problem=problem,
        match=match,
        blocking=blocking,
        reason=reason.strip(),
    )


@transaction.atomic
def matching_decide(*, by: User, matching: Matching, approve: bool, reason: str) -> Matching:
    """Approve a proposal (it becomes who serves where) or reject it, saying why.

    Approval waits until the call stops taking applications: it places the instructors and closes the
    call to applicants, so approving earlier would shut out everyone who applies before the date the
    call announced. Other waiting proposals of the call are rejected with it, pointing at it: each was
    worked out from the placements the approval has just replaced."""
    if not is_city_committee(by, matching.call):
        raise PermissionDenied
    # The call first, as every step of the call locks it: finishing it meanwhile waits, or is waited for.
    call = call_still_selecting(matching.call_id)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the decision.")})
    locked = Matching.objects.select_for_update().get(pk=matching.pk)
    locked.call = call
    if locked.status != MatchingStatus.PROPOSED:
        raise ValidationError({"status": _("This proposal has already been decided.")})
    now = timezone.now()
    placed: list[Instructor] = []
    if approve:
        if taking_applications(call):
            raise ValidationError(
                {
                    "approve": _(
                        "Applications to this call run until %(date)s; approve a matching after they close."
                    )
                    % {"date": call.closes_on.isoformat()}
                }
            )
        pairs = list(locked.pairs.select_related("instructor", "village"))
        gone = [p.instructor.name for p in pairs if p.instructor.status != Status.APPROVED]
        if gone:
            raise ValidationError(
                {"status": _("Out of date: %(names)s no longer serve.") % {"names": listed(gone)}}
            )
        taken = served_elsewhere(
            serves_from=call.serves_from,
            serves_until=call.serves_until,
            village_ids=[p.village_id for p in pairs],
            exclude_call=call,
        )
        if taken:
            raise ValidationError(
                {
                    "approve": _(
                        "These villages have an instructor of another call serving in the same period: %(names)s."
                    )
                    % {"names": listed(f"{i.village.name}（{i.name}）" for i in taken if i.village)}
                }
            )
        # Clear first: the one-instructor-per-village constraint holds at every statement.
        call.instructors.filter(village__isnull=False).update(village=None)
        for p in pairs:
            Instructor.objects.filter(pk=p.instructor_id).update(village=p.village)
            if p.instructor.village_id != p.village_id:  # told only where their place changes
                p.instructor.village, p.instructor.call = p.village, call
                placed.append(p.instructor)
        Matching.objects.filter(call=call, status=MatchingStatus.PROPOSED).exclude(pk=locked.pk).update(
            status=MatchingStatus.REJECTED, decided_by=by, decided_at=now, superseded_by=locked
        )
        if call.status == CallStatus.OPEN:
            call.status = CallStatus.MATCHING
            call.save(update_fields=["status"])
    locked.status = MatchingStatus.APPROVED if approve else MatchingStatus.REJECTED
    locked.decided_by, locked.decided_at, locked.decision_reason = by, now, reason
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    audit_record(
        actor=by,
        action="matching_approve" if approve else "matching_reject",
        obj=locked,
        area=call.area,
        reason=reason,
        detail={"method": locked.method, "total_fit": locked.total_fit, "changes": locked.changes},
    )
    notices.tell_matched(placed)
    return locked


@transaction.atomic
def instructor_leave(*, by: User, instructor: Instructor, reason: str) -> Instructor:
    """An approved instructor leaves the post; the village stays vacant until an adjustment is approved."""
    locked = Instructor.objects.select_for_update().select_related("call__area").get(pk=instructor.pk)
    if not is_city_committee(by, locked.call):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the instructor leaves.")})
    if locked.status != Status.APPROVED:
        raise ValidationError({"status": _("Only a serving instructor can leave.")})
    village = locked.village
    locked.status, locked.village = Status.LEFT, None
    locked.save(update_fields=["status", "village"])
    SelectionStep.objects.create(
        instructor=locked, step=Step.LEAVING, decision=Decision.REJECT, reason=reason.strip(), by=by
    )
    audit_record(
        actor=by,
        action="instructor_leave",
        obj=locked,
        area=village or locked.call.area,
        reason=reason.strip(),
        detail={"village": village.name if village else ""},
    )
    return locked
