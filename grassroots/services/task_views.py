"""Pages for the task board (phone first: open tasks near me, claim in one tap), the leaderboard and
delivery rounds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.forms import show_errors as show_on_form
from grassroots.core.scope import area_or_404, role_at_least, scoped_areas
from grassroots.places.models import Area, AreaKind

from . import selectors
from .forms import RoundForm, TaskForm, errors_beside, show_errors
from .models import StopStatus, TaskKind
from .selectors import Choices
from .task_services import (
    Conflict,
    claim_complete,
    delivery_round_create,
    delivery_round_split,
    delivery_stop_mark,
    task_claim,
    task_create,
)


@login_required
def task_board(request: HttpRequest) -> HttpResponse:
    user = request.user
    area = area_or_404(user, request.GET.get("area"))
    open_tasks = Paginator(selectors.task_list(user=user, area=area, status="open"), 30)
    return render(
        request,
        "services/tasks.html",
        {
            "tasks": open_tasks.get_page(request.GET.get("page")),
            "held": selectors.claims_held(user=user),
            "now": timezone.now(),
            "area": area,
            "can_publish": role_at_least(user, "station"),
        },
    )


@login_required
@require_POST
def task_claim_view(request: HttpRequest, task_id: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=task_id)
    error, claimed = "", False
    try:
        task_claim(by=request.user, task=task)
        claimed = True
    except Conflict as exc:
        error = exc.message
    task = selectors.task_get(user=request.user, pk=task_id)
    # Holding a place already is no failure: the card says so, once, rather than beside a refusal.
    if task.mine:  # type: ignore[attr-defined]
        error = ""
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "services/_task_claimed.html",
            {
                "t": task,
                "error": error,
                "just_claimed": claimed,
                "held": selectors.claims_held(user=request.user),
                "now": timezone.now(),
            },
        )
    if error:
        messages.error(request, error)
        return redirect("services-tasks")
    if claimed:
        messages.success(request, _("You claimed %(task)s.") % {"task": task.title})
    return redirect("services-task", task_id=task.pk)


# The fields of the task page a refusal to report it done is shown beside, keeping what was typed.
DONE_FIELDS = ("note", "photo", "round")


@login_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=task_id)
    claims = selectors.task_claims(task)
    mine = next((c for c in claims if c.user_id == request.user.pk), None)
    errors: dict[str, list[str]] = {}
    if request.method == "POST" and (mine is None or mine.completed_at is not None):
        # Nothing to report: not claimed, or a second tap on Done. The page says where things stand.
        return redirect("services-task", task_id=task.pk)
    if request.method == "POST" and mine is not None:
        try:
            done = claim_complete(
                by=request.user,
                claim=mine,
                note=request.POST.get("note", ""),
                photo=request.FILES.get("photo"),
            )
        except ValidationError as exc:
            errors = errors_beside(request, exc, DONE_FIELDS)
        else:
            if done.points < task.points:
                messages.success(
                    request, _("Recorded as done. No household got its delivery, so no points this time.")
                )
            else:
                messages.success(request, _("Well done: %(points)d points.") % {"points": done.points})
        if not errors:
            return redirect("services-task", task_id=task.pk)
    rnd = getattr(task, "delivery_round", None) if task.kind == TaskKind.DELIVERY else None
    return render(
        request,
        "services/task_detail.html",
        {
            "t": task,
            "claims": claims,
            "mine": mine,
            "round": rnd,
            "my_share": selectors.helper_progress(rnd, request.user) if rnd and mine else None,
            "can_see_round": role_at_least(request.user, "staff"),
            "values": request.POST,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


def _places(request: HttpRequest, areas: QuerySet[Area]) -> Choices[Area]:
    """The places a form offers; a wide office picks the street or community first (`?area=`)."""
    within = area_or_404(request.user, request.GET.get("area"))
    return selectors.choices_under(user=request.user, rows=areas.order_by("path"), path="path", within=within)


@login_required
def task_new(request: HttpRequest) -> HttpResponse:
    if not role_at_least(request.user, "station"):
        raise PermissionDenied
    source = request.POST.get("request") or request.GET.get("request")
    about = selectors.request_get(user=request.user, pk=int(source)) if source and source.isdigit() else None
    form = TaskForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        about=about,
        initial=(
            {
                "title": f"{about.get_category_display()}:{about.name}",
                "kind": TaskKind.REQUEST,
                "area": about.area_id,
                "details": about.details,
            }
            if about
            else {}
        ),
    )
    if form.is_valid():
        try:
            task = task_create(by=request.user, request=about, **form.cleaned_data)
        except ValidationError as exc:
            show_on_form(form, exc)
        else:
            return redirect("services-task", task_id=task.pk)
    places = _places(request, scoped_areas(request.user).exclude(kind=AreaKind.UNIT))
    return render(
        request,
        "services/task_new.html",
        {"places": places, "kinds": TaskKind.choices, "form": form, "about": about},
        status=400 if form.errors else 200,
    )


@login_required
def leaderboard(request: HttpRequest) -> HttpResponse:
    area = area_or_404(request.user, request.GET.get("area"))
    rows = selectors.leaderboard(user=request.user, area=area)
    return render(request, "services/leaderboard.html", {"rows": rows, "area": area})


@login_required
def round_index(request: HttpRequest) -> HttpResponse:
    if not role_at_least(request.user, "staff"):
        raise PermissionDenied
    can_create = role_at_least(request.user, "station")
    if request.method == "POST" and not can_create:
        raise PermissionDenied
    form = RoundForm(request.POST if request.method == "POST" else None, user=request.user)
    if form.is_valid():
        try:
            rnd = delivery_round_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            show_on_form(form, exc)
        else:
            return redirect("services-round", round_id=rnd.pk)
    places = _places(
        request, scoped_areas(request.user).filter(kind__in=(AreaKind.COMPOUND, AreaKind.BUILDING))
    )
    return render(
        request,
        "services/rounds.html",
        {
            "rounds": Paginator(selectors.round_list(user=request.user), 30).get_page(
                request.GET.get("page")
            ),
            "places": places,
            "can_create": can_create,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    rnd = selectors.round_get(user=request.user, pk=round_id)
    if request.method == "POST":
        try:
            plan = delivery_round_split(by=request.user, round=rnd)
        except ValidationError as exc:
            show_errors(request, exc)
        else:
            messages.success(request, _("Buildings shared among %(n)d helpers.") % {"n": len(plan)})
        return redirect("services-round", round_id=rnd.pk)
    only_mine = request.GET.get("mine") == "1"
    stops = selectors.round_stops(rnd, helper=request.user if only_mine else None)  # type: ignore[arg-type]
    return render(
        request,
        "services/round_detail.html",
        {
            "round": rnd,
            "progress": selectors.round_progress(rnd),
            "stops": stops,
            "only_mine": only_mine,
            "can_split": role_at_least(request.user, "station"),
            # Staff mark any household; a helper only their own, as delivery_stop_mark allows.
            "can_mark_all": role_at_least(request.user, "staff"),
            "StopStatus": StopStatus,
        },
    )


@login_required
@require_POST
def stop_mark(request: HttpRequest, stop_id: int) -> HttpResponse:
    stop = selectors.stop_get(user=request.user, pk=stop_id)
    try:
        stop = delivery_stop_mark(
            by=request.user,
            stop=stop,
            delivered=request.POST.get("delivered") == "1",
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        if request.htmx:  # type: ignore[attr-defined]
            return render(
                request,
                "services/_stop.html",
                {
                    "s": stop,
                    "error": exc.messages[0],
                    "reason": request.POST.get("reason", ""),
                    "can_mark_all": role_at_least(request.user, "staff"),
                },
                status=400,
            )
        show_errors(request, exc)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "services/_stop.html", {"s": stop})
    return redirect("services-round", round_id=stop.round_id)
