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
from grassroots.core.requests import signed_in

from . import selectors as sel
from .forms import AdjustForm, ApplyForm, DecisionForm, LeaveForm, NeedForm, UnitReviewForm
from .models import MatchingStatus, Method, Status
from .roles import holds_any_role, is_city_committee, is_sending_unit, is_township_for
from .services import (
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
    return render(
        request,
        "instructors/home.html",
        {
            "calls": sel.calls_for(user),
            "open": sel.open_calls().exclude(pk__in=sel.calls_for(user).values("pk")),
            "mine": sel.my_applications(user),
            "serving": sel.my_instructor(user),
            "has_role": holds_any_role(user),
        },
    )


@login_required
def call_detail(request: HttpRequest, call_id: int) -> HttpResponse:
    user = signed_in(request)
    call = sel.call_or_404(user, call_id)
    counts = {s: 0 for s in Status.values}
    for row in sel.instructors_for(user, call).values_list("status", flat=True):
        counts[row] += 1
    return render(
        request,
        "instructors/call.html",
        {
            "call": call,
            "rules": call.rules.all(),
            "counts": [(Status(s).label, n) for s, n in counts.items()],
            "committee": is_city_committee(user, call),
            "applied": sel.my_applications(user).filter(call=call).first(),
        },
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
                messages.error(request, candidate.steps.last().reason)  # type: ignore[union-attr]
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
            "steps": candidate.steps.select_related("by"),
            "form": form,
            "step_name": _("sending-unit recommendation") if can_recommend else _("city committee review"),
            "review_form": UnitReviewForm()
            if is_sending_unit(user, candidate) and candidate.status == Status.APPROVED
            else None,
            "reviews": candidate.reviews.all(),
            "leave_form": LeaveForm()
            if candidate.status == Status.APPROVED and is_city_committee(user, candidate.call)
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
    editable = is_township_for(user, need.village) or is_city_committee(user, need.call)
    initial: dict[str, Any] = {
        "version": need.version,
        "focus": need.focus,
        "households": need.households,
        "distance_km": need.distance_km,
        "special_needs": need.special_needs,
    }
    form = NeedForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if submitted(
            request,
            form,
            lambda data: need_update(
                by=user, need=need, candidate_ranking=_ranked(request.POST, "rank_"), **data
            ),
            _("Needs profile saved."),
        ):
            return redirect("instructors-needs", call_id=need.call_id)
    order = {c: i + 1 for i, c in enumerate(need.candidate_ranking)}
    candidates = need.call.instructors.filter(
        status__in=[Status.APPLIED, Status.RECOMMENDED, Status.APPROVED]
    )
    return render(
        request,
        "instructors/need.html",
        {
            "need": need,
            "form": form,
            "editable": editable,
            "candidates": [
                (c, order.get(c.pk, "")) for c in candidates.select_related("department").order_by("name")
            ],
        },
    )


def _ranked(post: Any, prefix: str) -> list[int]:
    """Ids in the order of the positive numbers typed beside them (`<prefix><id>` = rank)."""
    picked = []
    for key, value in post.items():
        if key.startswith(prefix) and key[len(prefix) :].isdigit() and str(value).strip().isdigit():
            rank = int(value)
            if rank > 0:
                picked.append((rank, int(key[len(prefix) :])))
    return [pk for _rank, pk in sorted(picked)]


@login_required
def preferences(request: HttpRequest, instructor_id: int) -> HttpResponse:
    """A candidate orders the call's villages they would most like to serve (the rest follow by fit)."""
    user = signed_in(request)
    candidate = sel.instructor_or_404(user, instructor_id)
    if candidate.user_id != user.pk:
        raise PermissionDenied
    if request.method == "POST":
        try:
            instructor_rank_villages(
                by=user, instructor=candidate, village_ids=_ranked(request.POST, "rank_")
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Preferences saved."))
            return redirect("instructors-mine")
    order = {v: i + 1 for i, v in enumerate(candidate.village_ranking)}
    villages = candidate.call.villages.select_related("parent").order_by("path")
    return render(
        request,
        "instructors/preferences.html",
        {"p": candidate, "rows": [(v, order.get(v.pk, "")) for v in villages]},
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
    committee = is_city_committee(user, found.call)
    if request.method == "POST":
        if not committee:
            raise PermissionDenied
        try:
            matching_decide(
                by=user,
                matching=found,
                approve=request.POST.get("approve") == "1",
                reason=request.POST.get("reason", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Decision recorded."))
        return redirect("instructors-matching-detail", matching_id=found.pk)
    return render(
        request,
        "instructors/matching_detail.html",
        {
            "m": found,
            "pairs": found.pairs.select_related("instructor__department", "village__parent"),
            "can_decide": committee and found.status == MatchingStatus.PROPOSED,
        },
    )
