"""Pages for daily meetings (with missing morning meetings and open tasks) and collective decisions."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import formset_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.forms import submitted
from grassroots.core.models import User
from grassroots.core.requests import signed_in
from grassroots.core.scope import area_or_404, role_at_least, scoped, top_areas
from grassroots.people.models import Staff
from grassroots.places.models import Post, PostKind
from grassroots.reporting.forms import set_choices
from grassroots.reporting.selectors import order_list

from . import services
from .forms import DecisionForm, MeetingForm, TaskForm
from .models import Decision, Meeting, Vote
from .selectors import (
    action_items_open,
    decision_list,
    meeting_list,
    morning_meeting_by,
    stations_missing_morning,
)

TaskFormSet = formset_factory(TaskForm, extra=3)


def _posts(user: User) -> QuerySet[Post]:
    """The stations and centres in the user's scope: meetings and decisions are recorded for one."""
    return scoped(Post.objects.filter(kind__in=[PostKind.STATION, PostKind.CENTRE]), user).select_related(
        "area"
    )


def _my_post(request: HttpRequest) -> Post:
    """The post the user records for: the one named in ?post=, else their own station or centre."""
    user = signed_in(request)
    posts = _posts(user)
    raw = request.GET.get("post", "")
    post = posts.filter(pk=int(raw)).first() if raw.isdigit() else None
    if post is None and raw:
        raise Http404
    post = post or posts.filter(grants__user=user).first() or posts.order_by("area__depth").first()
    if post is None:
        raise PermissionDenied
    return post


@login_required
def meeting_list_page(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    tops = list(top_areas(user))
    area = area_or_404(user, request.GET.get("area")) or (tops[0] if tops else None)
    page = Paginator(meeting_list(user=user, area=area), 30).get_page(request.GET.get("page"))
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
            "may_record": _posts(user).exists(),
            "items": action_items_open(user=user, area=area)[:50],
            "now": timezone.now(),
        },
    )


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    post = _my_post(request)
    staff = Staff.objects.filter(area__path__startswith=post.area.path).order_by("name")
    form = MeetingForm(request.POST or None, initial={"held_at": timezone.localtime()})
    set_choices(form, "attendees", [(s.pk, s.name) for s in staff])
    set_choices(form, "orders", [(o.pk, o.title) for o in order_list(user=user)[:20]])
    tasks = TaskFormSet(request.POST or None, prefix="task")
    for task_form in tasks:
        set_choices(task_form, "owner", [("", "—"), *[(s.pk, s.name) for s in staff]])

    def record(data: dict[str, Any]) -> Meeting:
        return services.meeting_record(
            by=user,
            post=post,
            kind=data["kind"],
            held_at=data["held_at"],
            attendee_ids=[int(i) for i in data["attendees"]],
            order_ids=[int(i) for i in data["orders"]],
            problems=form.problem_pairs(),
            action_items=[t.cleaned_data for t in tasks if t.cleaned_data.get("title")],
            notes=data["notes"],
        )

    meeting = submitted(request, form, record, _("Meeting recorded.")) if tasks.is_valid() else None
    if meeting is not None:
        return redirect("meeting-detail", meeting_id=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "tasks": tasks, "post": post})


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
    return redirect("meeting-list")


@login_required
def decision_list_page(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    page = Paginator(decision_list(user=user), 30).get_page(request.GET.get("page"))
    return render(request, "meetings/decision_list.html", {"page": page, "may_record": _posts(user).exists()})


@login_required
def decision_new(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    post = _my_post(request)
    amends = None
    if request.GET.get("amends", "").isdigit():
        amends = decision_list(user=user).filter(pk=int(request.GET["amends"])).first()
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
    return render(request, "meetings/decision_form.html", {"form": form, "post": post, "amends": amends})


def _decision(request: HttpRequest, decision_id: int) -> Decision:
    decision = decision_list(user=signed_in(request)).filter(pk=decision_id).first()
    if decision is None:
        raise Http404
    return decision


@login_required
def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    opinions = {o.member_id: o for o in decision.opinions.all()}
    members = [(m, opinions.get(m.pk)) for m in decision.members.order_by("name")]
    return render(
        request,
        "meetings/decision_detail.html",
        {"decision": decision, "members": members, "tally": services.tally(decision), "votes": Vote.choices},
    )


@login_required
@require_POST
def decision_act(request: HttpRequest, decision_id: int) -> HttpResponse:
    user = signed_in(request)
    decision = _decision(request, decision_id)
    try:
        if request.POST.get("do") == "seal":
            services.decision_seal(by=user, decision=decision, text=request.POST.get("text", ""))
        else:
            member = decision.members.filter(pk=request.POST.get("member") or 0).first()
            if member is None:
                raise ValidationError({"member": _("Choose a member.")})
            services.decision_opinion(
                by=user,
                decision=decision,
                member=member,
                present=request.POST.get("present") == "1",
                vote=request.POST.get("vote", ""),
                view=request.POST.get("view", ""),
            )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("decision-detail", decision_id=decision.pk)
