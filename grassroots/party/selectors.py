"""Reads of party building. Office reads go through the user's scope; the two public reads (a
building's poster page and a member's card) show only what a member chose to show."""

from dataclasses import dataclass, field
from datetime import date

from django.core import signing
from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from grassroots.core.models import AnyUser
from grassroots.core.scope import scoped, top_areas
from grassroots.places.models import Area, AreaKind

from .models import (
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


def _counted() -> dict[str, QuerySet]:  # type: ignore[type-arg]
    """What the roll-up counts: rows of organisations standing today (a team may have none)."""
    live = active_organisations()
    return {
        "organisations": live,
        "teams": VanguardTeam.objects.filter(Q(organisation__isnull=True) | Q(organisation__in=live)),
        "responsibility_areas": ResponsibilityArea.objects.filter(
            member__organisation__in=live, member__left_on__isnull=True
        ),
        "demonstration_posts": DemonstrationPost.objects.filter(
            member__organisation__in=live, member__left_on__isnull=True
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
    for key, qs in _counted().items():
        # COUNT as a plain function, not an aggregate: no GROUP BY inside the correlated subquery.
        sub = (
            qs.filter(area__path__startswith=OuterRef("path"))
            .order_by()
            .annotate(n=Func(F("pk"), function="COUNT"))
            .values("n")
        )
        annotations[f"n_{key}"] = Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))
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
        n_members=Count("members", filter=Q(members__left_on__isnull=True), distinct=True),
        n_activities=Count("activities", distinct=True),
    )


def organisation_get(*, user: AnyUser, organisation_id: int) -> PartyOrganisation | None:
    return organisation_list(user=user).filter(pk=organisation_id).first()


def organisation_members(organisation: PartyOrganisation) -> QuerySet[PartyMember]:
    return organisation.members.select_related("staff", "resident", "staff__department").annotate(
        n_activities=Count("activities", distinct=True)
    )


def organisation_activities(organisation: PartyOrganisation) -> QuerySet[Activity]:
    return organisation.activities.annotate(n_attendees=Count("attendees"))


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
    """The party memberships of the staff member behind this login: their own cards."""
    if not user.is_authenticated:
        return PartyMember.objects.none()
    return PartyMember.objects.filter(staff__user=user, left_on__isnull=True).select_related(
        "organisation", "organisation__post"
    )


# Public reads: posters and cards. No login; nothing beyond what the member chose to show.


def poster_token(building: Area) -> str:
    """The signed code printed in a building's QR poster; it names that building and nothing else."""
    return signing.dumps(building.pk, salt=POSTER_SALT)


def poster_building(token: str) -> Area | None:
    try:
        pk = signing.loads(token, salt=POSTER_SALT)
    except signing.BadSignature:
        return None
    return Area.objects.filter(pk=pk, kind=AreaKind.BUILDING).select_related("parent").first()


def _public_members() -> QuerySet[PartyMember]:
    return PartyMember.objects.filter(
        on_duty=True, left_on__isnull=True, organisation__in=active_organisations()
    ).select_related("staff", "resident", "staff__department", "organisation", "organisation__post")


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
