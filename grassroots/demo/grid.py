"""The demo grid, shaped like the seed: 四平市 → 铁东区 (8 streets, 40 communities, 230 compounds) and
双辽市 (townships, 144 villages); posts on it: 8 combat zones, 40 centres, 230 stations, and a few
isolation points and checkpoints."""

from grassroots.places.models import Area, AreaKind, Post, PostKind
from grassroots.places.services import area_create, areas_bulk_create

from . import names
from .context import DemoContext

COMMUNITIES_PER_STREET = 5
COMPOUNDS = 230
VILLAGES = 144

ZONE_NUMERALS = "一二三四五六七八"


def _spread(total: int, bins: int) -> list[int]:
    base, extra = divmod(total, bins)
    return [base + (1 if i < extra else 0) for i in range(bins)]


def build(ctx: DemoContext) -> None:
    rng = ctx.rng
    ctx.city = area_create(name="四平市", kind=AreaKind.CITY, parent=None, code="220300")
    ctx.district = area_create(name="铁东区", kind=AreaKind.DISTRICT, parent=ctx.city, code="220303")
    ctx.county = area_create(name="双辽市", kind=AreaKind.COUNTY, parent=ctx.city, code="220382")

    ctx.streets = areas_bulk_create(
        [
            Area(name=name, kind=AreaKind.STREET, parent=ctx.district, code=f"220303{i + 1:03d}000")
            for i, name in enumerate(names.STREETS)
        ]
    )
    words = names.COMMUNITY_WORDS[:]
    rng.shuffle(words)
    ctx.communities = areas_bulk_create(
        [
            Area(
                name=f"{words[s * COMMUNITIES_PER_STREET + j]}社区",
                kind=AreaKind.COMMUNITY,
                parent=street,
                code=f"{street.code[:9]}{j + 1:03d}",
            )
            for s, street in enumerate(ctx.streets)
            for j in range(COMMUNITIES_PER_STREET)
        ]
    )
    per_community = _spread(COMPOUNDS, len(ctx.communities))
    rng.shuffle(per_community)
    compounds = []
    for community, n in zip(ctx.communities, per_community, strict=True):
        for j in range(n):
            name = rng.choice(names.COMPOUND_WORDS) + rng.choice(names.COMPOUND_SUFFIX)
            compounds.append(
                Area(
                    name=f"{community.name[:-2]}{name}" if j % 2 else name,
                    kind=AreaKind.COMPOUND,
                    parent=community,
                    code=f"{j + 1:03d}",
                    land_area_m2=rng.randrange(8_000, 120_000, 500),
                    difficulty=rng.choices([1, 2, 3, 4, 5], weights=[2, 4, 5, 3, 1])[0],
                )
            )
    ctx.compounds = areas_bulk_create(compounds)
    ctx.buildings = areas_bulk_create(
        [
            Area(name=f"{b + 1}号楼", kind=AreaKind.BUILDING, parent=compound, code=f"{b + 1:02d}")
            for compound in ctx.compounds
            for b in range(ctx.scaled(3, 9))
        ]
    )
    ctx.units = areas_bulk_create(
        [
            Area(name=f"{u + 1}单元", kind=AreaKind.UNIT, parent=building, code=f"{u + 1}")
            for building in ctx.buildings
            for u in range(rng.randint(2, 4))
        ]
    )
    _rural(ctx)
    _posts(ctx)


def _rural(ctx: DemoContext) -> None:
    ctx.townships = areas_bulk_create(
        [
            Area(name=name, kind=AreaKind.TOWNSHIP, parent=ctx.county, code=f"220382{i + 1:03d}000")
            for i, name in enumerate(names.TOWNSHIPS)
        ]
    )
    villages = []
    seen: set[str] = set()
    for township, n in zip(ctx.townships, _spread(VILLAGES, len(ctx.townships)), strict=True):
        for j in range(n):
            name = ""
            while not name or name in seen:
                name = ctx.rng.choice(names.VILLAGE_WORDS) + ctx.rng.choice(names.VILLAGE_ROOTS) + "村"
                if name in seen:
                    name = ctx.rng.choice(names.VILLAGE_WORDS) + name
            seen.add(name)
            villages.append(
                Area(
                    name=name,
                    kind=AreaKind.VILLAGE,
                    parent=township,
                    code=f"{township.code[:9]}{j + 201:03d}",
                )
            )
    ctx.villages = areas_bulk_create(villages)


def _posts(ctx: DemoContext) -> None:
    rng = ctx.rng
    district = ctx.require("district")
    zones = Post.objects.bulk_create(
        Post(
            name=f"第{ZONE_NUMERALS[i]}作战区",
            kind=PostKind.ZONE,
            area=district,
            address=f"铁东区{street.name}办事处",
            phone=f"0434-{rng.randint(3000000, 3999999)}",
        )
        for i, street in enumerate(ctx.streets)
    )
    for zone, street in zip(zones, ctx.streets, strict=True):
        zone.covers.set([street])
    ctx.centres = Post.objects.bulk_create(
        Post(
            name=f"{c.name}指挥中心",
            kind=PostKind.CENTRE,
            area=c,
            address=f"{c.parent.name if c.parent else ''}{c.name}服务站",
            phone=f"0434-{rng.randint(3000000, 3999999)}",
        )
        for c in ctx.communities
    )
    ctx.stations = Post.objects.bulk_create(
        Post(
            name=f"{c.name}指挥站",
            kind=PostKind.STATION,
            area=c,
            address=f"{c.name}物业服务中心",
            phone=f"0434-{rng.randint(3000000, 3999999)}",
        )
        for c in ctx.compounds
    )
    isolation = [
        Post(
            name=f"{street.name[:-2]}集中隔离点",
            kind=PostKind.ISOLATION_POINT,
            area=street,
            address=f"{street.name}宾馆",
        )
        for street in ctx.streets[:3]
    ]
    checkpoints = [
        Post(
            name=f"{street.name[:-2]}交通卡点",
            kind=PostKind.CHECKPOINT,
            area=street,
            address=f"{street.name}出入口",
        )
        for street in ctx.streets[3:7]
    ]
    Post.objects.bulk_create(isolation + checkpoints)
