"""One-to-one care, door-knocking campaigns (list, start, change, close, progress) and the care dictionary."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from grassroots.core.forms import submitted
from grassroots.core.models import User
from grassroots.core.requests import signed_in
from grassroots.core.scope import area_or_404, in_scope, role_at_least, scoped, scoped_areas, top_areas
from grassroots.people.models import Staff
from grassroots.places.models import AreaKind

from .care import (
    care_contact_record,
    care_gaps,
    care_suggest,
    care_suggest_apply,
    care_tag_create,
    care_tag_update,
    may_edit_care_tags,
    overdue_contacts,
)
from .forms import CampaignEditForm, CampaignForm, CareTagForm, set_choices
from .models import Campaign, CarePair, CareTag, Channel
from .selectors import campaign_get, campaign_list, care_tags, progress_rows
from .visits import campaign_close, campaign_create, campaign_update, may_run_campaigns

CARE_PAGE = 50  # rows of each of the care page's lists at a time
CAMPAIGN_AREA_KINDS = (AreaKind.DISTRICT, AreaKind.STREET, AreaKind.COMMUNITY, AreaKind.COMPOUND)


@login_required
def care(request: HttpRequest) -> HttpResponse:
    """Care residents without a helper (with a suggested helper each), and overdue contacts."""
    user = signed_in(request)
    area = area_or_404(user, request.GET.get("area"))
    helper = Staff.objects.filter(user=user).first()
    station = role_at_least(user, "station")

    def paged(rows: Any, param: str) -> Page[Any]:
        return Paginator(rows, CARE_PAGE).get_page(request.GET.get(param))

    return render(
        request,
        "residents/care.html",
        {
            "area": area,
            "gaps": paged(care_gaps(user=user, area=area), "gaps_page"),
            "suggestions": paged(care_suggest(user=user, area=area) if station else [], "suggestions_page"),
            "overdue": paged(overdue_contacts(user=user, area=area) if station else [], "overdue_page"),
            "mine": overdue_contacts(user=user, helper=helper) if helper else [],
            "my_pairs": CarePair.objects.filter(helper=helper, ended_at__isnull=True).select_related(
                "resident__household__area"
            )
            if helper
            else [],
            "channels": Channel.choices,
        },
    )


@login_required
@require_POST
def care_apply(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not role_at_least(user, "station"):
        raise PermissionDenied
    area = area_or_404(user, request.POST.get("area"))
    made = care_suggest_apply(by=user, area=area)
    messages.success(request, _("%(n)s helpers assigned.") % {"n": len(made)})
    target = reverse("ledger-care")
    return redirect(f"{target}?area={area.pk}" if area else target)


@login_required
@require_POST
def care_contact(request: HttpRequest, pair_id: int) -> HttpResponse:
    user = signed_in(request)
    pair = (
        scoped(
            CarePair.objects.select_related("resident__household__area"),
            user,
            "resident__household__area__path",
        )
        .filter(pk=pair_id)
        .first()
    )
    if pair is None:
        raise Http404
    try:
        care_contact_record(
            by=user, pair=pair, channel=request.POST.get("channel", ""), note=request.POST.get("note", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Contact recorded."))
    return redirect("ledger-care")


@login_required
def campaign(request: HttpRequest, campaign_id: int) -> HttpResponse:
    user = signed_in(request)
    found = campaign_get(user=user, campaign_id=campaign_id)
    if found is None:
        raise Http404
    parent = area_or_404(user, request.GET.get("area"))
    if parent is None:
        parent = found.area if in_scope(user, found.area) else None
        if parent is None:
            parent = next((a for a in top_areas(user) if a.path.startswith(found.area.path)), None)
    if parent is None or not parent.path.startswith(found.area.path):
        raise Http404
    rows = progress_rows(campaign=found, parent=parent, children=parent.children.all())
    return render(
        request,
        "residents/campaign.html",
        {
            "campaign": found,
            "area": parent,
            "total": rows[-1],
            "rows": rows[:-1],
            "may_change": may_run_campaigns(user, found.area),
        },
    )


def _state(found: Campaign, today: datetime.date) -> tuple[str, str]:
    """(status class, word) for a campaign's dates."""
    if found.ends_on < today:
        return "done", pgettext("campaign", "ended")
    if found.starts_on > today:
        return "planned", pgettext("campaign", "planned")
    return "due", pgettext("campaign", "running")


@login_required
def campaigns(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    today = timezone.localdate()
    page = Paginator(campaign_list(user=user), 30).get_page(request.GET.get("page"))
    rows = [(c, *_state(c, today), may_run_campaigns(user, c.area)) for c in page]
    return render(
        request,
        "residents/campaigns.html",
        {"rows": rows, "page": page, "may_create": may_run_campaigns(user)},
    )


def _campaign_areas(user: User) -> list[tuple[int, str]]:
    # Every area the user may run a campaign in: a district has a few hundred compounds, which one
    # select holds (on a phone, its native picker scrolls them).
    areas = scoped_areas(user).filter(kind__in=CAMPAIGN_AREA_KINDS).order_by("path")
    return [(a.pk, f"{a.name} · {a.get_kind_display()}") for a in areas]


@login_required
def campaign_new(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not may_run_campaigns(user):
        raise PermissionDenied
    today = timezone.localdate()
    form = CampaignForm(request.POST or None, initial={"starts_on": today})
    set_choices(form, "area", _campaign_areas(user))

    def create(data: dict[str, Any]) -> Campaign:
        area = scoped_areas(user).get(pk=data.pop("area"))
        return campaign_create(by=user, area=area, **data)

    created = submitted(
        request, form, create, lambda made: _("Campaign %(name)s started.") % {"name": made.name}
    )
    if created is not None:
        return redirect("ledger-campaign", campaign_id=created.pk)
    return render(
        request,
        "residents/campaign_form.html",
        {"form": form, "title": _("New door-knocking campaign")},
        status=400 if form.errors else 200,
    )


@login_required
def campaign_edit(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """Rename a campaign, move its dates, or close it today."""
    user = signed_in(request)
    found = campaign_get(user=user, campaign_id=campaign_id)
    if found is None:
        raise Http404
    if not may_run_campaigns(user, found.area):
        raise PermissionDenied
    if request.method == "POST" and "close" in request.POST:
        try:
            campaign_close(by=user, campaign=found)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("ledger-campaign-edit", campaign_id=found.pk)
        messages.success(request, _("The campaign ends today."))
        return redirect("ledger-campaigns")
    initial = {"name": found.name, "starts_on": found.starts_on, "ends_on": found.ends_on}
    form = CampaignEditForm(request.POST or None, initial=initial)
    if submitted(request, form, lambda data: campaign_update(by=user, campaign=found, **data), _("Saved.")):
        return redirect("ledger-campaigns")
    return render(
        request,
        "residents/campaign_form.html",
        {"form": form, "campaign": found, "title": _("Change the campaign")},
        status=400 if form.errors else 200,
    )


@login_required
def care_tags_page(request: HttpRequest) -> HttpResponse:
    """The care dictionary: each tag and how often its residents must be contacted; add or change one."""
    user = signed_in(request)
    if not may_edit_care_tags(user):
        raise PermissionDenied
    form = CareTagForm(request.POST or None)
    editing = None
    if request.method == "POST":
        tag_id = request.POST.get("tag", "")
        editing = get_object_or_404(CareTag, pk=int(tag_id)) if tag_id.isdigit() else None
        write = (
            (lambda data: care_tag_create(by=user, **data))
            if editing is None
            else (lambda data: care_tag_update(by=user, tag=editing, **data))
        )
        if submitted(request, form, write, _("Saved.")):
            return redirect("ledger-care-tags")
    return render(
        request,
        "residents/care_tags.html",
        {"tags": care_tags(), "form": form, "editing": editing},
        status=400 if form.errors else 200,
    )
