from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.models import User
from grassroots.core.scope import area_or_404, in_scope, role_at_least, scoped, scoped_areas
from grassroots.places.models import AreaKind
from grassroots.places.selectors import ancestors
from grassroots.services.models import Request as ServiceRequest

from . import selectors, services
from .forms import ActivityForm, CardForm, SquadCaseForm
from .models import ActivityKind, SquadCase
from .qr import qr_svg


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def stats(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    area = area_or_404(user, request.GET.get("area"))
    figures = selectors.party_stats(user=user, area=area)
    trail = [a for a in ancestors(area) if in_scope(user, a)] if area else []
    return render(request, "party/stats.html", {"stats": figures, "area": area, "trail": trail})


@login_required
def organisations(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    area = area_or_404(user, request.GET.get("area"))
    orgs = selectors.organisation_list(user=user, area=area)
    return render(request, "party/organisations.html", {"organisations": orgs[:300], "area": area})


@login_required
def organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = _user(request)
    org = selectors.organisation_get(user=user, organisation_id=organisation_id)
    if org is None:
        raise Http404
    members = list(selectors.organisation_members(org))
    form = ActivityForm(attendees=[(m.pk, m.name) for m in members])
    counts = selectors.activity_counts(org)
    return render(
        request,
        "party/organisation.html",
        {
            "org": org,
            "members": members,
            "teams": org.teams.select_related("leader").prefetch_related("members"),
            "activities": selectors.organisation_activities(org)[:50],
            "counts": [(label, counts.get(value, 0)) for value, label in ActivityKind.choices],
            "form": form,
            "can_record": role_at_least(user, "station"),
        },
    )


@login_required
@require_POST
def activity_record(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = _user(request)
    org = selectors.organisation_get(user=user, organisation_id=organisation_id)
    if org is None:
        raise Http404
    members = {m.pk: m for m in org.members.select_related("staff", "resident")}
    form = ActivityForm(request.POST, attendees=[(pk, m.name) for pk, m in members.items()])
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, str(e))
    else:
        data = form.cleaned_data
        try:
            services.activity_record(
                by=user,
                organisation=org,
                kind=data["kind"],
                title=data["title"],
                held_on=data["held_on"],
                attendees=[members[int(pk)] for pk in data["attendees"]],
                notes=data["notes"],
            )
            messages.success(request, _("Activity recorded."))
        except ValidationError as exc:
            _errors(request, exc)
    return redirect("party-organisation", organisation_id=org.pk)


@login_required
def poster(request: HttpRequest, area_id: int) -> HttpResponse:
    """A building's printable poster: a QR code that opens the building's public card page."""
    user = _user(request)
    building = scoped_areas(user).filter(pk=area_id, kind=AreaKind.BUILDING).select_related("parent").first()
    if building is None or not role_at_least(user, "station"):
        raise Http404
    url = request.build_absolute_uri(
        reverse("party-building-public", args=[selectors.poster_token(building)])
    )
    return render(
        request,
        "party/poster.html",
        {"building": building, "url": url, "qr": qr_svg(url), "members": selectors.building_cards(building)},
    )


@login_required
def my_card(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    memberships = list(selectors.my_memberships(user=user))
    if request.method == "POST":
        member = next((m for m in memberships if str(m.pk) == request.POST.get("member")), None)
        form = CardForm(request.POST)
        if member is None:
            raise Http404
        if form.is_valid():
            services.card_update(by=user, member=member, **form.cleaned_data)
            messages.success(request, _("Your card is saved."))
            return redirect("party-my-card")
    cards = [
        (
            m,
            CardForm(
                initial={
                    "pledge": m.pledge,
                    "shows_phone": m.shows_phone,
                    "shows_department": m.shows_department,
                    "on_duty": m.on_duty,
                }
            ),
        )
        for m in memberships
    ]
    return render(request, "party/my_card.html", {"cards": cards})


@login_required
def squads(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    area = area_or_404(user, request.GET.get("area"))
    return render(
        request, "party/squads.html", {"squads": selectors.squads(user=user, area=area), "area": area}
    )


@login_required
def squad(request: HttpRequest, squad_id: int) -> HttpResponse:
    user = _user(request)
    team = selectors.squads(user=user).filter(pk=squad_id).first()
    if team is None:
        raise Http404
    form = SquadCaseForm(request.POST or None)
    if request.method == "POST":
        if not role_at_least(user, "station"):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            req = None
            if data["request"]:
                req = (
                    scoped(ServiceRequest.objects.all(), user)
                    .filter(reference=data["request"].strip())
                    .first()
                )
                if req is None:
                    messages.error(request, _("No request with that reference in your area."))
                    return redirect("party-squad", squad_id=team.pk)
            try:
                services.squad_case_route(
                    by=user, team=team, area=team.area, title=data["title"], note=data["note"], request=req
                )
                messages.success(request, _("The case is routed to the squad."))
            except ValidationError as exc:
                _errors(request, exc)
            return redirect("party-squad", squad_id=team.pk)
    return render(
        request,
        "party/squad.html",
        {"team": team, "cases": selectors.squad_cases(user=user, team=team)[:100], "form": form},
    )


@login_required
@require_POST
def squad_case_close(request: HttpRequest, squad_case_id: int) -> HttpResponse:
    user = _user(request)
    case = scoped(SquadCase.objects.select_related("area"), user).filter(pk=squad_case_id).first()
    if case is None:
        raise Http404
    try:
        services.squad_case_close(by=user, case=case)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("party-squad", squad_id=case.team_id)


# Public pages: reached from a QR poster, no login, only what each member chose to show.


def building_public(request: HttpRequest, poster: str) -> HttpResponse:
    building = selectors.poster_building(poster)
    if building is None:
        raise Http404
    return render(
        request,
        "party/building_public.html",
        {"building": building, "members": selectors.building_cards(building)},
    )


def card_public(request: HttpRequest, card: str) -> HttpResponse:
    member = selectors.public_card(card)
    if member is None:
        raise Http404
    return render(request, "party/card_public.html", {"m": member})
