"""Coverage (人手足、种类全、全覆盖、无死角): every requirement as a check on a place, rolled up the tree.

Each check belongs to one place (a street, community or compound for 包保 and station checks, a
building for its manager) and counts `units` (e.g. two deputy commanders = two units). An area's
score is the share of units met by the checks on places inside it, so the figures of the children
always add up to their parent's. The per-place figures are counted in the database (correlated
path-prefix subqueries, one query per kind of check); only the sums are done here.

Coverage is of one day (today unless asked): someone on leave that day holds their place on paper
but is not there, so they count for no check, and the report says how many they are.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from grassroots.core.subqueries import counted
from grassroots.people.models import StaffKind
from grassroots.places.models import Area, AreaKind
from grassroots.places.selectors import count_under
from grassroots.residents.models import Household

from .models import STATION_POSTS, Assignment, CoverageRequirement, Leave, Role, WorkGroup
from .selectors import active_q, local_day

# Roles that put a person on the station's daily strength: counted for head count, staff kinds and
# the rota. Guarantors and the two secretaries answer for the station from their departments (a
# first secretary often serves every compound of a community), so they are not counted per compound.
STATION_ROLES = (Role.COMMANDER, Role.DEPUTY_COMMANDER, Role.MEMBER)


@dataclass
class Check:
    area_id: int
    path: str
    name: str
    kind: str  # guarantor | post | kind | group | ratio | building
    units: int
    met: int
    missing: str = ""

    @property
    def gap(self) -> bool:
        return self.met < self.units


@dataclass
class Rollup:
    area: Area
    units: int = 0
    met: int = 0
    gaps: int = 0

    @property
    def score(self) -> float:
        return round(100.0 * self.met / self.units, 1) if self.units else 100.0


@dataclass
class Report:
    area: Area
    total: Rollup
    children: list[Rollup]
    gaps: list[Check] = field(default_factory=list)
    # People holding a place inside the area who are on leave that day, so counted for nothing.
    on_leave: int = 0


def requirements_for(areas: Sequence[Area]) -> dict[int, CoverageRequirement]:
    """The requirement that applies to each area: the nearest row up the tree, else the built-in defaults."""
    rows = list(CoverageRequirement.objects.select_related("area"))
    default = CoverageRequirement()
    result = {}
    for area in areas:
        best = None
        for row in rows:
            if area.path.startswith(row.area.path) and (
                best is None or len(row.area.path) > len(best.area.path)
            ):
                best = row
        result[area.pk] = best or default
    return result


def requirement_for(area: Area) -> CoverageRequirement:
    return requirements_for([area])[area.pk]


def present(on: dt.date) -> QuerySet[Assignment]:
    """Assignments running on day `on` whose holder is not on leave that day."""
    away = Leave.objects.filter(staff=OuterRef("staff_id"), starts_on__lte=on, ends_on__gte=on)
    return Assignment.objects.filter(active_q(on)).filter(~Exists(away))


def away(within: Area, on: dt.date) -> QuerySet[Leave]:
    """Leave on day `on` of the people holding a place inside `within`."""
    held = Assignment.objects.filter(active_q(on), area__path__startswith=within.path).values("staff_id")
    return (
        Leave.objects.filter(staff__in=held, starts_on__lte=on, ends_on__gte=on)
        .select_related("staff")
        .order_by("staff__name", "staff_id", "ends_on")
    )


def compound_figures(compounds: QuerySet[Area], on: dt.date, kinds: list[str]) -> QuerySet[Area]:
    """Annotate compounds with what their stations hold on day `on`, counted in the database."""
    running = present(on).filter(area=OuterRef("pk"))
    station = running.filter(role__in=STATION_ROLES)
    annotations = {
        "n_staff": counted(station, of="staff", distinct=True),
        "n_guarantor": counted(running.filter(role=Role.GUARANTOR)),
    }
    for role in STATION_POSTS:
        annotations[f"post_{role}"] = counted(running.filter(role=role), of="staff", distinct=True)
    for group in WorkGroup.values:
        annotations[f"group_{group}"] = counted(
            running.filter(role=Role.MEMBER, work_group=group), of="staff", distinct=True
        )
    for kind in kinds:
        annotations[f"kind_{kind}"] = counted(station.filter(staff__kind=kind), of="staff", distinct=True)
    return compounds.annotate(**annotations)


def checks(within: Area, on: dt.date | None = None) -> list[Check]:
    """Every check on every place inside `within` (the area itself included)."""
    on = on or local_day()
    inside = Area.objects.filter(path__startswith=within.path)
    result: list[Check] = []

    guaranteed = present(on).filter(area=OuterRef("pk"), role=Role.GUARANTOR)
    for place in inside.filter(kind__in=[AreaKind.STREET, AreaKind.COMMUNITY]).annotate(
        ok=Exists(guaranteed)
    ):
        result.append(
            Check(place.pk, place.path, place.name, "guarantor", 1, int(place.ok), _("no guarantor (包保)"))
        )

    compounds = list(inside.filter(kind=AreaKind.COMPOUND))
    reqs = requirements_for(compounds)
    kinds = sorted({k for r in reqs.values() for k in r.required_kinds})
    households = count_under(
        compounds, Household.objects.filter(area__path__startswith=within.path), "area__path"
    )
    for row in compound_figures(inside.filter(kind=AreaKind.COMPOUND), on, kinds).values():
        result.extend(_compound_checks({**row, "n_households": households[row["id"]]}, reqs[row["id"]]))

    managed = present(on).filter(area=OuterRef("pk"), role=Role.BUILDING_MANAGER)
    buildings = list(
        inside.filter(kind=AreaKind.BUILDING)
        .annotate(managed=Exists(managed))
        .values("id", "path", "name", "parent_id", "parent__name", "managed")
    )
    parents = Area.objects.in_bulk({b["parent_id"] for b in buildings})
    building_reqs = requirements_for(list(parents.values()))
    for b in buildings:
        if building_reqs[b["parent_id"]].building_managers:
            where = f"{b['parent__name']} {b['name']}"
            result.append(
                Check(b["id"], b["path"], where, "building", 1, int(b["managed"]), _("no building manager"))
            )
    return result


def _short(label: str, need: int, have: int) -> str:
    if have >= need:
        return ""
    if have == 0:
        return _("no %(what)s") % {"what": label}
    return _("%(n)d short of %(what)s") % {"n": need - have, "what": label}


def _compound_checks(row: dict[str, Any], req: CoverageRequirement) -> list[Check]:
    found: list[Check] = []

    def add(kind: str, units: int, met: int, missing: str) -> None:
        found.append(Check(row["id"], row["path"], row["name"], kind, units, min(met, units), missing))

    add("guarantor", 1, row["n_guarantor"], _("no guarantor (包保)"))
    for role, need in req.required_posts.items():
        have = row.get(f"post_{role}", 0)
        add("post", need, have, _short(str(Role(role).label), need, have))
    for kind, need in req.required_kinds.items():
        have = row[f"kind_{kind}"]
        add("kind", need, have, _short(str(StaffKind(kind).label), need, have))
    for group in req.required_groups:
        have = row.get(f"group_{group}", 0)
        add("group", 1, have, _("no %(group)s group") % {"group": WorkGroup(group).label} if not have else "")
    staff, households, want = row["n_staff"], row["n_households"], req.households_per_staff
    ratio_ok = staff * want >= households
    if ratio_ok:
        missing = ""
    elif staff == 0:
        missing = ngettext(
            "no staff for %(h)d household (1 per %(want)d wanted)",
            "no staff for %(h)d households (1 per %(want)d wanted)",
            households,
        ) % {"h": households, "want": want}
    else:
        missing = _("1 staff per %(have)d households against 1 per %(want)d") % {
            "have": round(households / staff),
            "want": want,
        }
    add("ratio", 1, int(ratio_ok), missing)
    return found


def report(within: Area, on: dt.date | None = None) -> Report:
    """The coverage of `within`: its score, its gaps worst place first, and each child's roll-up."""
    on = on or local_day()
    all_checks = checks(within, on)
    total = Rollup(within)
    children = {c.pk: Rollup(c) for c in Area.objects.filter(parent=within)}
    per_place: dict[int, Rollup] = {}
    level = len(within.path.strip("/").split("/"))
    for ch in all_checks:
        for roll in (total, _child_of(children, ch.path, level)):
            if roll is not None:
                roll.units += ch.units
                roll.met += ch.met
                roll.gaps += int(ch.gap)
        place = per_place.setdefault(ch.area_id, Rollup(within))
        place.units += ch.units
        place.met += ch.met
    gaps = sorted(
        (ch for ch in all_checks if ch.gap),
        key=lambda ch: (per_place[ch.area_id].score, ch.path, ch.kind),
    )
    rows = sorted(children.values(), key=lambda r: (r.score, -r.gaps, r.area.path))
    on_leave = away(within, on).order_by().values("staff_id").distinct().count()
    return Report(area=within, total=total, children=rows, gaps=gaps, on_leave=on_leave)


def _child_of(children: dict[int, Rollup], path: str, level: int) -> Rollup | None:
    """The child of the report's area (`level` segments deep) that `path` lies under, read from the path."""
    parts = path.strip("/").split("/")
    return children.get(int(parts[level])) if len(parts) > level else None
