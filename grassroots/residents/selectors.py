"""Reads of the ledger, always through the user's scope."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from grassroots.core.models import AnyUser
from grassroots.core.scope import scope_q, scoped, top_areas
from grassroots.core.subqueries import counted
from grassroots.places.models import Area

from .models import Campaign, CareTag, Household, HouseholdStatus, LedgerChange, Outcome, Resident, Visit

HOUSEHOLD_PATH = "area__path"
RESIDENT_PATH = "household__area__path"


def household_list(
    *, user: AnyUser, area: Area | None = None, status: str = "", q: str = ""
) -> QuerySet[Household]:
    households = scoped(Household.objects.select_related("area", "head"), user, HOUSEHOLD_PATH)
    if area is not None:
        households = households.filter(area__path__startswith=area.path)
    if status == "no_smartphone":
        households = households.filter(no_smartphone=True)
    elif status:
        households = households.filter(status=status)
    if q:
        households = households.filter(
            Q(room__contains=q)
            | Q(notes__contains=q)
            | Q(residents__name__contains=q, residents__left_at__isnull=True)
        ).distinct()
    return households


def household_get(*, user: AnyUser, household_id: int) -> Household | None:
    # With the unit's building, which its pages name in their breadcrumbs.
    return household_list(user=user).select_related("area__parent").filter(pk=household_id).first()


def resident_list(
    *, user: AnyUser, area: Area | None = None, tag: str = "", q: str = ""
) -> QuerySet[Resident]:
    residents = scoped(
        Resident.objects.select_related("household__area__parent").prefetch_related("care_tags"),
        user,
        RESIDENT_PATH,
    )
    if area is not None:
        residents = residents.filter(household__area__path__startswith=area.path)
    if tag == "any":
        residents = residents.filter(care_tags__isnull=False).distinct()
    elif tag:
        residents = residents.filter(care_tags__name=tag)
    if q:
        residents = residents.filter(Q(name__contains=q) | Q(phone__contains=q) | Q(household__room=q))
    return residents.order_by("household__area__path", "household__room", "id")


def resident_get(*, user: AnyUser, resident_id: int) -> Resident | None:
    """One resident, including one who has left the ledger (their page says so, and can bring them back)."""
    residents = scoped(Resident.everyone.select_related("household__area__parent"), user, RESIDENT_PATH)
    return residents.prefetch_related("care_tags").filter(pk=resident_id).first()


def residents_left(*, household: Household) -> QuerySet[Resident]:
    """Who has left the ledger from this household (a household the caller already has in scope), latest first."""
    return Resident.everyone.filter(household=household, left_at__isnull=False).order_by("-left_at")


def residents_current(pks: list[int]) -> set[int]:
    """Which of these residents are still in the ledger."""
    return set(Resident.objects.filter(pk__in=pks).values_list("pk", flat=True))


def care_tags() -> QuerySet[CareTag]:
    return CareTag.objects.all()


def history_for(*, user: AnyUser, household: Household) -> QuerySet[LedgerChange]:
    return scoped(
        LedgerChange.objects.select_related("resident", "actor__staff"), user, "household__area__path"
    ).filter(household=household)


def resident_history(*, user: AnyUser, resident: Resident) -> QuerySet[LedgerChange]:
    """A resident's own entries in every household they have lived in (an import moves a person whose
    ID turns up in another room), as far as the user's scope reaches."""
    return scoped(LedgerChange.objects.select_related("actor__staff"), user, "household__area__path").filter(
        resident=resident
    )


def campaign_list(*, user: AnyUser, area: Area | None = None) -> QuerySet[Campaign]:
    """Campaigns run inside the user's scope, and those covering it from above (a station works in the
    district's campaign); with `area`, those covering that area or run inside it."""
    covering: set[int] = set()
    for root in top_areas(user):
        covering.update(root.ancestor_ids())
    campaigns = Campaign.objects.select_related("area").filter(
        scope_q(user, "area__path") | Q(area_id__in=covering)
    )
    if area is not None:
        campaigns = campaigns.filter(
            Q(area__path__startswith=area.path) | Q(area_id__in=[*area.ancestor_ids(), area.pk])
        )
    return campaigns


def campaign_get(*, user: AnyUser, campaign_id: int) -> Campaign | None:
    return campaign_list(user=user).filter(pk=campaign_id).first()


def _count(households: QuerySet[Household]) -> Coalesce:
    return counted(households.filter(area__path__startswith=OuterRef("path")))


def progress_rows(*, campaign: Campaign, parent: Area, children: QuerySet[Area]) -> list[dict[str, Any]]:
    """For each child area and the parent itself: households, visited, verified, vacant, not visited.

    Every figure is one COUNT over households whose area path starts with the child's path, so the
    children's figures add up to the parent's, and all of them agree with the ledger.
    """
    visits = Visit.objects.filter(campaign=campaign, household=OuterRef("pk"))
    base = Household.objects.annotate(
        visited=Exists(visits),
        verified=Exists(visits.filter(outcome__in=[Outcome.VERIFIED, Outcome.CORRECTED])),
    )
    measures = {
        "households": base,
        "visited": base.filter(visited=True),
        "verified": base.filter(verified=True),
        "vacant": base.filter(status=HouseholdStatus.VACANT),
    }
    annotations = {f"n_{name}": _count(qs) for name, qs in measures.items()}
    areas = list(children.annotate(**annotations)) + list(
        Area.objects.filter(pk=parent.pk).annotate(**annotations)
    )
    rows = []
    for area in areas:
        row: dict[str, Any] = {"area": area.pk, "name": area.name, "kind": area.kind}
        row.update({name: getattr(area, f"n_{name}") for name in measures})
        row["not_visited"] = row["households"] - row["visited"]
        rows.append(row)
    return rows


def campaign_running(*, user: AnyUser, area: Area) -> Campaign | None:
    """The campaign covering `area` that runs today (else the latest covering it)."""
    today = timezone.localdate()
    covering = campaign_list(user=user, area=area).filter(area_id__in=[*area.ancestor_ids(), area.pk])
    return covering.filter(starts_on__lte=today, ends_on__gte=today).first() or covering.first()


@dataclass
class Tile:
    household: Household
    state: str  # "verified", "not_yet" or "vacant"
    care: bool
    last_outcome: str | None


def building_households(*, user: AnyUser, area: Area, campaign: Campaign | None) -> list[Tile]:
    """Each household of a building or unit with its door-knocking state (one query)."""
    households = household_list(user=user, area=area).annotate(
        care=Exists(Resident.objects.filter(household=OuterRef("pk"), care_tags__isnull=False))
    )
    if campaign is not None:
        latest = Visit.objects.filter(campaign=campaign, household=OuterRef("pk")).order_by("-visited_at")
        households = households.annotate(last_outcome=Subquery(latest.values("outcome")[:1]))
    tiles = []
    for h in households.order_by("area__path", "room"):
        outcome = getattr(h, "last_outcome", None)
        if h.status == HouseholdStatus.VACANT:
            state = "vacant"
        elif outcome in (Outcome.VERIFIED, Outcome.CORRECTED):
            state = "verified"
        else:
            state = "not_yet"
        tiles.append(Tile(h, state, bool(getattr(h, "care", False)), outcome))
    return tiles
