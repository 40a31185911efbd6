"""Pages for daily meetings (with missing morning meetings and open tasks) and collective decisions."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import formset_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.forms import show_errors, submitted
from grassroots.core.lists import listed
from grassroots.core.requests import signed_in
from grassroots.core.scope import area_or_404, role_at_least, top_areas
from grassroots.people.models import Staff
from grassroots.places.models import Post
from grassroots.reporting.forms import set_choices

from . import services
from .forms import DecisionForm, MeetingForm, PostForm, SealForm, TaskForm
from .models import Decision, Meeting
from .selectors import (
    action_items_open,
    decision_list,
    meeting_list,
    morning_meeting_by,
    orders_to_relay,
    recording_post_default,
    recording_posts,
    stations_missing_morning,
)
from .sheet import sheet_now, sheet_rows

TaskFormSet = formset_factory(TaskForm, extra=3)

# The open tasks the meeting list shows, soonest deadline first; the task list pages through all.
TASKS_SHOWN = 10


def _chosen_post(request: HttpRequest) -> tuple[Post | None, PostForm | None]:
    """The post the user records for, and a form to choose another when their area holds several.

    ?post= names it; else it is the likeliest one (see recording_post_default), or None: the page then
    asks which, rather than file a record at a post nobody chose."""
    user = signed_in(request)
    posts = recording_posts(user=user)
    raw = request.GET.get("post", "")
    if raw:
        post = posts.filter(pk=int(raw)).first() if raw.isdigit() else None
        if post is None:
            raise Http404
    else:
        post = recording_post_default(user=user, posts=posts)
    few = list(posts[:2])
    if not few:
        raise PermissionDenied
    if len(few) == 1:
        return few[0], None
    return post, PostForm(posts=posts, chosen=post)


def _onto_rows(exc: ValidationError, key: str, rows: Mapping[Any, forms.Form], param: str) -> ValidationError:
    """Put a service's refusals of one row (listed under `key`, the row named by `param` and the box
    by `field` in their params) beside that box; return the rest, for the form above the rows."""
    if not hasattr(exc, "error_dict"):
        return exc
    rest: dict[str, list[ValidationError]] = {}
    for field, errors in exc.error_dict.items():
        for error in errors:
            params = error.params or {}
            row = rows.get(params.get(param)) if field == key else None
            if row is None:
                rest.setdefault(field, []).append(error)
            else:
                row.add_error(params["field"] if params.get("field") in row.fields else None, error)
    return ValidationError(rest)


@login_required
def meeting_list_page(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    tops = list(top_areas(user))
    area = area_or_404(user, request.GET.get("area")) or (tops[0] if tops else None)
    page = Paginator(meeting_list(user=user, area=area), 30).get_page(request.GET.get("page"))
    items = action_items_open(user=user, area=area)
    missing = (
        stations_missing_morning(user=user, area=area) if area and role_at_least(user, "community") else []
    )
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "page": page,
            "area": area,
            "missing": missing,
            "deadline": morning_meeting_by(),
            "may_record": recording_posts(user=user).exists(),
            "items": items[:TASKS_SHOWN],
            "items_count": items.count(),
            "now": timezone.now(),
        },
    )


@login_required
def action_item_list(request: HttpRequest) -> HttpResponse:
    """Every open task in the user's scope (or below ?area=), soonest deadline first."""
    user = signed_in(request)
    area = area_or_404(user, request.GET.get("area"))
    page = Paginator(action_items_open(user=user, area=area), 30).get_page(request.GET.get("page"))
    return render(
        request, "meetings/action_item_list.html", {"page": page, "area": area, "now": timezone.now()}
    )


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    post, picker = _chosen_post(request)
    if post is None:
        return render(request, "meetings/meeting_form.html", {"picker": picker})
    staff = Staff.objects.filter(area__path__startswith=post.area.path).order_by("name")
    form = MeetingForm(request.POST or None, initial={"held_at": timezone.localtime()})
    set_choices(form, "attendees", [(s.pk, s.name) for s in staff])
    # The latest orders, those a search asked for (?order_q=, the search without htmx) and those ticked.
    chosen = [int(i) for i in request.POST.getlist("orders") if i.isdigit()]
    order_q = request.GET.get("order_q", "")
    relayable, more_orders = orders_to_relay(user=user, q=order_q, chosen=chosen)
    set_choices(form, "orders", [(o.pk, o.title) for o in relayable])
    tasks = TaskFormSet(request.POST or None, prefix="task")
    for task_form in tasks:
        set_choices(task_form, "owner", [("", "—"), *[(s.pk, s.name) for s in staff]])

    def record(data: dict[str, Any]) -> Meeting:
        try:
            return services.meeting_record(
                by=user,
                post=post,
                kind=data["kind"],
                held_at=data["held_at"],
                attendee_ids=[int(i) for i in data["attendees"]],
                order_ids=[int(i) for i in data["orders"]],
                problems=form.problem_pairs(),
                # Every row, blank ones too, so the service numbers the tasks as the page shows them.
                action_items=[t.cleaned_data for t in tasks],
                notes=data["notes"],
            )
        except ValidationError as exc:
            raise _onto_rows(exc, "action_items", dict(enumerate(tasks, start=1)), "row") from None

    meeting = submitted(request, form, record, _("Meeting recorded.")) if tasks.is_valid() else None
    if meeting is not None:
        return redirect("meeting-detail", meeting_id=meeting.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "form": form,
            "tasks": tasks,
            "post": post,
            "picker": picker,
            "order_q": order_q,
            "more_orders": more_orders,
        },
    )


@login_required
def meeting_orders(request: HttpRequest) -> HttpResponse:
    """The meeting form's orders, searched by title (?order_q=); htmx swaps them into the form, with
    the orders already ticked (?orders=) still listed and ticked."""
    user = signed_in(request)
    chosen = [int(i) for i in request.GET.getlist("orders") if i.isdigit()]
    order_q = request.GET.get("order_q", "")
    relayable, more_orders = orders_to_relay(user=user, q=order_q, chosen=chosen)
    form = MeetingForm(initial={"orders": [str(pk) for pk in chosen]})
    set_choices(form, "orders", [(o.pk, o.title) for o in relayable])
    return render(
        request, "meetings/_orders.html", {"form": form, "order_q": order_q, "more_orders": more_orders}
    )


@login_required
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = meeting_list(user=signed_in(request)).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    return render(request, "meetings/meeting_detail.html", {"meeting": meeting, "now": timezone.now()})


@login_required
@require_POST
def action_item_done(request: HttpRequest, item_id: int) -> HttpResponse:
    user = signed_in(request)
    item = action_items_open(user=user).filter(pk=item_id).first()
    if item is None:
        raise Http404
    services.action_item_done(by=user, item=item, note=request.POST.get("note", ""))
    messages.success(request, _("Task done: %(title)s.") % {"title": item.title})
    # Back to the list and page the task was ticked on.
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("meeting-list")
    return redirect(back)


@login_required
def decision_list_page(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    page = Paginator(decision_list(user=user), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/decision_list.html",
        {"page": page, "may_record": recording_posts(user=user).exists()},
    )


@login_required
def decision_new(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    amends: Decision | None = None
    picker: PostForm | None = None
    if "amends" in request.GET:
        raw = request.GET["amends"]
        amends = decision_list(user=user).filter(pk=int(raw)).first() if raw.isdigit() else None
        if amends is None:
            raise Http404
        # An amendment is decided where the decision it changes was.
        post: Post | None = amends.post
    else:
        post, picker = _chosen_post(request)
    if post is None:
        return render(request, "meetings/decision_form.html", {"picker": picker})
    staff = Staff.objects.filter(area__path__startswith=post.area.path).order_by("name")
    initial = (
        {"matter": amends.matter, "members": [str(m.pk) for m in amends.members.all()]} if amends else {}
    )
    form = DecisionForm(request.POST or None, initial=initial)
    set_choices(form, "members", [(s.pk, s.name) for s in staff])
    decision = submitted(
        request,
        form,
        lambda data: services.decision_open(
            by=user,
            post=post,
            matter=data["matter"],
            member_ids=[int(i) for i in data["members"]],
            quorum=data["quorum"],
            amends=amends,
        ),
        _("Saved."),
    )
    if decision is not None:
        return redirect("decision-detail", decision_id=decision.pk)
    return render(
        request,
        "meetings/decision_form.html",
        {"form": form, "post": post, "amends": amends, "picker": picker},
    )


@login_required
def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    """The decision and its sheet. One form holds every member's row and the decision: Save records
    the rows changed, and Record and seal records them with the decision, so what is sealed is what
    the page shows. A refusal shows the page again with what was typed, beside its row or field; when
    someone else saved the sheet after the page was opened, the rows show what is recorded now, with
    this recorder's changes kept and the rows saved meanwhile marked, to be checked and saved again."""
    user = signed_in(request)
    decision = decision_list(user=user).filter(pk=decision_id).first()
    if decision is None:
        raise Http404
    members = list(decision.members.order_by("name"))
    posted = request.POST if request.method == "POST" else None
    if posted is not None and decision.sealed_at:
        messages.error(request, _("This decision is sealed; record a new decision that amends it."))
        return redirect("decision-detail", decision_id=decision.pk)
    sheet = sheet_rows(decision, members, posted)
    seal = SealForm(posted, initial={"version": decision.version})
    meanwhile: set[int] = set()
    if posted is not None and all([f.is_valid() for f in sheet.values()]) and seal.is_valid():
        entries = [{"member": m, **sheet[m.pk].cleaned_data} for m in members if sheet[m.pk].has_changed()]
        version = seal.cleaned_data["version"]
        try:
            if posted.get("do") == "seal":
                services.decision_seal(
                    by=user,
                    decision=decision,
                    text=seal.cleaned_data["decision"],
                    opinions=entries,
                    version=version,
                )
                messages.success(request, _("Decision recorded and sealed."))
                return redirect("decision-detail", decision_id=decision.pk)
            services.decision_opinions(by=user, decision=decision, opinions=entries, version=version)
        except ValidationError as exc:
            if "version" in getattr(exc, "error_dict", {}):
                decision.refresh_from_db(fields=["version"])
                now, meanwhile = sheet_now(decision, sheet, posted)
                sheet, seal = sheet_rows(decision, members, now), SealForm(now)
            show_errors(seal, _onto_rows(exc, "opinions", sheet, "member"))
        else:
            if entries:
                names = listed(e["member"].name for e in entries)
                messages.success(request, _("Recorded: %(names)s.") % {"names": names})
            else:
                messages.info(request, _("Nothing to save: no member's row was changed."))
            # Shown again rather than redirected, so a decision being written is not lost.
            decision.refresh_from_db(fields=["version"])
            sheet = sheet_rows(decision, members, None)
            seal = SealForm(initial={"decision": seal.cleaned_data["decision"], "version": decision.version})
    stored = {o.member_id: o for o in decision.opinions.all()}
    return render(
        request,
        "meetings/decision_detail.html",
        {
            "decision": decision,
            "rows": [(m, sheet[m.pk], stored.get(m.pk), m.pk in meanwhile) for m in members],
            "seal": seal,
            "tally": services.tally(decision),
        },
    )
