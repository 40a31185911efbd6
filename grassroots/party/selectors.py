"""Reads of party building. Office reads go through the user's scope; the two public reads (a
building's poster page and a member's card) show only what a member chose to show."""

from dataclasses import dataclass, field
from datetime import date

from django.core import signing
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone

from grassroots.core.models import AnyUser
from grassroots.core.printed import printed_token, printed_value
from grassroots.core.scope import scoped, top_areas
from grassroots.core.subqueries import counted
from grassroots.deployment.models import Assignment, Leave, Role, Rota, RotaStatus, Shift
from grassroots.deployment.selectors import active_q
from grassroots.people.models import Staff
from grassroots.places.models import Area, AreaKind, Post, PostKind
from grassroots.residents.models import Resident

from .models import (
    ORGANISATION_POSTS,
    Activity,
    DemonstrationPost,
    PartyMember,
    PartyOrganisation,
    ResponsibilityArea,
    SquadCase,
    VanguardTeam,
)

POSTER_SALT = "party.building-poster"


def active_organisations(today: date | None = None) -> QuerySet[PartyOrganisation]:
    today = today or timezone.localdate()
    return PartyOrganisation.objects.filter(founded_on__lte=today).filter(
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=today)
    )


def serving_q(prefix: str = "") -> Q:
    """Members serving today (filters PartyMember, or a model reaching it through `prefix`): not
    recorded as having left the organisation, and, for a resident party member, still in the ledger.
    Someone who moved away or died stays on the roll until the organisation records their leaving
    (it may be a transfer to another organisation), but nothing counts or shows them as serving."""
    # On a staff member's row the resident join is empty, so left_at reads NULL: they pass.
    return Q(**{f"{prefix}left_on__isnull": True, f"{prefix}resident__left_at__isnull": True})


def serving_members() -> QuerySet[PartyMember]:
    return PartyMember.objects.filter(serving_q())


def _counted() -> dict[str, tuple[QuerySet, str]]:  # type: ignore[type-arg]
    """What the roll-up counts (rows of organisations standing today; a team may have none), and
    the path each is counted under. Organisations, teams and demonstration posts count where they
    stand; a responsibility area counts in each building and unit it covers, and once in every area
    above them, so a compound's building rows may add up to more than the compound."""
    live = active_organisations()
    return {
        "organisations": (live, "area__path"),
        "teams": (
            VanguardTeam.objects.filter(Q(organisation__isnull=True) | Q(organisation__in=live)),
            "area__path",
        ),
        "responsibility_areas": (
            ResponsibilityArea.objects.filter(serving_q("member__"), member__organisation__in=live),
            "covers__path",
        ),
        "demonstration_posts": (
            DemonstrationPost.objects.filter(serving_q("member__"), member__organisation__in=live),
            "area__path",
        ),
    }


@dataclass
class PartyStats:
    area: Area | None
    organisations: int
    teams: int
    responsibility_areas: int
    demonstration_posts: int
    children: list["PartyStats"] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "area": self.area.pk if self.area else None,
            "name": self.area.name if self.area else "",
            "organisations": self.organisations,
            "teams": self.teams,
            "responsibility_areas": self.responsibility_areas,
            "demonstration_posts": self.demonstration_posts,
            "children": [c.as_dict() for c in self.children],
        }


def _rolled_up(areas: QuerySet[Area]) -> list[PartyStats]:
    """Each area with its subtree's counts, computed in the database by path prefix (one query)."""
    annotations = {}
    for key, (qs, path) in _counted().items():
        # DISTINCT, since an area covering two buildings of a compound is joined twice there.
        annotations[f"n_{key}"] = counted(
            qs.filter(**{f"{path}__startswith": OuterRef("path")}), distinct=True
        )
    return [
        PartyStats(
            area=a,
            organisations=a.n_organisations,  # type: ignore[attr-defined]
            teams=a.n_teams,  # type: ignore[attr-defined]
            responsibility_areas=a.n_responsibility_areas,  # type: ignore[attr-defined]
            demonstration_posts=a.n_demonstration_posts,  # type: ignore[attr-defined]
        )
        for a in areas.annotate(**annotations).order_by("code", "pk")
    ]


def party_stats(*, user: AnyUser, area: Area | None) -> PartyStats:
    """Counts for `area` (already checked to be in scope) and each child; without an area, the
    user's top areas are the children of an unnamed total."""
    if area is not None:
        (stats,) = _rolled_up(Area.objects.filter(pk=area.pk))
        stats.children = _rolled_up(area.children.all())
        return stats
    tops = _rolled_up(top_areas(user))
    if len(tops) == 1 and tops[0].area is not None:
        return party_stats(user=user, area=tops[0].area)
    return PartyStats(
        area=None,
        organisations=sum(t.organisations for t in tops),
        teams=sum(t.teams for t in tops),
        responsibility_areas=sum(t.responsibility_areas for t in tops),
        demonstration_posts=sum(t.demonstration_posts for t in tops),
        children=tops,
    )


def organisation_list(*, user: AnyUser, area: Area | None = None) -> QuerySet[PartyOrganisation]:
    orgs = scoped(PartyOrganisation.objects.select_related("post", "area", "secretary"), user)
    if area is not None:
        orgs = orgs.filter(area__path__startswith=area.path)
    return orgs.annotate(
        n_members=Count("members", filter=serving_q("members__"), distinct=True),
        n_activities=Count("activities", distinct=True),
    )


def organisation_get(*, user: AnyUser, organisation_id: int) -> PartyOrganisation | None:
    return organisation_list(user=user).filter(pk=organisation_id).first()


def organisation_members(organisation: PartyOrganisation) -> QuerySet[PartyMember]:
    """The organisation's current members, each with whether the command network has them on duty today."""
    return (
        organisation.members.filter(serving_q())
        .select_related("staff", "resident", "staff__department")
        .annotate(
            n_activities=Count("activities", distinct=True),
            on_duty_today=ExpressionWrapper(on_duty_q(), output_field=BooleanField()),
        )
    )


def members_out_of_ledger(
    *, user: AnyUser, organisation: PartyOrganisation | None = None
) -> QuerySet[PartyMember]:
    """Resident members still on a standing organisation's roll whose resident has left the ledger:
    the organisation has yet to record their leaving (or their transfer elsewhere)."""
    members = scoped(
        PartyMember.objects.filter(
            left_on__isnull=True, resident__left_at__isnull=False, organisation__in=active_organisations()
        ),
        user,
    )
    if organisation is not None:
        members = members.filter(organisation=organisation)
    return members.select_related("resident").order_by("resident__left_at", "pk")


def member_on_duty(member: PartyMember) -> bool:
    return PartyMember.objects.filter(pk=member.pk).filter(on_duty_q()).exists()


def member_get(*, user: AnyUser, member_id: int) -> PartyMember | None:
    return (
        scoped(PartyMember.objects.select_related("organisation", "staff", "resident"), user)
        .filter(pk=member_id)
        .first()
    )


def organisation_posts(*, user: AnyUser, area: Area | None) -> QuerySet[Post]:
    """The posts in the user's scope (and under `area`) where an organisation may be founded."""
    posts = scoped(Post.objects.filter(kind__in=ORGANISATION_POSTS).select_related("area"), user)
    if area is not None:
        posts = posts.filter(area__path__startswith=area.path)
    return posts.order_by("area__path", "kind", "name")


def party_staff(*, user: AnyUser, area: Area | None) -> QuerySet[Staff]:
    """Staff party members in the user's scope (and under `area`): who may be named secretary."""
    people = scoped(Staff.objects.filter(is_party_member=True), user)
    if area is not None:
        people = people.filter(area__path__startswith=area.path)
    return people.order_by("name", "pk")


def assigned_here(organisation: PartyOrganisation) -> QuerySet[Assignment]:
    """Today's assignments inside the organisation's area or at its post: the people the command
    network has put where the organisation stands, wherever they are based."""
    return Assignment.objects.filter(active_q(timezone.localdate())).filter(
        Q(area__path__startswith=organisation.area.path) | Q(post_id=organisation.post_id)
    )


def member_candidates(
    *, user: AnyUser, organisation: PartyOrganisation
) -> tuple[QuerySet[Staff], QuerySet[Resident]]:
    """Party members who could join: staff based in the organisation's area (that the user sees) or
    assigned there today (a cadre sent down from a higher level is based elsewhere), and resident
    party members living there; not those already serving in it or in another standing organisation
    (member_add refuses them: a transfer is a leaving there first)."""
    area = organisation.area
    serving = PartyMember.objects.filter(serving_q()).filter(
        Q(organisation=organisation) | Q(organisation__in=active_organisations())
    )
    based_here = scoped(Staff.objects.filter(area__path__startswith=area.path), user)
    staff = (
        Staff.objects.filter(is_party_member=True)
        .filter(Q(pk__in=based_here.values("pk")) | Q(pk__in=assigned_here(organisation).values("staff_id")))
        .exclude(pk__in=serving.filter(staff__isnull=False).values("staff_id"))
        .order_by("name", "pk")
    )
    residents = (
        scoped(Resident.objects.filter(is_party_member=True), user, "household__area__path")
        .filter(household__area__path__startswith=area.path)
        .exclude(pk__in=serving.filter(resident__isnull=False).values("resident_id"))
        .select_related("household__area")
        .order_by("name", "pk")
    )
    return staff, residents


def team_areas(organisation: PartyOrganisation) -> list[Area]:
    """Where an organisation's team may work: the organisation's own area or one of its children."""
    return [organisation.area, *organisation.area.children.order_by("code", "pk")]


def covered_places(organisation: PartyOrganisation) -> QuerySet[Area]:
    """The buildings and units a member of a compound's organisation may answer for."""
    if organisation.post.kind != PostKind.STATION:
        return Area.objects.none()
    return Area.objects.filter(
        path__startswith=organisation.area.path, kind__in=[AreaKind.BUILDING, AreaKind.UNIT]
    ).order_by("path")


def building_managers(organisation: PartyOrganisation) -> QuerySet[Staff]:
    """The building and unit managers serving in the organisation's area today."""
    ids = Assignment.objects.filter(
        active_q(timezone.localdate()),
        area__path__startswith=organisation.area.path,
        role__in=[Role.BUILDING_MANAGER, Role.UNIT_MANAGER],
    ).values("staff_id")
    return Staff.objects.filter(pk__in=ids).order_by("name", "pk")


def organisation_places(organisation: PartyOrganisation) -> QuerySet[Post]:
    """Posts inside the organisation's area, where its members may keep a demonstration post."""
    return Post.objects.filter(
        Q(pk=organisation.post_id) | Q(area__path__startswith=organisation.area.path)
    ).order_by("area__path", "kind", "name")


def organisation_responsibility_areas(organisation: PartyOrganisation) -> QuerySet[ResponsibilityArea]:
    return (
        ResponsibilityArea.objects.filter(serving_q("member__"), member__organisation=organisation)
        .select_related("member__staff", "member__resident", "building_manager")
        .prefetch_related("covers")
    )


def organisation_demonstration_posts(organisation: PartyOrganisation) -> QuerySet[DemonstrationPost]:
    return DemonstrationPost.objects.filter(
        serving_q("member__"), member__organisation=organisation
    ).select_related("member__staff", "member__resident", "post")


def organisation_activities(organisation: PartyOrganisation) -> QuerySet[Activity]:
    return organisation.activities.annotate(n_attendees=Count("attendees")).order_by("-held_on", "-id")


def activity_counts(organisation: PartyOrganisation) -> dict[str, int]:
    """How many activities of each kind an organisation held."""
    rows = organisation.activities.order_by().values("kind").annotate(n=Count("pk"))
    return {row["kind"]: row["n"] for row in rows}


def squads(*, user: AnyUser, area: Area | None = None) -> QuerySet[VanguardTeam]:
    teams = scoped(VanguardTeam.objects.filter(is_squad=True).select_related("area", "leader"), user)
    if area is not None:
        teams = teams.filter(area__path__startswith=area.path)
    return teams.annotate(n_open=Count("cases", filter=Q(cases__status=SquadCase.Status.OPEN)))


def squad_cases(*, user: AnyUser, team: VanguardTeam) -> QuerySet[SquadCase]:
    return scoped(team.cases.select_related("area"), user)


def my_memberships(*, user: AnyUser) -> QuerySet[PartyMember]:
    """The party memberships of the staff member behind this login: their own cards, each with whether
    the command network has them on duty today (only then does the public see the card)."""
    if not user.is_authenticated:
        return PartyMember.objects.none()
    return (
        PartyMember.objects.filter(staff__user=user, left_on__isnull=True)
        .select_related("organisation", "organisation__post")
        .annotate(on_duty_today=ExpressionWrapper(on_duty_q(), output_field=BooleanField()))
    )


# Public reads: posters and cards. No login; nothing beyond what the member chose to show.


def poster_token(building: Area) -> str:
    """The signed code printed in a building's QR poster; it names that building and nothing else."""
    return printed_token(building.pk, salt=POSTER_SALT)


def poster_building(token: str) -> Area | None:
    try:
        pk = printed_value(token, salt=POSTER_SALT)
    except signing.BadSignature:
        return None
    return Area.objects.filter(pk=pk, kind=AreaKind.BUILDING).select_related("parent").first()


def on_duty_q(today: date | None = None) -> Q:
    """Who is on duty today, read from the command network rather than stored (filters PartyMember):

    - a staff member on leave today is not on duty;
    - a staff member with a shift today in a published rota at the organisation's post, or in a compound
      inside the organisation's area, is on duty;
    - a staff member on a published rota running today but with no shift there today is not on duty
      (resting, or working a shift elsewhere);
    - otherwise a staff member holding an assignment today inside the organisation's compound (for an
      organisation at a command station) or at the organisation's post is on duty;
    - a resident party member stands outside the rota and assignments: they are on duty while the
      organisation has given them a duty and they are in the ledger.
    """
    today = today or timezone.localdate()
    staff = OuterRef("staff_id")
    on_leave = Leave.objects.filter(staff=staff, starts_on__lte=today, ends_on__gte=today)
    published = Shift.objects.filter(staff=staff, rota__status=RotaStatus.PUBLISHED)
    shift_today = published.filter(
        Q(rota__post_id=OuterRef("organisation__post_id"))
        | Q(rota__area__path__startswith=OuterRef("organisation__area__path")),
        day=today,
    )
    running = Rota.objects.filter(status=RotaStatus.PUBLISHED, starts_on__lte=today, shifts__day__gte=today)
    on_a_rota = published.filter(rota__in=running.values("pk"))
    assigned = Assignment.objects.filter(active_q(today), staff=staff)
    in_compound = assigned.filter(area__path__startswith=OuterRef("organisation__area__path"))
    at_post = assigned.filter(post_id=OuterRef("organisation__post_id"))
    posted = Q(Exists(at_post)) | (Q(organisation__post__kind=PostKind.STATION) & Q(Exists(in_compound)))
    staff_on_duty = (
        Q(staff__isnull=False)
        & ~Q(Exists(on_leave))
        & (Q(Exists(shift_today)) | (~Q(Exists(on_a_rota)) & posted))
    )
    resident_on_duty = Q(resident__isnull=False) & Q(resident__left_at__isnull=True) & ~Q(duty="")
    return staff_on_duty | resident_on_duty


def _public_members() -> QuerySet[PartyMember]:
    """Members whose card the public sees: on duty today, showing their card by their own choice."""
    return (
        PartyMember.objects.filter(serving_q(), shows_card=True, organisation__in=active_organisations())
        .filter(on_duty_q())
        .select_related("staff", "resident", "staff__department", "organisation", "organisation__post")
    )


def building_cards(building: Area) -> list[PartyMember]:
    """The on-duty members serving a building: those answering for it (or a unit of it) first, then
    the rest of the organisations standing at its compound; a person in two of them shows once."""
    answering = ResponsibilityArea.objects.filter(
        member=OuterRef("pk"), covers__path__startswith=building.path
    )
    members = (
        _public_members()
        .filter(Q(organisation__area_id=building.parent_id) | Q(Exists(answering)))
        .annotate(answers_here=Exists(answering))
        .order_by("-answers_here", "organisation_id", "id")
    )
    seen: set[tuple[int | None, int | None]] = set()
    cards: list[PartyMember] = []
    for m in members:
        if (m.staff_id, m.resident_id) not in seen:
            seen.add((m.staff_id, m.resident_id))
            cards.append(m)
    return cards


def public_card(card: str) -> PartyMember | None:
    return _public_members().filter(card=card).first()
