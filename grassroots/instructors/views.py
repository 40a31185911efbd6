"""Selection and matching pages: calls, applications, the ledger, needs profiles, matching."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.forms import show_errors, submitted
from grassroots.core.lists import listed
from grassroots.core.requests import signed_in

from . import selectors as sel
from .forms import (
    AdjustForm,
    ApplyForm,
    DecisionForm,
    FinishForm,
    LeaveForm,
    MatchingDecisionForm,
    NeedForm,
    UnitReviewForm,
    ranks_from_post,
)
from .models import Call, CallStatus, Instructor, MatchingStatus, Method, Status
from .roles import holds_any_role, is_city_committee, is_sending_unit, is_township_for
from .services import (
    call_finish,
    instructor_apply,
    instructor_rank_villages,
    instructor_recommend,
    instructor_review,
    need_update,
)
from .services_matching import instructor_leave, matching_adjust, matching_decide, matching_propose


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    mine = list(sel.my_applications(user))
    by_call = {a.call_id: a for a in mine}

    def rows(calls: Any) -> list[tuple[Call, Instructor | None, bool]]:
        """Each call with the user's own application to it, and whether they may apply (again) now."""
        out = []
        for c in calls:
            own = by_call.get(c.pk)
            again = own is None or own.status == Status.INELIGIBLE
            out.append((c, own, again and sel.taking_applications(c)))
        return out

    return render(
        request,
        "instructors/home.html",
        {
            "calls": rows(sel.calls_for(user)),
            "open": rows(sel.open_calls().exclude(pk__in=sel.calls_for(user).values("pk"))),
            "mine": mine,
            "serving": sel.my_instructor(user),
            "has_role": holds_any_role(user),
            "cadre": sel.cadre_village_ids(user).exists(),
        },
    )


@login_required
def call_detail(request: HttpRequest, call_id: int) -> HttpResponse:
    """The call at a glance; the committee finishes it here once a matching has placed its instructors."""
    user = signed_in(request)
    call = sel.call_or_404(user, call_id)
    committee = is_city_committee(user, call)
    finish_form = (
        FinishForm(request.POST or None) if committee and call.status == CallStatus.MATCHING else None
    )
    if request.method == "POST":
        if finish_form is None:
            raise PermissionDenied
        if submitted(
            request,
            finish_form,
            lambda data: call_finish(by=user, call=call, **data),
            _("The call is finished."),
        ):
            return redirect("instructors-call", call_id=call.pk)
    counts = {s: 0 for s in Status.values}
    for row in sel.instructors_for(user, call).values_list("status", flat=True):
        counts[row] += 1
    applied = sel.my_applications(user).filter(call=call).first()
    closing = sel.call_closing(call) if finish_form or call.status == CallStatus.FINISHED else None
    covering = sel.covering_calls(user, call, closing.unfilled) if closing else {}
    return render(
        request,
        "instructors/call.html",
        {
            "call": call,
            "rules": call.rules.all(),
            "counts": [(Status(s).label, n) for s, n in counts.items()],
            "committee": committee,
            "a": applied,
            "c": call,
            "may_apply": sel.taking_applications(call)
            and (applied is None or applied.status == Status.INELIGIBLE),
            "served_elsewhere": sel.served_elsewhere(
                serves_from=call.serves_from,
                serves_until=call.serves_until,
                village_ids=list(call.villages.values_list("pk", flat=True)),
                exclude_call=call,
            )
            if committee
            else [],
            "finish_form": finish_form,
            "closing": closing,
            "unfilled": [(v, covering.get(v.pk, [])) for v in closing.unfilled] if closing else [],
            "unfilled_names": listed(v.name for v in closing.unfilled) if closing else "",
        },
        status=400 if finish_form and finish_form.errors else 200,
    )


@login_required
def apply(request: HttpRequest, call_id: int) -> HttpResponse:
    """Step 1: anyone logged in may apply for themselves; no area grant is needed."""
    user = signed_in(request)
    call = sel.call_or_404_for_applicant(user, call_id)
    form = ApplyForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            candidate = instructor_apply(
                by=user,
                call=call,
                source=data.pop("source"),
                department=data.pop("department"),
                township=data.pop("township"),
                fields=data.pop("familiar_fields"),
                **data,
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            if candidate.status == Status.INELIGIBLE:
                messages.error(request, candidate.steps.last().reason_words)  # type: ignore[union-attr]
            else:
                messages.success(request, _("Your application is submitted. Your sending unit decides next."))
            return redirect("instructors-mine")
    return render(request, "instructors/apply.html", {"call": call, "form": form})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "instructors/mine.html", {"mine": sel.my_applications(signed_in(request))})


@login_required
def ledger(request: HttpRequest, call_id: int) -> HttpResponse:
    user = signed_in(request)
    call = sel.call_or_404(user, call_id)
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()
    people = sel.instructors_for(user, call, status=status if status in Status.values else "", q=q)
    template = "instructors/_ledger_rows.html" if request.htmx else "instructors/ledger.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "call": call,
            "people": people.order_by("status", "name"),
            "status": status,
            "q": q,
            "statuses": Status.choices,
        },
    )


@login_required
def person(request: HttpRequest, instructor_id: int) -> HttpResponse:
    """A candidate's ledger entry and steps; the unit recommends and the committee reviews here."""
    user = signed_in(request)
    candidate = sel.instructor_or_404(user, instructor_id)
    can_recommend = candidate.status == Status.APPLIED and is_sending_unit(user, candidate)
    can_review = candidate.status == Status.RECOMMENDED and is_city_committee(user, candidate.call)
    form = DecisionForm(request.POST or None) if (can_recommend or can_review) else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        decide = instructor_recommend if can_recommend else instructor_review
        if submitted(
            request,
            form,
            lambda data: decide(by=user, instructor=candidate, **data),
            _("Decision recorded."),
        ):
            return redirect("instructors-person", instructor_id=candidate.pk)
    return render(
        request,
        "instructors/person.html",
        {
            "p": candidate,
            "steps": candidate.steps.select_related("by__staff"),
            "form": form,
            "step_name": _("sending-unit recommendation") if can_recommend else _("city committee review"),
            "review_form": UnitReviewForm()
            if is_sending_unit(user, candidate) and candidate.status == Status.APPROVED
            else None,
            "reviews": candidate.reviews.all(),
            # Leaving a post needs a post: none before a matching has placed the instructor.
            "leave_form": LeaveForm()
            if candidate.status == Status.APPROVED
            and candidate.village_id is not None
            and is_city_committee(user, candidate.call)
            else None,
        },
    )


@login_required
@require_POST
def leave(request: HttpRequest, instructor_id: int) -> HttpResponse:
    user = signed_in(request)
    candidate = sel.instructor_or_404(user, instructor_id)
    form = LeaveForm(request.POST)
    if form.is_valid():
        try:
            instructor_leave(by=user, instructor=candidate, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if candidate.call.status == CallStatus.FINISHED:
                messages.success(
                    request, _("Recorded. The village is listed on the call's page for a supplementary call.")
                )
                return redirect("instructors-call", call_id=candidate.call_id)
            messages.success(request, _("Recorded. Propose an adjustment to fill the village."))
            return redirect("instructors-matching", call_id=candidate.call_id)
    else:
        messages.error(request, _("Give a reason."))
    return redirect("instructors-person", instructor_id=candidate.pk)


@login_required
def needs(request: HttpRequest, call_id: int) -> HttpResponse:
    user = signed_in(request)
    call = sel.call_or_404(user, call_id)
    return render(request, "instructors/needs.html", {"call": call, "needs": sel.needs_for(user, call)})


@login_required
def need_edit(request: HttpRequest, need_id: int) -> HttpResponse:
    user = signed_in(request)
    need = sel.need_or_404(user, need_id)
    editable = need.call.status != CallStatus.FINISHED and (
        is_township_for(user, need.village) or is_city_committee(user, need.call)
    )
    # A profile never saved has no focus yet: its figures are blanks to fill, not zeros.
    filled = bool(need.focus)
    initial: dict[str, Any] = {
        "version": need.version,
        "focus": need.focus,
        "households": need.households if filled else None,
        "distance_km": need.distance_km if filled else None,
        "special_needs": need.special_needs,
    }
    candidates = list(
        need.call.instructors.filter(status__in=[Status.APPLIED, Status.RECOMMENDED, Status.APPROVED])
        .select_related("department")
        .order_by("name")
    )
    form = NeedForm(request.POST or None, initial=initial)
    typed = {c: str(i + 1) for i, c in enumerate(need.candidate_ranking)}
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        ranking, typed, errors = ranks_from_post(request.POST, "rank_", [(c.pk, c.name) for c in candidates])
        if form.is_valid() and not errors:
            try:
                need_update(by=user, need=need, candidate_ranking=ranking, **form.cleaned_data)
            except ValidationError as exc:
                show_errors(form, exc)
            else:
                messages.success(request, _("Needs profile saved."))
                return redirect("instructors-needs", call_id=need.call_id)
        for error in errors:
            form.add_error(None, error)
    return render(
        request,
        "instructors/need.html",
        {
            "need": need,
            "filled": filled,
            "form": form,
            "editable": editable,
            "candidates": [(c, typed.get(c.pk, "")) for c in candidates],
        },
        status=400 if form.errors else 200,
    )


@login_required
def preferences(request: HttpRequest, instructor_id: int) -> HttpResponse:
    """A candidate orders the call's villages they would most like to serve (the rest follow by fit)."""
    user = signed_in(request)
    candidate = sel.instructor_or_404(user, instructor_id)
    if candidate.user_id != user.pk:
        raise PermissionDenied
    villages = list(candidate.call.villages.select_related("parent").order_by("path"))
    typed = {v: str(i + 1) for i, v in enumerate(candidate.village_ranking)}
    errors: list[str] = []
    if request.method == "POST":
        ranking, typed, errors = ranks_from_post(request.POST, "rank_", [(v.pk, v.name) for v in villages])
        if not errors:
            try:
                instructor_rank_villages(by=user, instructor=candidate, village_ids=ranking)
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("Preferences saved."))
                return redirect("instructors-mine")
    return render(
        request,
        "instructors/preferences.html",
        {"p": candidate, "rows": [(v, typed.get(v.pk, "")) for v in villages], "errors": errors},
        status=400 if errors else 200,
    )


RUNNABLE = {
    "stable_candidate": [Method.STABLE_CANDIDATE],
    "stable_village": [Method.STABLE_VILLAGE],
    "optimal": [Method.OPTIMAL],
    "both": [Method.STABLE_CANDIDATE, Method.OPTIMAL],
}


@login_required
def matching(request: HttpRequest, call_id: int) -> HttpResponse:
    """Run the methods, compare their latest proposals side by side, propose adjustments."""
    user = signed_in(request)
    call = sel.call_or_404(user, call_id)
    proposals = sel.matchings_for(user, call)
    committee = is_city_committee(user, call)
    adjust_form = AdjustForm(request.POST if request.POST.get("action") == "adjust" else None)
    if request.method == "POST":
        if not committee:
            raise PermissionDenied
        try:
            if request.POST.get("action") == "adjust":
                if adjust_form.is_valid():
                    matching_adjust(by=user, call=call, **adjust_form.cleaned_data)
            else:
                for method in RUNNABLE.get(request.POST.get("method", ""), []):
                    matching_propose(by=user, call=call, method=method)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        if not request.htmx:  # type: ignore[attr-defined]
            return redirect("instructors-matching", call_id=call.pk)
    latest: dict[str, Any] = {}
    for m in proposals:
        latest.setdefault(m.method, m)
    stable = latest.get(Method.STABLE_CANDIDATE) or latest.get(Method.STABLE_VILLAGE)
    optimal = latest.get(Method.OPTIMAL)
    context = {
        "call": call,
        "committee": committee,
        "finished": call.status == CallStatus.FINISHED,
        "latest": [latest[m] for m in Method.values if m in latest],
        "comparison": _side_by_side(stable, optimal),
        "stable": stable,
        "optimal": optimal,
        "history": proposals[:20],
        "adjust_form": adjust_form,
    }
    template = "instructors/_matching_results.html" if request.htmx else "instructors/matching.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _side_by_side(stable: Any, optimal: Any) -> list[dict[str, Any]]:
    rows: dict[int, dict[str, Any]] = {}
    for key, m in (("stable", stable), ("optimal", optimal)):
        if m is None:
            continue
        for p in m.pairs.select_related("village", "instructor"):
            row = rows.setdefault(p.village_id, {"village": p.village})
            row[key] = p
    return sorted(rows.values(), key=lambda r: r["village"].path)


@login_required
def matching_detail(request: HttpRequest, matching_id: int) -> HttpResponse:
    user = signed_in(request)
    found = sel.matching_or_404(user, matching_id)
    call = found.call
    committee = is_city_committee(user, call)
    can_decide = committee and found.status == MatchingStatus.PROPOSED
    form = MatchingDecisionForm(request.POST or None)
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        approve = request.POST.get("approve") == "1"
        if submitted(
            request,
            form,
            lambda data: matching_decide(by=user, matching=found, approve=approve, **data),
            _("Matching approved: the instructors are told their villages.")
            if approve
            else _("Matching rejected."),
            rename={"approve": None, "status": None},
        ):
            return redirect("instructors-matching-detail", matching_id=found.pk)
    pairs = list(found.pairs.select_related("instructor__department", "village__parent"))
    villages = call.villages.count()
    return render(
        request,
        "instructors/matching_detail.html",
        {
            "m": found,
            "pairs": pairs,
            "can_decide": can_decide,
            "form": form,
            "still_open": sel.taking_applications(call),
            "unplaced": villages - len(pairs),
            "villages": villages,
            "others_waiting": sel.matchings_for(user, call)
            .filter(status=MatchingStatus.PROPOSED)
            .exclude(pk=found.pk)
            .count(),
        },
        status=400 if form.errors else 200,
    )
