"""Writes of party building: founding and dissolving organisations, members and their cards, teams,
responsibility areas, demonstration posts, activities and the cases routed to a service squad."""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from grassroots.core.lists import listed
from grassroots.core.models import User
from grassroots.core.scope import in_scope, role_at_least
from grassroots.core.services import audit_record
from grassroots.core.typed import typed_text
from grassroots.people.models import Staff
from grassroots.places.models import Area, AreaKind, Post
from grassroots.residents.models import Resident
from grassroots.services.models import Request, Task

from .models import (
    ORGANISATION_POSTS,
    Activity,
    ActivityKind,
    DemonstrationPost,
    PartyMember,
    PartyOrganisation,
    ResponsibilityArea,
    SquadCase,
    VanguardTeam,
)
from .selectors import active_organisations, assigned_here


def _require(by: User, area: Area, role: str) -> None:
    if not (in_scope(by, area) and role_at_least(by, role)):
        raise PermissionDenied


def _serving(member: PartyMember, field: str = "member") -> None:
    if member.left_on is not None:
        raise ValidationError({field: _("%(name)s has left the organisation.") % {"name": member.name}})
    if member.resident is not None and member.resident.left_at is not None:
        raise ValidationError({field: _("%(name)s has left the resident ledger.") % {"name": member.name}})


def _live(organisation: PartyOrganisation) -> None:
    if organisation.dissolved_on is not None and organisation.dissolved_on <= timezone.localdate():
        raise ValidationError({"organisation": _("This organisation has been dissolved.")})


@transaction.atomic
def organisation_found(
    *,
    by: User,
    name: str,
    post: Post,
    founded_on: date,
    secretary: Staff | None = None,
    second_branch: bool = False,
) -> PartyOrganisation:
    """Found an organisation at a post; a secretary named at founding becomes its first member.

    One organisation stands at a post at a time: another is refused, naming the one standing, unless
    the caller asks on purpose for a second branch beside it (a large compound may split its members
    between two branches, as the demo district's largest do)."""
    _require(by, post.area, "community")
    if post.kind not in ORGANISATION_POSTS:
        raise ValidationError(
            {
                "post": _(
                    "A temporary party organisation stands at a command station, isolation point or checkpoint."
                )
            }
        )
    name = typed_text(PartyOrganisation, "name", name)
    if not name:
        raise ValidationError({"name": _("The name is required.")})
    if founded_on > timezone.localdate():
        raise ValidationError({"founded_on": _("An organisation is recorded once it has been founded.")})
    # The post's row is the lock: of two foundings sent at once, the second sees the first.
    Post.objects.select_for_update().filter(pk=post.pk).first()
    standing = (
        PartyOrganisation.objects.filter(post=post)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=founded_on))
        .order_by("founded_on", "pk")
        .first()
    )
    if standing is not None and not second_branch:
        raise ValidationError(
            {
                "post": ValidationError(
                    _(
                        "%(organisation)s (founded %(day)s) already stands at %(post)s: dissolve it first, "
                        "or found a second branch beside it on purpose."
                    )
                    % {"organisation": standing.name, "day": standing.founded_on, "post": post.name},
                    code="post_taken",
                )
            }
        )
    org = PartyOrganisation.objects.create(name=name, post=post, area=post.area, founded_on=founded_on)
    audit_record(actor=by, action="party_organisation_found", obj=org)
    if secretary is not None:
        try:
            first = member_add(by=by, organisation=org, staff=secretary, joined_on=founded_on)
        except ValidationError as exc:
            raise ValidationError({"secretary": exc.messages}) from exc
        organisation_set_secretary(by=by, organisation=org, member=first)
    return org


@transaction.atomic
def organisation_dissolve(
    *, by: User, organisation: PartyOrganisation, dissolved_on: date
) -> PartyOrganisation:
    _require(by, organisation.area, "community")
    if organisation.dissolved_on is not None:
        raise ValidationError({"dissolved_on": _("This organisation has already been dissolved.")})
    if dissolved_on < organisation.founded_on:
        raise ValidationError(
            {"dissolved_on": _("An organisation cannot be dissolved before it was founded.")}
        )
    organisation.dissolved_on = dissolved_on
    organisation.save(update_fields=["dissolved_on"])
    audit_record(actor=by, action="party_organisation_dissolve", obj=organisation)
    return organisation


@transaction.atomic
def member_add(
    *,
    by: User,
    organisation: PartyOrganisation,
    joined_on: date,
    staff: Staff | None = None,
    resident: Resident | None = None,
    duty: str = "",
    pledge: str = "",
) -> PartyMember:
    _require(by, organisation.area, "station")
    _live(organisation)
    duty, pledge = typed_text(PartyMember, "duty", duty), typed_text(PartyMember, "pledge", pledge)
    if joined_on < organisation.founded_on:
        raise ValidationError({"joined_on": _("A member cannot join before the organisation was founded.")})
    if joined_on > timezone.localdate():
        raise ValidationError({"joined_on": _("Record a member on the day they join, not ahead.")})
    if (staff is None) == (resident is None):
        raise ValidationError({"staff": _("Choose either a staff member or a resident.")})
    person = staff or resident
    assert person is not None
    if not person.is_party_member:
        raise ValidationError({"staff": _("%(name)s is not a party member.") % {"name": person.name}})
    # The person's row is the lock: of two organisations adding them at once, the second sees the first.
    if staff is not None:
        Staff.objects.select_for_update().filter(pk=staff.pk).first()
    else:
        Resident.everyone.select_for_update().filter(pk=person.pk).first()
    elsewhere = (
        PartyMember.objects.filter(
            staff=staff, resident=resident, left_on__isnull=True, organisation__in=active_organisations()
        )
        .exclude(organisation=organisation)
        .select_related("organisation")
        .first()
    )
    if elsewhere is not None:
        raise ValidationError(
            {
                "staff": _(
                    "%(name)s already serves in %(organisation)s; record their leaving there first (a "
                    "transfer is a leaving there and a joining here)."
                )
                % {"name": person.name, "organisation": elsewhere.organisation.name}
            }
        )
    person_area = staff.area if staff else resident.household.area  # type: ignore[union-attr]
    # Someone based outside the user's area may join where the command network has put them today.
    if not in_scope(by, person_area) and not (
        staff is not None and assigned_here(organisation).filter(staff=staff).exists()
    ):
        raise PermissionDenied
    former = organisation.members.filter(staff=staff, resident=resident).first()
    if former is not None and former.left_on is None:
        raise ValidationError({"staff": _("%(name)s is already a member here.") % {"name": person.name}})
    if former is not None:
        # One row per person and organisation: a member who left and comes back rejoins on it.
        former.left_on = None
        former.joined_on = joined_on
        former.duty = duty or former.duty
        former.pledge = pledge or former.pledge
        former.save(update_fields=["left_on", "joined_on", "duty", "pledge"])
        audit_record(actor=by, action="party_member_rejoin", obj=former, area=organisation.area)
        return former
    member = PartyMember.objects.create(
        organisation=organisation,
        staff=staff,
        resident=resident,
        area=organisation.area,
        joined_on=joined_on,
        duty=duty,
        pledge=pledge,
    )
    audit_record(actor=by, action="party_member_add", obj=member, area=organisation.area)
    return member


@transaction.atomic
def organisation_set_secretary(*, by: User, organisation: PartyOrganisation, member: PartyMember) -> None:
    _require(by, organisation.area, "community")
    if member.organisation_id != organisation.pk or member.left_on is not None:
        raise ValidationError({"secretary": _("The secretary must be a member of the organisation.")})
    _serving(member, "secretary")
    organisation.secretary = member
    organisation.save(update_fields=["secretary"])
    audit_record(actor=by, action="party_secretary_set", obj=organisation, detail={"member": member.pk})


@transaction.atomic
def member_remove(*, by: User, member: PartyMember, left_on: date) -> PartyMember:
    """A member leaves the organisation; the row stays for the record (activities, history)."""
    organisation = member.organisation
    _require(by, organisation.area, "station")
    if member.left_on is not None:
        raise ValidationError({"left_on": _("%(name)s has already left.") % {"name": member.name}})
    if left_on < member.joined_on:
        raise ValidationError({"left_on": _("A member cannot leave before joining.")})
    if left_on > timezone.localdate():
        raise ValidationError({"left_on": _("Record a departure on the day it happens, not ahead.")})
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    if organisation.secretary_id == member.pk:
        organisation.secretary = None
        organisation.save(update_fields=["secretary"])
    audit_record(actor=by, action="party_member_remove", obj=member, area=organisation.area)
    return member


@transaction.atomic
def card_update(
    *, by: User, member: PartyMember, pledge: str, shows_phone: bool, shows_department: bool, shows_card: bool
) -> PartyMember:
    """The member alone chooses what their public card shows, and whether it is shown at all."""
    if member.staff is None or member.staff.user_id != by.pk:
        raise PermissionDenied
    member.pledge = typed_text(PartyMember, "pledge", pledge)
    member.shows_phone = shows_phone
    member.shows_department = shows_department
    member.shows_card = shows_card
    member.save(update_fields=["pledge", "shows_phone", "shows_department", "shows_card"])
    audit_record(actor=by, action="party_card_update", obj=member, area=member.area)
    return member


@transaction.atomic
def member_set_duty(*, by: User, member: PartyMember, duty: str) -> PartyMember:
    """The duty the organisation gives a member; for a resident member it is what puts them on duty."""
    _require(by, member.area, "station")
    member.duty = typed_text(PartyMember, "duty", duty)
    member.save(update_fields=["duty"])
    audit_record(actor=by, action="party_member_duty", obj=member, area=member.area)
    return member


@transaction.atomic
def team_create(
    *,
    by: User,
    name: str,
    area: Area,
    organisation: PartyOrganisation | None = None,
    leader: PartyMember | None = None,
    members: Sequence[PartyMember] = (),
    task: str = "",
    is_squad: bool = False,
) -> VanguardTeam:
    _require(by, area, "station")
    name, task = typed_text(VanguardTeam, "name", name), typed_text(VanguardTeam, "task", task)
    if not name:
        raise ValidationError({"name": _("The name is required.")})
    if organisation is not None:
        _live(organisation)
    everyone = [*members, *([leader] if leader else [])]
    for m in everyone:
        _serving(m, "members")
    if organisation is not None and any(m.organisation_id != organisation.pk for m in everyone):
        raise ValidationError({"members": _("Every member must belong to the team's organisation.")})
    if any(not in_scope(by, m.area) for m in everyone):
        raise ValidationError({"members": _("Every member must serve inside your area.")})
    team = VanguardTeam.objects.create(
        name=name,
        area=area,
        organisation=organisation,
        leader=leader,
        task=task,
        is_squad=is_squad,
    )
    team.members.set({m.pk for m in everyone})
    audit_record(actor=by, action="party_team_create", obj=team, detail={"squad": is_squad})
    return team


@transaction.atomic
def responsibility_area_assign(
    *,
    by: User,
    member: PartyMember,
    covers: Sequence[Area],
    building_manager: Staff | None = None,
    note: str = "",
) -> ResponsibilityArea:
    note = typed_text(ResponsibilityArea, "note", note)
    if not covers:
        raise ValidationError({"covers": _("Choose at least one building or unit.")})
    compounds = set()
    for place in covers:
        if place.kind not in (AreaKind.BUILDING, AreaKind.UNIT):
            raise ValidationError({"covers": _("A responsibility area covers buildings or units.")})
        # "/…/<compound>/<building>/" or "/…/<compound>/<building>/<unit>/"
        ids = place.ancestor_ids()
        compounds.add(ids[-1] if place.kind == AreaKind.BUILDING else ids[-2])
    if len(compounds) != 1:
        raise ValidationError({"covers": _("The buildings and units must lie in one compound.")})
    compound = Area.objects.get(pk=compounds.pop())
    _require(by, compound, "station")
    _live(member.organisation)
    _serving(member)
    if building_manager is not None and not in_scope(by, building_manager.area):
        raise ValidationError({"building_manager": _("The building manager must serve inside your area.")})
    ra = ResponsibilityArea.objects.create(
        member=member, area=compound, building_manager=building_manager, note=note
    )
    ra.covers.set(covers)
    audit_record(actor=by, action="party_responsibility_assign", obj=ra, area=compound)
    return ra


@transaction.atomic
def demonstration_post_create(
    *, by: User, member: PartyMember, post: Post, title: str, pledge: str
) -> DemonstrationPost:
    _require(by, post.area, "station")
    _live(member.organisation)
    _serving(member)
    title, pledge = (
        typed_text(DemonstrationPost, "title", title),
        typed_text(DemonstrationPost, "pledge", pledge),
    )
    if not title:
        raise ValidationError({"title": _("The title is required.")})
    if not pledge:
        raise ValidationError({"pledge": _("A demonstration post needs a pledge.")})
    dp = DemonstrationPost.objects.create(
        member=member, post=post, area=post.area, title=title, pledge=pledge
    )
    audit_record(actor=by, action="party_demonstration_post", obj=dp)
    return dp


@transaction.atomic
def activity_record(
    *,
    by: User,
    organisation: PartyOrganisation,
    kind: str,
    title: str,
    held_on: date,
    attendees: Sequence[PartyMember] = (),
    notes: str = "",
) -> Activity:
    _require(by, organisation.area, "station")
    if kind not in ActivityKind.values:
        raise ValidationError({"kind": _("Unknown kind of activity.")})
    title = typed_text(Activity, "title", title)
    if not title:
        raise ValidationError({"title": _("The title is required.")})
    if held_on < organisation.founded_on or (
        organisation.dissolved_on and held_on > organisation.dissolved_on
    ):
        raise ValidationError({"held_on": _("The date lies outside the organisation's life.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("An activity is recorded after it was held.")})
    strangers = [m.name for m in attendees if m.organisation_id != organisation.pk]
    if strangers:
        raise ValidationError(
            {"attendees": _("Not members of this organisation: %(names)s.") % {"names": listed(strangers)}}
        )
    activity = Activity.objects.create(
        organisation=organisation,
        area=organisation.area,
        kind=kind,
        title=title,
        held_on=held_on,
        notes=notes,
    )
    activity.attendees.set(attendees)
    audit_record(actor=by, action="party_activity_record", obj=activity, detail={"attendees": len(attendees)})
    return activity


@transaction.atomic
def squad_case_route(
    *,
    by: User,
    team: VanguardTeam,
    area: Area | None = None,
    title: str = "",
    note: str = "",
    request: Request | None = None,
    task: Task | None = None,
) -> SquadCase:
    """Send a hard case to a service squad: a resident request, a board task, or one described by
    hand. The case's place must lie in the squad's task area. A title typed is kept whole or refused;
    with none typed, a request's is made from its reference and its details, shortened with an
    ellipsis, and a task's is its title."""
    source = request or task
    if request is not None and task is not None:
        raise ValidationError({"request": _("Route a request or a task, not both.")})
    title = typed_text(SquadCase, "title", title)
    if source is not None:
        area = source.area
        if not title:
            # Made here, not typed: a request is named by its reference and the start of its details.
            title = f"{request.reference} {Truncator(request.details).chars(80)}" if request else str(task)
        if SquadCase.objects.filter(request=request, task=task, status=SquadCase.Status.OPEN).exists():
            raise ValidationError({"request": _("This case is already with a squad.")})
    if area is None:
        raise ValidationError({"area": _("Say where the case is.")})
    _require(by, area, "station")
    if not team.is_squad:
        raise ValidationError({"team": _("Only a service squad takes hard cases.")})
    if not area.path.startswith(team.area.path):
        raise ValidationError({"area": _("The case lies outside the squad's task area.")})
    if not title:
        raise ValidationError({"title": _("Say what the case is.")})
    case = SquadCase.objects.create(
        team=team, area=area, title=title, note=note, routed_by=by, request=request, task=task
    )
    audit_record(actor=by, action="party_squad_route", obj=case, detail={"team": team.pk})
    return case


@transaction.atomic
def squad_case_close(*, by: User, case: SquadCase) -> SquadCase:
    _require(by, case.area, "station")
    if case.status == SquadCase.Status.DONE:
        raise ValidationError({"status": _("This case is already closed.")})
    case.status = SquadCase.Status.DONE
    case.closed_at = timezone.now()
    case.save(update_fields=["status", "closed_at"])
    audit_record(actor=by, action="party_squad_close", obj=case)
    return case
