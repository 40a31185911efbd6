"""Ledger pages: the resident list, a building's households on a phone, a household with its visit form
and history, unmasking an ID number, the visit endpoint (edits by hand are in views_edit)."""

import json
import uuid
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.requests import signed_in
from grassroots.core.scope import area_or_404, role_at_least, scoped_areas, top_areas
from grassroots.core.services import audit_record
from grassroots.places.models import AreaKind

from .care import may_edit_care_tags
from .ledger_rules import may_edit_ledger
from .models import Channel, HouseholdStatus, LeftReason, Outcome
from .selectors import (
    building_households,
    campaign_get,
    campaign_running,
    care_tags,
    history_for,
    household_get,
    resident_get,
    resident_list,
    residents_left,
)
from .services import can_unmask, resident_unmask
from .visits import VisitConflict, visit_record


@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    area = area_or_404(user, request.GET.get("area"))
    tag = request.GET.get("tag", "")
    q = request.GET.get("q", "").strip()
    page = Paginator(resident_list(user=user, area=area, tag=tag, q=q), 50).get_page(request.GET.get("page"))
    audit_record(actor=user, action="view_residents", area=area, detail={"q": q, "tag": tag})
    context = {
        "page": page,
        "area": area,
        "tag": tag,
        "q": q,
        "tags": care_tags(),
        "tops": top_areas(user),
        "lists": [
            ("residents", _("Residents")),
            ("care", _("Care residents")),
            ("no-smartphone", _("No smartphone")),
            ("vacant", _("Long-vacant")),
        ],
        "may_unmask": can_unmask(user),
        "may_edit_tags": may_edit_care_tags(user),
        "may_import": role_at_least(user, "station"),
    }
    template = "residents/_resident_rows.html" if request.htmx else "residents/ledger.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def building(request: HttpRequest, area_id: int) -> HttpResponse:
    """A building (or unit) as a grid of households coloured by status, for door-knocking on a phone;
    any area above one lists what stands under it, so each user walks down from their own area."""
    user = signed_in(request)
    areas = scoped_areas(user)
    area = areas.filter(pk=area_id).select_related("parent").first()
    if area is None:
        raise Http404
    if area.kind not in (AreaKind.BUILDING, AreaKind.UNIT):
        return render(
            request,
            "residents/area.html",
            {
                "area": area,
                "parent": area.parent if area.parent and areas.filter(pk=area.parent.pk).exists() else None,
                "children": area.children.order_by("code", "name"),
                "may_edit": area.kind == AreaKind.COMPOUND and may_edit_ledger(user),
            },
        )
    campaign = campaign_running(user=user, area=area)
    tiles = building_households(user=user, area=area, campaign=campaign)
    units: dict[str, list[Any]] = {}
    for tile in tiles:
        units.setdefault(tile.household.area.name, []).append(tile)
    return render(
        request,
        "residents/building.html",
        {"area": area, "campaign": campaign, "units": units, "may_edit": may_edit_ledger(user)},
    )


@login_required
def household(request: HttpRequest, household_id: int) -> HttpResponse:
    user = signed_in(request)
    found = household_get(user=user, household_id=household_id)
    if found is None:
        raise Http404
    campaign = campaign_running(user=user, area=found.area)
    return render(
        request,
        "residents/household.html",
        {
            "household": found,
            "residents": found.residents.prefetch_related("care_tags"),
            "left": residents_left(household=found),
            "history": Paginator(history_for(user=user, household=found), 50).get_page(
                request.GET.get("history_page")
            ),
            "campaign": campaign,
            "channels": Channel.choices,
            "outcomes": Outcome.choices,
            "statuses": HouseholdStatus.choices,
            "left_reasons": LeftReason.choices,
            "may_edit": may_edit_ledger(user),
        },
    )


@login_required
@require_POST
def resident_unmask_page(request: HttpRequest, resident_id: int) -> HttpResponse:
    user = signed_in(request)
    found = resident_get(user=user, resident_id=resident_id)
    if found is None:
        raise Http404
    try:
        number = resident_unmask(by=user, resident=found, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        # In place of the number: the masked number stays, with why it was not shown.
        return HttpResponse(
            format_html(
                '{} <span class="errorlist" role="alert">{}</span>', found.id_masked, " ".join(exc.messages)
            ),
            status=400,
        )
    return HttpResponse(format_html('<span class="id-full">{}</span>', number))


@login_required
@require_POST
def visit_submit(request: HttpRequest) -> JsonResponse:
    """The page's visit endpoint (session auth): the same rules as POST /api/v1/visits."""
    user = signed_in(request)
    try:
        body = json.loads(request.body or b"{}")
        visit_id = uuid.UUID(str(body.get("id")))
        household_id = int(body.get("household"))
    except (ValueError, TypeError):
        return JsonResponse({"detail": _("Malformed visit.")}, status=400)
    found = household_get(user=user, household_id=household_id)
    if found is None:
        raise Http404
    campaign = None
    if body.get("campaign"):
        campaign = campaign_get(user=user, campaign_id=int(body["campaign"]))
        if campaign is None:
            raise Http404
    try:
        visit, created = visit_record(
            by=user,
            id=visit_id,
            household=found,
            campaign=campaign,
            channel=str(body.get("channel", "")),
            outcome=str(body.get("outcome", "")),
            changes=body.get("changes") or {},
            note=str(body.get("note", "")),
        )
    except VisitConflict:
        return JsonResponse(
            {"detail": _("This visit id was already used for a different visit.")}, status=409
        )
    except ValidationError as exc:
        return JsonResponse({"detail": " ".join(exc.messages)}, status=400)
    return JsonResponse({"id": str(visit.pk), "outcome": visit.outcome}, status=201 if created else 200)
