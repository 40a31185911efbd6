"""Households and residents in every compound, the seed's 263 care residents in 铁东区 with helpers
for most of them, one door-knocking campaign under way, and a few people who left the ledger."""

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from grassroots.core import crypto
from grassroots.people.models import Staff
from grassroots.residents.bulk import insert_rows
from grassroots.residents.care import care_tags_seed
from grassroots.residents.departures import resident_leave
from grassroots.residents.idnumbers import compose
from grassroots.residents.models import (
    Campaign,
    CareContact,
    CarePair,
    CareTag,
    Channel,
    Household,
    HouseholdStatus,
    IdType,
    LeftReason,
    Outcome,
    Relation,
    ResidenceType,
    Resident,
    Visit,
)
from grassroots.residents.visits import fingerprint

from .context import DemoContext

CARE_RESIDENTS = 263  # the seed: "针对全区263名需重点照顾群众开展一对一帮扶"
PLACES = ["220303", "220302", "220381", "220382", "220322", "220102", "210102"]
BATCH = 5000


@dataclass
class Person:
    pk: int
    household_id: int
    area_id: int
    birth_date: datetime.date | None
    relation: str


def build(ctx: DemoContext) -> None:
    district = ctx.require("district")
    households = _households(ctx)
    _residents(ctx, households)
    in_district = Resident.objects.filter(household__area__path__startswith=district.path)
    Household.objects.filter(area__path__startswith=district.path).update(
        head=Subquery(in_district.filter(household=OuterRef("pk"), relation=Relation.HEAD).values("pk")[:1])
    )
    people = [
        Person(*row)
        for row in in_district.order_by("pk").values_list(
            "pk", "household_id", "household__area_id", "birth_date", "relation"
        )
    ]
    care = _care(ctx, people)
    _helpers(ctx, care)
    _campaign(ctx, households)
    _departures(ctx)
    group, _ = Group.objects.get_or_create(name="district_hq")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="residents"))


@dataclass
class Home:
    pk: int
    area_id: int
    vacant: bool
    no_smartphone: bool


def _households(ctx: DemoContext) -> list[Home]:
    rng = ctx.rng
    now = timezone.now()
    rows = []
    for unit in ctx.units:
        for floor in range(1, ctx.scaled(2, 4) + 1):
            for door in (1, 2):
                vacant = rng.random() < 0.06
                no_phone = not vacant and rng.random() < 0.08
                status = HouseholdStatus.VACANT if vacant else HouseholdStatus.OCCUPIED
                rows.append((unit.pk, f"{floor}{door:02d}", status, no_phone, "", 1, now))
    insert_rows(
        Household, ["area", "room", "status", "no_smartphone", "notes", "version", "updated_at"], rows
    )
    made = Household.objects.filter(area_id__in=[u.pk for u in ctx.units]).order_by("pk")
    return [
        Home(pk, area_id, status == HouseholdStatus.VACANT, no_phone)
        for pk, area_id, status, no_phone in made.values_list("pk", "area_id", "status", "no_smartphone")
    ]


RESIDENT_FIELDS = [
    "household", "name", "gender", "id_type", "id_number_encrypted", "id_digest", "id_masked", "birth_date",
    "phone", "relation", "residence_type", "is_party_member", "notes", "version", "updated_at",
]  # fmt: skip


def _person(
    ctx: DemoContext, names: dict[bool, list[str]], home: Home, relation: str, age: int, used: set[str]
) -> tuple[object, ...]:
    rng = ctx.rng
    today = datetime.date.today()
    while True:
        born = today - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
        number = compose(rng.choice(PLACES), born, rng.randint(0, 999))
        if number not in used:
            used.add(number)
            break
    male = int(number[16]) % 2 == 1
    return (
        home.pk,
        rng.choice(names[male]),
        "male" if male else "female",
        IdType.RESIDENT_ID,
        number,  # encrypted with the others at once, as an import does
        crypto.digest(number),
        crypto.mask(number),
        born,
        f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}",
        relation,
        rng.choices(ResidenceType.values, weights=[85, 10, 5])[0],
        age >= 18 and rng.random() < 0.07,
        "",
        1,
        ctx.extra.setdefault("now", timezone.now()),
    )


def _residents(ctx: DemoContext, homes: list[Home]) -> None:
    rng = ctx.rng
    used: set[str] = set()
    # Faker is slow per call; a pool of names drawn once reads the same in a demo.
    names = {
        True: [ctx.fake.name_male() for _ in range(1500)],
        False: [ctx.fake.name_female() for _ in range(1500)],
    }
    rows = []
    for home in homes:
        if home.vacant:
            continue
        head_age = rng.randint(25, 92)
        rows.append(_person(ctx, names, home, Relation.HEAD, head_age, used))
        if head_age < 80 and rng.random() < 0.7:
            rows.append(
                _person(ctx, names, home, Relation.SPOUSE, max(20, head_age + rng.randint(-5, 5)), used)
            )
        if head_age < 60:
            for _ in range(rng.choice([0, 1, 1, 2])):
                rows.append(
                    _person(ctx, names, home, Relation.CHILD, rng.randint(0, max(0, head_age - 22)), used)
                )
        elif rng.random() < 0.2:
            rows.append(_person(ctx, names, home, Relation.GRANDCHILD, rng.randint(0, 12), used))
    tokens = crypto.encrypt_many([str(row[4]) for row in rows])
    insert_rows(
        Resident,
        RESIDENT_FIELDS,
        [(*row[:4], token, *row[5:]) for row, token in zip(rows, tokens, strict=True)],
    )


def _care(ctx: DemoContext, residents: list[Person]) -> list[Person]:
    """Exactly 263 care residents, tagged by what fits their age."""
    rng = ctx.rng
    care_tags_seed()
    tags = {t.name: t for t in CareTag.objects.all()}
    today = datetime.date.today()

    def age(r: Person) -> int:
        return (today - r.birth_date).days // 365 if r.birth_date else 40

    elderly = [r for r in residents if age(r) >= 70]
    others = [r for r in residents if age(r) < 70]
    rng.shuffle(elderly)
    rng.shuffle(others)
    pool = elderly[: CARE_RESIDENTS * 3 // 5]
    pool += others[: CARE_RESIDENTS - len(pool)]
    if len(pool) < CARE_RESIDENTS:
        raise RuntimeError(f"demo scale too small for {CARE_RESIDENTS} care residents")
    links = []
    for r in pool:
        a = age(r)
        if a >= 80:
            names = ["高龄老人"] + (
                ["独居老人"] if r.relation == Relation.HEAD and rng.random() < 0.5 else []
            )
        elif a >= 70:
            names = [rng.choice(["独居老人", "慢性病需透析", "残疾人"])]
        elif a <= 3:
            names = ["婴幼儿"]
        else:
            names = [
                rng.choice(
                    ["残疾人", "低保户", "特困人员", "精神障碍患者", "重症患者", "孕产妇", "其他需重点照顾"]
                )
            ]
        links += [Resident.care_tags.through(resident_id=r.pk, caretag_id=tags[n].pk) for n in names]
    Resident.care_tags.through.objects.bulk_create(links, batch_size=BATCH)
    return pool


def _helpers(ctx: DemoContext, care: list[Person]) -> None:
    """Helpers of the same compound for about nine in ten; some contacts recent, some overdue."""
    rng = ctx.rng
    now = timezone.now()
    staff_by_area: dict[int, list[Staff]] = defaultdict(list)
    for s in ctx.extra.get("staff") or Staff.objects.all():
        staff_by_area[s.area_id].append(s)
    unit_compound = {u.pk: u.parent.parent_id for u in ctx.units if u.parent}
    pairs = []
    for r in care:
        helpers = staff_by_area.get(unit_compound.get(r.area_id) or 0)
        if not helpers or rng.random() < 0.1:
            continue
        pairs.append(
            CarePair(
                resident_id=r.pk,
                helper=rng.choice(helpers),
                started_at=now - datetime.timedelta(days=rng.randint(10, 60)),
            )
        )
    pairs = CarePair.objects.bulk_create(pairs, batch_size=BATCH)
    contacts = []
    for pair in pairs:
        # Most were called within the last few days; about one in six has gone quiet for weeks.
        days_ago = rng.randint(20, 40) if rng.random() < 0.17 else rng.randint(0, 2)
        contacts.append(
            CareContact(
                pair=pair,
                channel=rng.choice([Channel.PHONE, Channel.VISIT, Channel.WECHAT]),
                note="电话问候，情况良好" if days_ago < 5 else "上门查看",
                contacted_at=now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 8)),
            )
        )
    CareContact.objects.bulk_create(contacts, batch_size=BATCH)


# What door-knocking turned up in the station's compound: people who no longer live where the ledger says.
DEPARTURES = [
    (LeftReason.MOVED_AWAY, "随子女迁往外地"),
    (LeftReason.DECEASED, ""),
    (LeftReason.DUPLICATE, "与另一条记录为同一人"),
]


def _departures(ctx: DemoContext) -> None:
    """A few residents of the first compound taken out of the ledger by its station, through the same
    service as on the pages, so the household pages and the history show how it looks."""
    station = ctx.extra.get("users", {}).get("station")
    candidates = list(
        Resident.objects.filter(
            household__area__path__startswith=ctx.compounds[0].path, care_tags__isnull=True
        )
        .exclude(relation=Relation.HEAD)
        .order_by("pk")
    )
    # At the smallest scales the compound may have fewer such people than there are examples.
    chosen = ctx.rng.sample(candidates, min(len(candidates), len(DEPARTURES)))
    for resident, (reason, note) in zip(chosen, DEPARTURES, strict=False):
        resident_leave(by=station, resident=resident, reason=reason, note=note)


def _campaign(ctx: DemoContext, households: list[Home]) -> None:
    """铁东区's door-knocking campaign, ten days in: most of the first streets visited, fewer further
    on, the last two just begun. Each compound's people with a login knock, and so do its community's
    and street's (each takes one of their compounds); every one has been out at least once before today."""
    rng = ctx.rng
    district = ctx.require("district")
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name="铁东区敲门行动",
        area=district,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=20),
    )
    street_rank = {s.pk: i for i, s in enumerate(ctx.streets)}
    units = {u.pk: u for u in ctx.units}
    homes_of: dict[int, list[Home]] = defaultdict(list)
    for household in households:
        homes_of[units[household.area_id].ancestor_ids()[-2]].append(household)
    logins = ctx.extra.get("logins_by_area", {})
    visitors_of = {c.pk: list(logins.get(c.pk, [])) for c in ctx.compounds}
    for area in [*ctx.communities, *ctx.streets]:
        theirs = [c for c in ctx.compounds if area.pk in c.ancestor_ids()]
        for i, user in enumerate(logins.get(area.pk, [])):
            visitors_of[theirs[i % len(theirs)].pk].append(user)
    visits = []
    now = timezone.now()
    for compound in ctx.compounds:
        homes = homes_of[compound.pk]
        rank = street_rank.get(compound.ancestor_ids()[-2], 99)
        share = 0.9 if rank < 3 else 0.35 if rank < 6 else 0.1
        chosen = [h for h in homes if rng.random() < share]
        visitors = visitors_of[compound.pk]
        rng.shuffle(visitors)
        if homes and len(chosen) < len(visitors):
            # Everyone has been out once; in a small compound some doors are knocked on twice.
            rounds = rng.sample(homes, len(homes)) * (len(visitors) // len(homes) + 1)
            chosen = rounds[: len(visitors)]
        for i, household in enumerate(chosen):
            if household.vacant:
                outcome = Outcome.VACANT
            else:
                outcome = rng.choices(
                    [Outcome.VERIFIED, Outcome.NOBODY_HOME, Outcome.REFUSED], weights=[88, 10, 2]
                )[0]
            channel = (
                Channel.PHONE
                if household.no_smartphone
                else rng.choice([Channel.VISIT, Channel.VISIT, Channel.WECHAT])
            )
            first_round = i < len(visitors)
            visited_at = now - datetime.timedelta(
                days=rng.randint(int(first_round), 9), minutes=rng.randint(0, 600)
            )
            digest = fingerprint(
                household_id=household.pk,
                campaign_id=campaign.pk,
                channel=channel,
                outcome=outcome,
                changes={},
                note="",
            )
            visitor = visitors[i % len(visitors)].pk if visitors else None
            visits.append((uuid.UUID(int=rng.getrandbits(128), version=4), household.pk, campaign.pk, visitor,
                           visited_at, channel, outcome, "{}", "", digest))  # fmt: skip
    insert_rows(
        Visit,
        [
            "id",
            "household",
            "campaign",
            "visitor",
            "visited_at",
            "channel",
            "outcome",
            "changes",
            "note",
            "fingerprint",
        ],
        visits,
    )
