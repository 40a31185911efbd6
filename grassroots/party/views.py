from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.forms import submitted
from grassroots.core.models import User
from grassroots.core.qr import qr_svg
from grassroots.core.requests import signed_in
from grassroots.core.scope import area_or_404, in_scope, role_at_least, scoped, scoped_areas
from grassroots.places.models import Area, AreaKind, PostKind
from grassroots.places.selectors import ancestors
from grassroots.services.models import Request as ServiceRequest

from . import selectors, services
from .forms import (
    SERVICE_FIELDS,
    ActivityForm,
    CardForm,
    DemonstrationPostForm,
    DissolveForm,
    MemberDutyForm,
    MemberForm,
    MemberLeaveForm,
    OrganisationForm,
    ResponsibilityForm,
    SquadCaseForm,
    TeamForm,
)
from .models import ActivityKind, PartyOrganisation, SquadCase


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def stats(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    area = area_or_404(user, request.GET.get("area"))
    figures = selectors.party_stats(user=user, area=area)
    trail = [a for a in ancestors(area) if in_scope(user, a)] if area else []
    return render(request, "party/stats.html", {"stats": figures, "area": area, "trail": trail})


@login_required
def organisations(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    area = area_or_404(user, request.GET.get("area"))
    orgs = selectors.organisation_list(user=user, area=area)
    return render(
        request,
        "party/organisations.html",
        {"organisations": orgs[:300], "area": area, "can_found": role_at_least(user, "community")},
    )


def _org_or_404(user: User, organisation_id: int) -> PartyOrganisation:
    org = selectors.organisation_get(user=user, organisation_id=organisation_id)
    if org is None:
        raise Http404
    return org


def _may(user: User, org: PartyOrganisation, role: str) -> None:
    """Who may do what: a community (or wider) founds, dissolves and names secretaries; a command
    station (or wider) keeps the members, teams, responsibility areas, demonstration posts and
    activities. The services check it again; the pages say no before showing a form."""
    if not role_at_least(user, role):
        raise PermissionDenied


@login_required
def organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = signed_in(request)
    org = _org_or_404(user, organisation_id)
    counts = selectors.activity_counts(org)
    return render(
        request,
        "party/organisation.html",
        {
            "org": org,
            "members": selectors.organisation_members(org),
            "out_of_ledger": selectors.members_out_of_ledger(user=user, organisation=org),
            "teams": org.teams.select_related("leader__staff", "leader__resident", "area").prefetch_related(
                Prefetch("members", queryset=selectors.serving_members().select_related("staff", "resident"))
            ),
            "activities": Paginator(selectors.organisation_activities(org), 50).get_page(
                request.GET.get("page")
            ),
            "counts": [(label, counts.get(value, 0)) for value, label in ActivityKind.choices],
            "n_responsibility": selectors.organisation_responsibility_areas(org).count(),
            "n_demonstration": selectors.organisation_demonstration_posts(org).count(),
            "at_compound": org.post.kind == PostKind.STATION,
            "can_keep": role_at_least(user, "station") and org.dissolved_on is None,
            "can_found": role_at_least(user, "community"),
        },
    )


@login_required
def organisation_found(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not role_at_least(user, "community"):
        raise PermissionDenied
    area = area_or_404(user, request.GET.get("area"))
    form = OrganisationForm(
        request.POST or None,
        posts=selectors.organisation_posts(user=user, area=area),
        secretaries=selectors.party_staff(user=user, area=area),
        second_branch="second_branch" in request.POST,
    )
    org = submitted(
        request,
        form,
        lambda data: services.organisation_found(by=user, **data),
        _("The organisation is founded."),
        SERVICE_FIELDS,
    )
    if org is not None:
        return redirect("party-organisation", organisation_id=org.pk)
    if form.has_error("post", "post_taken"):
        form.offer_second_branch()
    return render(request, "party/organisation_found.html", {"form": form, "area": area})


@login_required
def organisation_dissolve(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = signed_in(request)
    org = _org_or_404(user, organisation_id)
    _may(user, org, "community")
    form = DissolveForm(request.POST or None)
    if submitted(
        request,
        form,
        lambda data: services.organisation_dissolve(by=user, organisation=org, **data),
        _("The organisation is dissolved."),
        SERVICE_FIELDS,
    ):
        return redirect("party-organisation", organisation_id=org.pk)
    return render(request, "party/organisation_dissolve.html", {"org": org, "form": form})


@login_required
def member_add(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = signed_in(request)
    org = _org_or_404(user, organisation_id)
    _may(user, org, "station")
    staff, residents = selectors.member_candidates(user=user, organisation=org)
    form = MemberForm(request.POST or None, staff=staff, residents=residents)
    if submitted(
        request,
        form,
        lambda data: services.member_add(
            by=user,
            organisation=org,
            joined_on=data["joined_on"],
            duty=data["duty"],
            pledge=data["pledge"],
            **form.person_kwargs(),  # type: ignore[arg-type]
        ),
        _("The member is added."),
        SERVICE_FIELDS,
    ):
        return redirect("party-organisation", organisation_id=org.pk)
    return render(request, "party/member_add.html", {"org": org, "form": form})


@login_required
def member(request: HttpRequest, member_id: int) -> HttpResponse:
    """One member: their duty, whether they are on duty today and why, leaving, being named secretary."""
    user = signed_in(request)
    found = selectors.member_get(user=user, member_id=member_id)
    if found is None:
        raise Http404
    org = found.organisation
    # A resident who left the ledger most likely left the organisation that day too.
    gone = found.resident.left_at if found.resident else None
    leave = MemberLeaveForm(
        request.POST if request.POST.get("action") == "leave" else None,
        initial={"left_on": timezone.localdate(gone)} if gone else None,
    )
    duty = MemberDutyForm(
        request.POST if request.POST.get("action") == "duty" else None, initial={"duty": found.duty}
    )
    if request.method == "POST":
        action = request.POST.get("action")
        _may(user, org, "community" if action == "secretary" else "station")
        if action == "leave":
            if submitted(
                request,
                leave,
                lambda data: services.member_remove(by=user, member=found, **data),
                _("%(name)s has left the organisation.") % {"name": found.name},
                SERVICE_FIELDS,
            ):
                return redirect("party-organisation", organisation_id=org.pk)
        elif action == "duty":
            if submitted(
                request,
                duty,
                lambda data: services.member_set_duty(by=user, member=found, **data),
                _("The duty is saved."),
                SERVICE_FIELDS,
            ):
                return redirect("party-member", member_id=found.pk)
        elif action == "secretary":
            # A button with no form: a refusal can only be said above the page.
            try:
                services.organisation_set_secretary(by=user, organisation=org, member=found)
            except ValidationError as exc:
                _errors(request, exc)
            else:
                messages.success(request, _("%(name)s is the secretary now.") % {"name": found.name})
                return redirect("party-organisation", organisation_id=org.pk)
    on_duty = selectors.member_on_duty(found)
    return render(
        request,
        "party/member.html",
        {
            "m": found,
            "org": org,
            "on_duty": on_duty,
            "leave": leave,
            "duty": duty,
            "can_keep": role_at_least(user, "station") and found.left_on is None,
            "can_name_secretary": role_at_least(user, "community")
            and found.left_on is None
            and org.secretary_id != found.pk,
        },
    )


@login_required
def team_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = signed_in(request)
    org = _org_or_404(user, organisation_id)
    _may(user, org, "station")
    areas = Area.objects.filter(pk__in=[a.pk for a in selectors.team_areas(org)]).order_by("path")
    form = TeamForm(request.POST or None, areas=areas, members=selectors.organisation_members(org))
    if submitted(
        request,
        form,
        lambda data: services.team_create(by=user, organisation=org, **data),
        _("The team is formed."),
        SERVICE_FIELDS,
    ):
        return redirect("party-organisation", organisation_id=org.pk)
    return render(request, "party/team_create.html", {"org": org, "form": form})


@login_required
def responsibility_areas(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = signed_in(request)
    org = _org_or_404(user, organisation_id)
    places = selectors.covered_places(org)
    form = None
    if role_at_least(user, "station") and org.dissolved_on is None and places.exists():
        form = ResponsibilityForm(
            request.POST or None,
            members=selectors.organisation_members(org),
            places=places,
            managers=selectors.building_managers(org),
        )
    if form is None:
        if request.method == "POST":
            raise PermissionDenied
    elif submitted(
        request,
        form,
        lambda data: services.responsibility_area_assign(by=user, **data),
        _("The responsibility area is assigned."),
        SERVICE_FIELDS,
    ):
        return redirect("party-responsibility-areas", organisation_id=org.pk)
    return render(
        request,
        "party/responsibility_areas.html",
        {"org": org, "rows": selectors.organisation_responsibility_areas(org), "form": form},
    )


@login_required
def demonstration_posts(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = signed_in(request)
    org = _org_or_404(user, organisation_id)
    form = None
    if role_at_least(user, "station") and org.dissolved_on is None:
        form = DemonstrationPostForm(
            request.POST or None,
            members=selectors.organisation_members(org),
            posts=selectors.organisation_places(org),
            initial={"post": org.post_id},
        )
    if form is None:
        if request.method == "POST":
            raise PermissionDenied
    elif submitted(
        request,
        form,
        lambda data: services.demonstration_post_create(by=user, **data),
        _("The demonstration post is set up."),
        SERVICE_FIELDS,
    ):
        return redirect("party-demonstration-posts", organisation_id=org.pk)
    return render(
        request,
        "party/demonstration_posts.html",
        {"org": org, "rows": selectors.organisation_demonstration_posts(org), "form": form},
    )


@login_required
def activity_record(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = signed_in(request)
    org = _org_or_404(user, organisation_id)
    _may(user, org, "station")
    members = {m.pk: m for m in selectors.organisation_members(org)}
    form = ActivityForm(request.POST or None, attendees=[(pk, m.name) for pk, m in members.items()])
    if submitted(
        request,
        form,
        lambda data: services.activity_record(
            by=user,
            organisation=org,
            kind=data["kind"],
            title=data["title"],
            held_on=data["held_on"],
            attendees=[members[int(pk)] for pk in data["attendees"]],
            notes=data["notes"],
        ),
        _("Activity recorded."),
        SERVICE_FIELDS,
    ):
        return redirect("party-organisation", organisation_id=org.pk)
    return render(request, "party/activity_record.html", {"org": org, "form": form})


@login_required
def poster(request: HttpRequest, area_id: int) -> HttpResponse:
    """A building's printable poster: a QR code that opens the building's public card page."""
    user = signed_in(request)
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
    """The member's cards, one per organisation; a refused one comes back as typed, errors beside it."""
    user = signed_in(request)
    memberships = list(selectors.my_memberships(user=user))
    refused: dict[int, CardForm] = {}
    if request.method == "POST":
        member = next((m for m in memberships if str(m.pk) == request.POST.get("member")), None)
        if member is None:
            raise Http404
        form = CardForm(request.POST)
        if submitted(
            request,
            form,
            lambda data: services.card_update(by=user, member=member, **data),
            _("Your card is saved."),
        ):
            return redirect("party-my-card")
        refused[member.pk] = form
    cards = [
        (
            m,
            refused[m.pk]
            if m.pk in refused
            else CardForm(
                initial={
                    "pledge": m.pledge,
                    "shows_phone": m.shows_phone,
                    "shows_department": m.shows_department,
                    "shows_card": m.shows_card,
                }
            ),
        )
        for m in memberships
    ]
    return render(request, "party/my_card.html", {"cards": cards})


@login_required
def squads(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    area = area_or_404(user, request.GET.get("area"))
    return render(
        request, "party/squads.html", {"squads": selectors.squads(user=user, area=area), "area": area}
    )


@login_required
def squad(request: HttpRequest, squad_id: int) -> HttpResponse:
    user = signed_in(request)
    team = selectors.squads(user=user).filter(pk=squad_id).first()
    if team is None:
        raise Http404
    form = SquadCaseForm(request.POST or None)
    if request.method == "POST" and not role_at_least(user, "station"):
        raise PermissionDenied

    def route(data: dict[str, Any]) -> SquadCase:
        req = None
        if data["request"]:
            req = scoped(ServiceRequest.objects.all(), user).filter(reference=data["request"].strip()).first()
            if req is None:
                raise ValidationError({"request": _("No request with that reference in your area.")})
        return services.squad_case_route(
            by=user, team=team, area=team.area, title=data["title"], note=data["note"], request=req
        )

    # A routed request brings its own place, so a place outside the squad's area is the request's
    # fault; a case described by hand takes the squad's own area, and the team is this page's.
    rename = {"area": "request" if request.POST.get("request") else None, "team": None}
    if submitted(request, form, route, _("The case is routed to the squad."), rename):
        return redirect("party-squad", squad_id=team.pk)
    return render(
        request,
        "party/squad.html",
        {
            "team": team,
            "cases": Paginator(selectors.squad_cases(user=user, team=team), 50).get_page(
                request.GET.get("page")
            ),
            "form": form,
        },
    )


@login_required
@require_POST
def squad_case_close(request: HttpRequest, squad_case_id: int) -> HttpResponse:
    user = signed_in(request)
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
