"""One-to-one care (一对一帮扶): the care-tag dictionary, pairing helpers with care residents,
suggestions, contacts."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.models import AnyUser, User
from grassroots.core.scope import in_scope, role_at_least, scoped
from grassroots.core.services import audit_record
from grassroots.core.typed import typed_text
from grassroots.people.models import Staff
from grassroots.places.models import Area, AreaKind

from .models import CareContact, CarePair, CareTag, Channel, Resident

RESIDENT_PATH = "household__area__path"


def care_residents(*, user: AnyUser, area: Area | None = None) -> QuerySet[Resident]:
    residents = scoped(Resident.objects.filter(care_tags__isnull=False), user, RESIDENT_PATH)
    if area is not None:
        residents = residents.filter(household__area__path__startswith=area.path)
    return residents.distinct()


def care_gaps(*, user: AnyUser, area: Area | None = None) -> QuerySet[Resident]:
    """Care residents nobody answers for yet."""
    return (
        care_residents(user=user, area=area)
        .exclude(pk__in=CarePair.objects.filter(ended_at__isnull=True).values("resident_id"))
        .select_related("household__area")
        .prefetch_related("care_tags")
        .order_by("household__area__path", "household__room", "pk")
    )


def _compound_of(paths: set[str]) -> dict[str, Area]:
    """Each area path → the compound above it (one query over all ancestor ids)."""
    ids = {int(p) for path in paths for p in path.strip("/").split("/") if p}
    compounds = list(Area.objects.filter(pk__in=ids, kind=AreaKind.COMPOUND))
    return {path: c for path in paths for c in compounds if path.startswith(c.path)}


@dataclass
class Suggestion:
    resident: Resident
    helper: Staff
    load: int  # the helper's active pairs before this one


def care_suggest(*, user: AnyUser, area: Area | None = None) -> list[Suggestion]:
    """A helper for each gap: staff of the same compound, least-loaded first (party members on a tie)."""
    gaps = list(care_gaps(user=user, area=area))
    compounds = _compound_of({r.household.area.path for r in gaps})
    candidates: dict[int, list[Staff]] = {}
    load: dict[int, int] = {}
    for compound in {c.pk: c for c in compounds.values()}.values():
        staff: list[Staff] = list(
            scoped(Staff.objects.filter(area__path__startswith=compound.path), user, "area__path").annotate(
                active=Count("care_pairs", filter=Q(care_pairs__ended_at__isnull=True))
            )
        )
        candidates[compound.pk] = staff
        load.update({s.pk: s.active for s in staff})  # type: ignore[attr-defined]
    suggestions = []
    for resident in gaps:
        home = compounds.get(resident.household.area.path)
        pool = candidates.get(home.pk, []) if home else []
        if not pool:
            continue
        helper = min(pool, key=lambda s: (load[s.pk], not s.is_party_member, s.pk))
        suggestions.append(Suggestion(resident, helper, load[helper.pk]))
        load[helper.pk] += 1
    return suggestions


@transaction.atomic
def care_pair_assign(*, by: AnyUser | None, resident: Resident, helper: Staff) -> CarePair:
    """Make `helper` answer for `resident`, ending any earlier pairing."""
    # Locked, so a pairing waits for a departure under way and then sees it (leaving ends care).
    resident = (
        Resident.everyone.select_for_update(of=("self",))
        .select_related("household__area")
        .get(pk=resident.pk)
    )
    if resident.left_at is not None:
        raise ValidationError(
            {
                "resident": _("%(name)s has left the ledger; bring them back before changing their record.")
                % {"name": resident.name}
            }
        )
    area = resident.household.area
    if by is not None and not (in_scope(by, area) and in_scope(by, helper.area)):
        raise PermissionDenied
    if not resident.care_tags.exists():
        raise ValidationError({"resident": _("Only a resident with a care tag gets a one-to-one helper.")})
    now = timezone.now()
    CarePair.objects.filter(resident=resident, ended_at__isnull=True).exclude(helper=helper).update(
        ended_at=now
    )
    pair = CarePair.objects.filter(resident=resident, helper=helper, ended_at__isnull=True).first()
    if pair is None:
        pair = CarePair.objects.create(resident=resident, helper=helper)
        audit_record(actor=by, action="care_pair_assign", obj=pair, area=area, detail={"helper": helper.pk})
    return pair


@transaction.atomic
def care_suggest_apply(*, by: AnyUser, area: Area | None = None) -> list[CarePair]:
    return [
        care_pair_assign(by=by, resident=s.resident, helper=s.helper)
        for s in care_suggest(user=by, area=area)
    ]


@transaction.atomic
def care_contact_record(
    *,
    by: AnyUser | None,
    pair: CarePair,
    channel: str,
    note: str = "",
    contacted_at: datetime.datetime | None = None,
) -> CareContact:
    area = pair.resident.household.area
    if by is not None and not in_scope(by, area):
        raise PermissionDenied
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Unknown channel %(value)s.") % {"value": channel}})
    if pair.ended_at is not None:
        raise ValidationError(
            {"pair": _("This pairing has ended; record the contact under the current helper.")}
        )
    when = contacted_at or timezone.now()
    if when > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({"contacted_at": _("A contact cannot be in the future.")})
    contact = CareContact.objects.create(
        pair=pair,
        channel=channel,
        note=note.strip(),
        contacted_at=when,
        recorded_by=by if isinstance(by, User) else None,
    )
    audit_record(actor=by, action="care_contact_record", obj=contact, area=area)
    return contact


@dataclass
class Overdue:
    pair: CarePair
    due_at: datetime.datetime
    days_over: int


def overdue_contacts(
    *,
    user: AnyUser,
    area: Area | None = None,
    helper: Staff | None = None,
    now: datetime.datetime | None = None,
) -> list[Overdue]:
    """Active pairs whose last contact (or start) is older than the strictest tag's frequency.

    Derived from stored times at read time, so a late worker never changes what is overdue.
    """
    now = now or timezone.now()
    pairs = scoped(CarePair.objects.filter(ended_at__isnull=True), user, "resident__household__area__path")
    if area is not None:
        pairs = pairs.filter(resident__household__area__path__startswith=area.path)
    if helper is not None:
        pairs = pairs.filter(helper=helper)
    pairs = pairs.select_related("resident__household__area", "helper").annotate(
        last=Max("contacts__contacted_at"), every=Min("resident__care_tags__contact_every_days")
    )
    found = []
    for pair in pairs:
        every = pair.every  # type: ignore[attr-defined]
        if every is None:
            continue
        due = (pair.last or pair.started_at) + datetime.timedelta(days=every)  # type: ignore[attr-defined]
        if due < now:
            found.append(Overdue(pair, due, (now - due).days))
    found.sort(key=lambda o: o.due_at)
    return found


# The seed's care categories with how often a helper must be in touch (days); the data migration
# installs the same list, this puts it back where a test run flushed the tables.
SEED_TAGS = [
    ("独居老人", 7),
    ("高龄老人", 7),
    ("残疾人", 14),
    ("孕产妇", 7),
    ("婴幼儿", 14),
    ("慢性病需透析", 3),
    ("重症患者", 3),
    ("低保户", 30),
    ("特困人员", 14),
    ("精神障碍患者", 7),
    ("其他需重点照顾", 14),
]


def care_tags_seed() -> None:
    for name, days in SEED_TAGS:
        CareTag.objects.get_or_create(name=name, defaults={"contact_every_days": days})


def may_edit_care_tags(user: AnyUser) -> bool:
    """The care dictionary is the same for the whole district, so only district HQ changes it."""
    return role_at_least(user, "district_hq")


def _clean_care_tag(tag: CareTag | None, name: str, contact_every_days: int) -> str:
    name = typed_text(CareTag, "name", name)
    if not name:
        raise ValidationError({"name": _("The name is required.")})
    if contact_every_days < 1:
        raise ValidationError({"contact_every_days": _("Contact at least once every few days: 1 or more.")})
    same = CareTag.objects.filter(name=name)
    if tag is not None:
        same = same.exclude(pk=tag.pk)
    if same.exists():
        raise ValidationError({"name": _("This care tag is already in the dictionary.")})
    return name


@transaction.atomic
def care_tag_create(*, by: AnyUser | None, name: str, contact_every_days: int) -> CareTag:
    if by is not None and not may_edit_care_tags(by):
        raise PermissionDenied
    tag = CareTag.objects.create(
        name=_clean_care_tag(None, name, contact_every_days), contact_every_days=contact_every_days
    )
    audit_record(actor=by, action="care_tag_create", obj=tag, detail={"every_days": contact_every_days})
    return tag


@transaction.atomic
def care_tag_update(*, by: AnyUser | None, tag: CareTag, name: str, contact_every_days: int) -> CareTag:
    """Rename a tag or change how often its residents must be contacted (residents keep the tag)."""
    if by is not None and not may_edit_care_tags(by):
        raise PermissionDenied
    tag = CareTag.objects.select_for_update().get(pk=tag.pk)
    before = {"name": tag.name, "every_days": tag.contact_every_days}
    tag.name = _clean_care_tag(tag, name, contact_every_days)
    tag.contact_every_days = contact_every_days
    after = {"name": tag.name, "every_days": tag.contact_every_days}
    if before != after:
        tag.save()
        audit_record(actor=by, action="care_tag_update", obj=tag, detail={"before": before, "after": after})
    return tag
