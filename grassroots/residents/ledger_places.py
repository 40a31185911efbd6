"""Where a ledger file's rows stand on the grid: each row's compound, its building and unit (found, or
created by a real import), and the households a dry run says the import would add."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.translation import gettext as _

from grassroots.places.models import Area, AreaKind
from grassroots.places.services import areas_keyed

from .bulk import allocate_ids
from .ledger_read import Checked, Row
from .models import Household

PlaceKey = tuple[int, str, str]  # (compound id, building name, unit name or "")


class Compounds:
    """Each row's compound under the import's area, by its 社区/小区 names (worked out once per pair)."""

    def __init__(self, area: Area, checked: Checked) -> None:
        self.area, self.checked = area, checked
        self.by_name: dict[str, list[Area]] = defaultdict(list)
        if area.kind != AreaKind.COMPOUND:
            for c in Area.objects.filter(path__startswith=area.path, kind=AreaKind.COMPOUND).select_related(
                "parent"
            ):
                self.by_name[c.name].append(c)
        self.found: dict[tuple[str, str], Area | tuple[str, str, str]] = {}

    def of(self, row: Row) -> Area | None:
        key = (row.community, row.compound)
        if key not in self.found:
            self.found[key] = self._find(row)
        found = self.found[key]
        if isinstance(found, Area):
            return found
        self.checked.error(row.number, *found)
        return None

    def _find(self, row: Row) -> Area | tuple[str, str, str]:
        area = self.area
        if area.kind == AreaKind.COMPOUND:
            if row.compound and row.compound != area.name:
                return (
                    "小区",
                    row.compound,
                    _("This file is being imported into %(area)s.") % {"area": area.name},
                )
            return area
        matches = [
            c
            for c in self.by_name.get(row.compound, [])
            if not row.community or (c.parent and c.parent.name == row.community)
        ]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            return ("小区", row.compound, _("No compound of this name in %(area)s.") % {"area": area.name})
        return ("社区", row.community, _("Several compounds have this name; fill in the 社区 column."))


class Grid:
    """Buildings and units of the file's compounds: found, or reported missing and (for real) created:
    keyed here, written with the chunk that first needs them (`unwritten`)."""

    def __init__(self, db: BaseDatabaseWrapper | None) -> None:
        self.db, self.dry_run = db, db is None
        self.unwritten: list[Area] = []
        self.loaded: set[int] = set()
        self.buildings: dict[tuple[int, str], Area | None] = {}
        self.units: dict[tuple[int, str, str], int | None] = {}  # (compound id, building, unit) → unit id
        self.new_buildings: list[str] = []
        self.new_units: list[str] = []
        self.codes: dict[int, set[str]] = {}
        self.next_code: dict[int, int] = {}

    def _load(self, compounds: Iterable[Area]) -> None:
        fresh = {c.pk: c for c in compounds if c.pk not in self.loaded}
        if not fresh:
            return
        by_pk: dict[int, tuple[int, str]] = {}
        for b in Area.objects.filter(parent_id__in=fresh, kind=AreaKind.BUILDING).select_related("parent"):
            self.buildings[(b.parent_id, b.name)] = b  # type: ignore[index]
            by_pk[b.pk] = (b.parent_id, b.name)  # type: ignore[assignment]
        for pk, parent, name in Area.objects.filter(parent_id__in=by_pk, kind=AreaKind.UNIT).values_list(
            "pk", "parent_id", "name"
        ):
            self.units[(*by_pk[parent], name)] = pk
        self.loaded |= fresh.keys()

    def _take_code(self, parent: int) -> str:
        """The lowest free two-digit code under `parent` (the next one tried is remembered: a compound
        may get thousands of new buildings in one file)."""
        if parent not in self.codes:
            self.codes[parent] = set(Area.objects.filter(parent_id=parent).values_list("code", flat=True))
            self.next_code[parent] = 1
        n = self.next_code[parent]
        while f"{n:02d}" in self.codes[parent]:
            n += 1
        self.next_code[parent] = n + 1
        self.codes[parent].add(f"{n:02d}")
        return f"{n:02d}"

    def _create(self, areas: list[Area]) -> list[Area]:
        assert self.db is not None
        made = areas_keyed(areas, allocate_ids(Area, len(areas), self.db))
        self.unwritten += made
        return made

    def places(self, wanted: dict[PlaceKey, Area]) -> dict[PlaceKey, int | None]:
        """Place key → the id of its unit (or building). Missing ones are reported and, unless this is
        a dry run, created (then they are None only in a dry run)."""
        self._load(wanted.values())
        compound = {c.pk: c for c in wanted.values()}
        missing = sorted({(c, b) for c, b, _u in wanted if (c, b) not in self.buildings})
        self.new_buildings += [f"{compound[c].name} {b}" for c, b in missing]
        if self.dry_run:
            self.buildings.update(dict.fromkeys(missing))
        elif missing:
            made = self._create(
                [
                    Area(name=b, kind=AreaKind.BUILDING, parent=compound[c], code=self._take_code(c))
                    for c, b in missing
                ]
            )
            for a in made:
                self.buildings[(a.parent_id, a.name)] = a  # type: ignore[index]
                self.codes[a.pk] = set()
                self.next_code[a.pk] = 1
        missing_units = sorted({k for k in wanted if k[2] and k not in self.units})
        self.new_units += [f"{compound[c].name} {b} {u}" for c, b, u in missing_units]
        if self.dry_run:
            self.units.update(dict.fromkeys(missing_units))
        elif missing_units:
            parents = [self.buildings[(c, b)] for c, b, _u in missing_units]
            made = self._create(
                [
                    Area(name=u, kind=AreaKind.UNIT, parent=p, code=self._take_code(p.pk))  # type: ignore[union-attr]
                    for (_c, _b, u), p in zip(missing_units, parents, strict=True)
                ]
            )
            for (c, b, u), a in zip(missing_units, made, strict=True):
                self.units[(c, b, u)] = a.pk
        out: dict[PlaceKey, int | None] = {}
        for key in wanted:
            if key[2]:
                out[key] = self.units[key]
            else:
                building = self.buildings[(key[0], key[1])]
                out[key] = building.pk if building else None
        return out


class NewHouseholds:
    """What a dry run says a real import would add: the file's households the ledger lacks, as (unit or
    building id, room), or (place key, room) in a building or unit the import would create."""

    def __init__(self) -> None:
        self.new: set[tuple[int | PlaceKey, str]] = set()
        self.known: set[tuple[int, str]] = set()
        self.loaded: set[int] = set()

    def add(self, chunk: list[tuple[Row, Area]], place: dict[PlaceKey, int | None]) -> None:
        fresh = {a for a in place.values() if a is not None} - self.loaded
        if fresh:
            self.known.update(Household.objects.filter(area_id__in=fresh).values_list("area_id", "room"))
            self.loaded |= fresh
        for r, c in chunk:
            key = (c.pk, r.building, r.unit)
            area = place[key]
            if area is None:
                self.new.add((key, r.room))
            elif (area, r.room) not in self.known:
                self.new.add((area, r.room))
