"""One-to-one care and campaign progress pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.models import User
from grassroots.core.scope import area_or_404, in_scope, role_at_least, scoped, top_areas
from grassroots.people.models import Staff

from .care import care_contact_record, care_gaps, care_suggest, care_suggest_apply, overdue_contacts
from .models import CarePair, Channel
from .selectors import campaign_get, campaign_list, progress_rows


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
def care(request: HttpRequest) -> HttpResponse:
    """Care residents without a helper (with a suggested helper each), and overdue contacts."""
    user = _user(request)
    area = area_or_404(user, request.GET.get("area"))
    helper = Staff.objects.filter(user=user).first()
    return render(
        request,
        "residents/care.html",
        {
            "area": area,
            "gaps": care_gaps(user=user, area=area)[:200],
            "suggestions": care_suggest(user=user, area=area)[:200] if role_at_least(user, "station") else [],
            "overdue": overdue_contacts(user=user, area=area)[:200] if role_at_least(user, "station") else [],
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
    user = _user(request)
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
    user = _user(request)
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
    user = _user(request)
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
        {"campaign": found, "area": parent, "total": rows[-1], "rows": rows[:-1]},
    )


@login_required
def campaigns(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(request, "residents/campaigns.html", {"campaigns": campaign_list(user=user)[:100]})
