from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.forms import errors_said, submitted
from grassroots.core.models import User
from grassroots.core.requests import signed_in
from grassroots.core.scope import area_or_404, in_scope, role_at_least, scoped_areas
from grassroots.core.services import audit_record

from . import selectors, services
from .exports import scores_xlsx
from .forms import (
    ASSESSED_KINDS,
    AccountabilityForm,
    DecisionForm,
    NominationForm,
    OutcomeForm,
    PeriodForm,
    PoolForm,
    RaterForm,
    RatingForm,
    ReplyForm,
    SchemeForm,
)
from .indicators import RATER_INDICATORS, REGISTRY
from .models import (
    MEASURED_TOO_LITTLE,
    AccountabilityStatus,
    AssessmentPeriod,
    NominationStatus,
    Rating,
    Scheme,
    Score,
)

# How many people the rater page lists at once; narrower areas or a name find the rest.
RATER_PAGE = 100

# Rows a list page shows at once; the pager reaches the rest.
PAGE_ROWS = 100

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _say(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _period(user: User, period_id: int) -> AssessmentPeriod:
    period = selectors.periods(user=user).filter(pk=period_id).first()
    if period is None:
        raise Http404
    return period


@login_required
def periods(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    return render(
        request,
        "evaluation/periods.html",
        {
            "periods": selectors.periods(user=user),
            "mine": selectors.ranking_of(user=user),
            "is_hq": role_at_least(user, "district_hq"),
        },
    )


def _assessed_areas(user: User):  # type: ignore[no-untyped-def]
    return scoped_areas(user).filter(kind__in=ASSESSED_KINDS).order_by("path")


def _hq(user: User) -> None:
    if not role_at_least(user, "district_hq"):
        raise PermissionDenied


@login_required
def schemes(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    return render(
        request,
        "evaluation/schemes.html",
        {"schemes": selectors.schemes(user=user), "is_hq": role_at_least(user, "district_hq")},
    )


@login_required
def scheme_edit(request: HttpRequest, scheme_id: int | None = None) -> HttpResponse:
    """Create a scheme, or reweigh one (district HQ, within its scope)."""
    user = signed_in(request)
    _hq(user)
    scheme = None
    if scheme_id is not None:
        scheme = selectors.schemes(user=user).filter(pk=scheme_id).first()
        if scheme is None:
            raise Http404
    areas = _assessed_areas(user)
    form = SchemeForm(request.POST or None, areas=areas, scheme=scheme)

    def save(data: dict[str, Any]) -> Scheme:
        if scheme is None:
            return services.scheme_create(by=user, area=data["area"], name=data["name"], lines=data["lines"])
        return services.scheme_update(by=user, scheme=scheme, name=data["name"], lines=data["lines"])

    done = (
        _("Scheme saved.")
        if scheme is None
        else _("Scheme saved; open periods use it at their next computation.")
    )
    if submitted(request, form, save, done):
        return redirect("evaluation-schemes")
    return render(
        request,
        "evaluation/scheme_form.html",
        {
            "form": form,
            "scheme": scheme,
            "periods": scheme.periods.order_by("-starts_on") if scheme else [],
        },
    )


@login_required
def period_new(request: HttpRequest) -> HttpResponse:
    """Open an assessment period over an area, scored by a scheme kept for that area or above."""
    user = signed_in(request)
    _hq(user)
    form = PeriodForm(request.POST or None, areas=_assessed_areas(user), schemes=selectors.schemes(user=user))
    p = submitted(
        request,
        form,
        lambda data: services.period_open(
            by=user,
            name=data["name"],
            kind=data["kind"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"] or services.period_end(data["kind"], data["starts_on"]),
            area=data["area"],
            scheme=data["scheme"],
        ),
        _("Period opened; compute it to see the ranking."),
    )
    if p is not None:
        return redirect("evaluation-period", period_id=p.pk)
    return render(request, "evaluation/period_form.html", {"form": form})


@login_required
def period_rate(request: HttpRequest, period_id: int) -> HttpResponse:
    """Raters enter conduct, the commander's and the community's marks for the people they may rate."""
    user = signed_in(request)
    p = _period(user, period_id)
    codes = selectors.rater_codes(user=user)
    if not codes:
        raise PermissionDenied
    area = area_or_404(user, request.GET.get("area"))
    q = request.GET.get("q", "")
    people = selectors.rateable_people(user=user, period=p, area=area, q=q)
    failed: tuple[int, RaterForm] | None = None
    if request.method == "POST":
        form = RaterForm(request.POST, codes=codes)

        def rate(data: dict[str, Any]) -> Rating:
            person = people.filter(pk=data["person"]).first()
            if person is None:
                raise Http404
            return services.rating_record(
                by=user, period=p, person=person, code=data["code"], value=data["value"], note=data["note"]
            )

        if submitted(
            request,
            form,
            rate,
            lambda rating: (
                _("Mark saved for %(name)s; recompute the period to see it in the score.")
                % {"name": rating.person.name}
            ),
        ):
            return redirect(request.get_full_path())
        if str(form.data.get("person", "")).isdigit():
            failed = (int(form.data["person"]), form)
    mine = selectors.ratings_by(user=user, period=p)
    rows = [
        (
            person,
            [(RATER_INDICATORS[c], mine[(person.pk, c)]) for c in RATER_INDICATORS if (person.pk, c) in mine],
            failed[1]
            if failed and failed[0] == person.pk
            else RaterForm(initial={"person": person.pk}, codes=codes),
        )
        for person in people[:RATER_PAGE]
    ]
    return render(
        request,
        "evaluation/rate.html",
        {
            "period": p,
            "area": area,
            "q": q,
            "rows": rows,
            "count": people.count(),
            "limit": RATER_PAGE,
            "children": selectors.child_areas(user=user, period=p, area=area),
        },
    )


@login_required
def period(request: HttpRequest, period_id: int) -> HttpResponse:
    user = signed_in(request)
    p = _period(user, period_id)
    area = area_or_404(user, request.GET.get("area"))
    stations = request.GET.get("subject") == "station"
    scores = selectors.ranking(user=user, period=p, area=area, stations=stations)
    page = Paginator(scores, PAGE_ROWS).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/period.html",
        {
            "period": p,
            "area": area,
            "stations": stations,
            "page": page,
            "count": page.paginator.count,
            "too_little": scores.filter(MEASURED_TOO_LITTLE).count(),
            "children": selectors.child_areas(user=user, period=p, area=area),
            "is_hq": role_at_least(user, "district_hq") and in_scope(user, p.area),
            "can_rate": bool(selectors.rater_codes(user=user)) and not p.is_closed,
            "can_export": selectors.may_export(user=user),
        },
    )


@login_required
@require_POST
def period_compute(request: HttpRequest, period_id: int) -> HttpResponse:
    return _period_action(request, period_id, "compute")


@login_required
@require_POST
def period_close(request: HttpRequest, period_id: int) -> HttpResponse:
    return _period_action(request, period_id, "close")


def _period_action(request: HttpRequest, period_id: int, action: str) -> HttpResponse:
    user = signed_in(request)
    p = _period(user, period_id)
    try:
        if action == "compute":
            services.period_compute(by=user, period=p)
            messages.success(request, _("Scores computed."))
        elif request.POST.get("confirm") != "yes":
            # Closing cannot be undone: only the confirming button behind "Close the period…" does it.
            messages.error(request, _("The period is still open: confirm closing it to freeze the scores."))
        else:
            services.period_close(by=user, period=p)
            messages.success(request, _("The period is closed; its scores are frozen."))
    except ValidationError as exc:
        _say(request, exc)
    return redirect("evaluation-period", period_id=p.pk)


@login_required
def period_export(request: HttpRequest, period_id: int) -> HttpResponse:
    user = signed_in(request)
    p = _period(user, period_id)
    if not selectors.may_export(user=user):
        raise PermissionDenied
    area = area_or_404(user, request.GET.get("area"))
    people = selectors.ranking(user=user, period=p, area=area)
    stations = selectors.ranking(user=user, period=p, area=area, stations=True)
    audit_record(
        actor=user,
        action="evaluation_export",
        obj=p,
        area=area or p.area,
        detail={"people": people.count(), "stations": stations.count()},
    )
    body = scores_xlsx(user=user, period=p, people=people, stations=stations)
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="scores-{p.pk}-{area.pk if area else "all"}.xlsx"'
    )
    return response


@login_required
def score(request: HttpRequest, score_id: int) -> HttpResponse:
    user = signed_in(request)
    s = selectors.score_get(user=user, score_id=score_id)
    if s is None:
        raise Http404
    return _score_page(request, user, s)


def _score_page(request: HttpRequest, user: User, s: Score, failed: forms.Form | None = None) -> HttpResponse:
    """The score with the forms its reader may use; `failed` is a refused form, shown as it was sent
    with its errors beside its fields."""
    lines = [(code, REGISTRY[code], line) for code, line in s.indicators.items() if code in REGISTRY]
    superior = role_at_least(user, "station") and in_scope(user, s.area) and s.person is not None
    own = s.person is not None and s.person.user_id == user.pk
    offered = {
        "rating_form": RatingForm if superior and not own and not s.period.is_closed else None,
        "nomination_form": NominationForm if superior and not own else None,
        "accountability_form": AccountabilityForm
        if superior and not own and role_at_least(user, "community")
        else None,
    }
    context: dict[str, Any] = {
        name: failed if type(failed) is cls else cls() for name, cls in offered.items() if cls is not None
    }
    return render(request, "evaluation/score.html", {"score": s, "lines": lines, **context})


@login_required
def score_records(request: HttpRequest, score_id: int, indicator: str) -> HttpResponse:
    user = signed_in(request)
    s = selectors.score_get(user=user, score_id=score_id)
    if s is None:
        raise Http404
    ind, rows, judged_now = selectors.score_records(s, indicator)
    if ind is None:
        raise Http404
    return render(
        request,
        "evaluation/records.html",
        {
            "score": s,
            "indicator": ind,
            "line": s.indicators[indicator],
            "rows": Paginator(rows, 100).get_page(request.GET.get("page")),
            "against": sum(1 for r in rows if r.against),
            "judged_now": judged_now,
        },
    )


@login_required
@require_POST
def score_rate(request: HttpRequest, score_id: int) -> HttpResponse:
    return _score_act(request, score_id, "rate")


@login_required
@require_POST
def score_nominate(request: HttpRequest, score_id: int) -> HttpResponse:
    return _score_act(request, score_id, "nominate")


@login_required
@require_POST
def score_account(request: HttpRequest, score_id: int) -> HttpResponse:
    return _score_act(request, score_id, "account")


def _score_act(request: HttpRequest, score_id: int, action: str) -> HttpResponse:
    """Rate, nominate or open accountability for the person behind a score. A refusal shows the
    score page again with what was typed and the error beside its field."""
    user = signed_in(request)
    s = selectors.score_get(user=user, score_id=score_id)
    if s is None or s.person is None:
        raise Http404
    person = s.person
    if action == "rate":
        form: forms.Form = RatingForm(request.POST)
        if submitted(
            request,
            form,
            lambda d: services.rating_record(by=user, period=s.period, person=person, **d),
            _("Rating saved; recompute the period to see it in the score."),
        ):
            return redirect("evaluation-score", score_id=s.pk)
    elif action == "nominate":
        form = NominationForm(request.POST)
        if submitted(
            request,
            form,
            lambda d: services.nomination_create(by=user, period=s.period, person=person, **d),
            _("Nomination sent for approval."),
        ):
            return redirect("evaluation-score", score_id=s.pk)
    else:
        form = AccountabilityForm(request.POST)
        record = submitted(
            request,
            form,
            lambda d: services.accountability_open(by=user, person=person, period=s.period, **d),
            _("Accountability opened."),
        )
        if record is not None:
            return redirect("evaluation-accountability", accountability_id=record.pk)
    return _score_page(request, user, s, failed=form)


@login_required
def commendation(request: HttpRequest) -> HttpResponse:
    """Nominations, or with ?show=honours the honours recorded: one list at a time, so each has the
    page's pager to itself."""
    user = signed_in(request)
    honours = request.GET.get("show") == "honours"
    rows = selectors.honours(user=user) if honours else selectors.nominations(user=user)
    return render(
        request,
        "evaluation/commendation.html",
        {
            "honours": honours,
            "page": Paginator(rows, PAGE_ROWS).get_page(request.GET.get("page")),
            "form": DecisionForm(),
            "can_decide": role_at_least(user, "street"),
            "proposed": NominationStatus.PROPOSED,
        },
    )


@login_required
@require_POST
def nomination_decide(request: HttpRequest, nomination_id: int) -> HttpResponse:
    user = signed_in(request)
    nomination = selectors.nominations(user=user).filter(pk=nomination_id).first()
    if nomination is None:
        raise Http404
    _decide_from_list(
        request,
        lambda d: services.nomination_decide(
            by=user, nomination=nomination, approve=d["approve"], reason=d["reason"]
        ),
    )
    # Back to the page of the list the form was on (its query string came with the form's action).
    query = request.GET.urlencode()
    return redirect(reverse("evaluation-commendation") + (f"?{query}" if query else ""))


@login_required
def accountabilities(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    page = Paginator(selectors.accountabilities(user=user), PAGE_ROWS).get_page(request.GET.get("page"))
    return render(request, "evaluation/accountabilities.html", {"page": page})


@login_required
def accountability(request: HttpRequest, accountability_id: int) -> HttpResponse:
    user = signed_in(request)
    record = selectors.accountabilities(user=user).filter(pk=accountability_id).first()
    if record is None:
        raise Http404
    own = record.person.user_id == user.pk
    action = request.POST.get("action")
    decide_form = DecisionForm(request.POST if action == "decide" else None)
    if action == "decide":
        decided = submitted(
            request,
            decide_form,
            lambda d: services.accountability_decide(
                by=user, record=record, confirm=d["approve"], reason=d["reason"]
            ),
            _("Saved."),
            rename={"decision_reason": "reason"},
        )
        if decided is not None:
            return redirect("evaluation-accountability", accountability_id=record.pk)
    elif request.method == "POST":
        try:
            if action == "reply":
                services.accountability_reply(by=user, record=record, reply=request.POST.get("reply", ""))
            elif action == "outcome":
                services.accountability_set_outcome(
                    by=user, record=record, outcome=request.POST.get("outcome", "")
                )
            else:
                raise Http404
        except ValidationError as exc:
            _say(request, exc)
        return redirect("evaluation-accountability", accountability_id=record.pk)
    superior = not own and role_at_least(user, "community")
    return render(
        request,
        "evaluation/accountability.html",
        {
            "record": record,
            "own": own,
            "decide_form": decide_form
            if superior and (record.status == AccountabilityStatus.OPEN or decide_form.errors)
            else None,
            "reply_form": ReplyForm(initial={"reply": record.reply}) if own else None,
            "outcome_form": OutcomeForm()
            if not own and role_at_least(user, "street") and record.status == AccountabilityStatus.CONFIRMED
            else None,
        },
    )


@login_required
def selection(request: HttpRequest, period_id: int) -> HttpResponse:
    user = signed_in(request)
    p = _period(user, period_id)
    area = area_or_404(user, request.GET.get("area"))
    pool_form = PoolForm(request.POST or None) if role_at_least(user, "street") else None
    if request.method == "POST":
        if pool_form is None:
            raise PermissionDenied
        # An empty pool is a list too: only None says nothing was drawn.
        drawn = submitted(
            request,
            pool_form,
            lambda data: services.selection_pool_build(by=user, period=p, area=area or p.area, **data),
            _("Saved."),
        )
        if drawn is not None:
            return redirect(request.get_full_path())
    return render(
        request,
        "evaluation/selection.html",
        {
            "period": p,
            "area": area,
            "candidates": selectors.candidates(user=user, period=p),
            "pool_form": pool_form,
            "decision_form": DecisionForm() if role_at_least(user, "street") else None,
        },
    )


@login_required
@require_POST
def candidate_decide(request: HttpRequest, candidate_id: int) -> HttpResponse:
    user = signed_in(request)
    candidate = selectors.candidate_get(user=user, candidate_id=candidate_id)
    if candidate is None:
        raise Http404
    _decide_from_list(
        request,
        lambda d: services.selection_decide(
            by=user, candidate=candidate, recommend=d["approve"], reason=d["reason"]
        ),
    )
    return redirect("evaluation-selection", period_id=candidate.period_id)


def _decide_from_list(request: HttpRequest, write: Callable[[dict[str, Any]], object]) -> None:
    """A DecisionForm posted from a list of them: there is no one place beside its fields, so what is
    wrong, or that it is done, is said above the list."""
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the form: %(errors)s") % {"errors": errors_said(form)})
        return
    try:
        write(form.cleaned_data)
    except ValidationError as exc:
        _say(request, exc)
    else:
        messages.success(request, _("Saved."))
