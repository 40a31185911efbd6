"""Writing ledger workbooks: exports of the four lists, and the error report of an import.

openpyxl's write-only mode streams rows to a temporary file, so memory does not grow with the
row count; every sheet carries the exporter and time in its page header and in its first row.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from grassroots.core import crypto
from grassroots.core.models import AnyUser, User
from grassroots.core.scope import in_scope
from grassroots.core.services import audit_record
from grassroots.core.watermark import exporter, stamp, watermark
from grassroots.places.models import Area, AreaKind

from .ledger_read import STANDARD, header_name
from .ledger_sheets import UNREADABLE, sheet_rows, worksheets
from .models import Household, HouseholdStatus, IdType, Relation, ResidenceType, Resident
from .selectors import household_list, resident_list
from .services import can_unmask

# Lazy: the sheet is named in the exporter's language, not in whichever was active at import time.
LISTS = {
    "residents": gettext_lazy("residents"),
    "care": gettext_lazy("care residents"),
    "no-smartphone": gettext_lazy("no-smartphone households"),
    "vacant": gettext_lazy("long-vacant households"),
}
BAD = PatternFill("solid", fgColor="FFC7CE")
YES_NO = {True: "是", False: "否"}
GENDER = {"male": "男", "female": "女", "": ""}


RESIDENT_COLUMNS = (
    "pk", "household__area_id", "household__room", "household__status", "household__no_smartphone", "name",
    "gender", "id_type", "id_number_encrypted", "id_masked", "phone", "relation", "residence_type", "notes",
)  # fmt: skip
EXPORT_BATCH = 2000  # residents read, and their care tags looked up, at a time


def _labels(choices: type[models.TextChoices]) -> dict[str, str]:
    # Each label translated once per export, not once per row.
    return {value: str(label) for value, label in choices.choices}


def _places(area: Area) -> Callable[[int], tuple[str, str, str, str, str]]:
    """A household's area id → (street, community, compound, building, unit) names: read from the
    areas' paths and one query for every area under (and above) the export's, not from each row."""
    wanted = Q(path__startswith=area.path) | Q(pk__in=area.ancestor_ids())
    areas = {
        pk: (name, kind, path)
        for pk, name, kind, path in Area.objects.filter(wanted).values_list("pk", "name", "kind", "path")
    }
    names: dict[int, tuple[str, str, str, str, str]] = {}

    def of(pk: int) -> tuple[str, str, str, str, str]:
        if pk not in names:
            name, kind, path = areas[pk]
            ids = [int(p) for p in path.strip("/").split("/") if p]  # the path ends with the area itself
            unit = name if kind == AreaKind.UNIT else ""
            if unit:
                ids.pop()
            # building, compound, community, street: the last four of the path, nearest first
            chain = [areas[i][0] if i in areas else "" for i in reversed(ids[-4:])]
            building, compound, community, street = chain + [""] * (4 - len(chain))
            names[pk] = (street, community, compound, building, unit)
        return names[pk]

    return of


def _resident_rows(residents: QuerySet[Resident], area: Area, unmask: bool) -> Iterator[list[Any]]:
    places = _places(area)
    id_types, relations = _labels(IdType), _labels(Relation)
    residence_types = _labels(ResidenceType)
    tagged = Resident.care_tags.through.objects
    rows = residents.prefetch_related(None).select_related(None).values_list(*RESIDENT_COLUMNS)
    batch: list[tuple[Any, ...]] = []

    def written() -> Iterator[list[Any]]:
        tags: dict[int, list[str]] = defaultdict(list)
        for resident, tag in tagged.filter(resident_id__in=[r[0] for r in batch]).values_list(
            "resident_id", "caretag__name"
        ):
            tags[resident].append(tag)
        for pk, place, room, status, no_phone, name, gender, id_type, encrypted, masked, phone, relation, residence, notes in batch:  # fmt: skip
            number = crypto.decrypt(encrypted) if unmask and encrypted else masked
            yield [
                *places(place), room, name, GENDER.get(gender, ""), id_types.get(id_type, id_type),
                number, phone, relations.get(relation, relation), residence_types.get(residence, residence),
                YES_NO[status == HouseholdStatus.VACANT], YES_NO[not no_phone], "、".join(sorted(tags[pk])), notes,
            ]  # fmt: skip
        batch.clear()

    for row in rows.iterator(chunk_size=EXPORT_BATCH):
        batch.append(row)
        if len(batch) >= EXPORT_BATCH:
            yield from written()
    yield from written()


def _residents(by: AnyUser | None, area: Area, care: bool) -> QuerySet[Resident]:
    if by is not None:
        return resident_list(user=by, area=area, tag="any" if care else "")
    # The operator at the command line exports the whole area asked for; there is no user to scope by.
    residents = Resident.objects.filter(household__area__path__startswith=area.path).prefetch_related(
        "care_tags"
    )
    if care:
        residents = residents.filter(care_tags__isnull=False).distinct()
    return residents.order_by("household__area__path", "household__room", "id")


def _households(by: AnyUser | None, area: Area, status: str) -> QuerySet[Household]:
    if by is not None:
        return household_list(user=by, area=area, status=status)
    households = Household.objects.filter(area__path__startswith=area.path).select_related("head")
    if status == "no_smartphone":
        return households.filter(no_smartphone=True)
    return households.filter(status=status)


def _household_rows(by: AnyUser | None, area: Area, status: str) -> Iterator[list[Any]]:
    households = _households(by, area, status).select_related("area__parent__parent")
    for h in households.iterator(chunk_size=2000):
        unit = h.area
        building = unit.parent if unit.kind == "unit" else unit
        yield [
            building.parent.name if building and building.parent else "", building.name if building else "",
            unit.name if unit.kind == "unit" else "", h.room, h.head.name if h.head else "", h.head.phone if h.head else "",
            YES_NO[h.status == HouseholdStatus.VACANT], YES_NO[not h.no_smartphone], h.notes,
        ]  # fmt: skip


def export_ledger(
    *, by: AnyUser | None, area: Area, kind: str, out: IO[bytes], unmask: bool = False, operator: str = ""
) -> int:
    """Write one list of `area` to `out` as xlsx; returns the rows written. Audited.

    by=None is an operator at the command line, named by `operator` (e.g. "manage.py (root)") in the
    watermark and the audit record; with no user who holds the permission, ID numbers stay masked.
    """
    if kind not in LISTS or (by is not None and not in_scope(by, area)):
        raise PermissionDenied
    if unmask and (by is None or not can_unmask(by)):
        raise PermissionDenied
    who = exporter(by) if isinstance(by, User) else (operator or "system")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(str(LISTS[kind]))
    if kind in ("residents", "care"):
        header = STANDARD
        rows = _resident_rows(_residents(by, area, kind == "care"), area, unmask)
    else:
        header = [
            "小区",
            "楼栋",
            "单元",
            "房号",
            "户主",
            "联系电话",
            "是否长期无人",
            "是否有智能手机",
            "备注",
        ]
        rows = _household_rows(by, area, "vacant" if kind == "vacant" else "no_smartphone")
    stamp(ws, watermark(who))
    ws.append(header)
    count = 0
    for row in rows:
        ws.append(row)
        count += 1
    wb.save(out)
    audit_record(
        actor=by,
        action="ledger_export",
        area=area,
        reason=_("full ID numbers") if unmask else "",
        detail={"list": kind, "rows": count, "unmasked": unmask, **({"operator": who} if by is None else {})},
    )
    return count


def write_report(*, source: str, errors: list[dict[str, Any]], out: IO[bytes], who: str) -> None:
    """The uploaded workbook's sheets again (those Excel shows), each bad cell filled red with the
    reason as a comment, then the list of errors."""
    try:
        sheets = [s for s in worksheets(source) if not s.hidden]
    except UNREADABLE:
        sheets = []  # the file itself was the error: the list says so
    first = sheets[0].name if sheets else ""
    bad: dict[tuple[str, int, str], str] = {}
    for e in errors:
        # Errors kept from before imports read every sheet name none: they are the first sheet's.
        key = (e.get("sheet", first), e["row"], e["column"])
        bad[key] = f"{bad[key]}\n{e['reason']}" if key in bad else e["reason"]
    wb = Workbook(write_only=True)
    mark = watermark(who)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.name)
        # In the printed header only: the rows stay where the file had them, as its error list says.
        stamp(ws, mark, first_row=False)
        with suppress(*UNREADABLE):  # what could be read is there; the reason is in the list
            _marked_rows(ws, sheet_rows(source, sheet.position), sheet.name, bad)
    summary = wb.create_sheet(_("errors"))
    stamp(summary, mark, first_row=False)
    summary.append([_("sheet"), _("row"), _("column"), _("value"), pgettext("error", "reason")])
    for e in errors:
        summary.append([e.get("sheet", first), e["row"], e["column"], e["value"], e["reason"]])
    wb.save(out)


def _marked_rows(
    ws: WriteOnlyWorksheet, rows: Iterator[list[Any]], sheet: str, bad: dict[tuple[str, int, str], str]
) -> None:
    names: dict[int, str] = {}
    for number, row in enumerate(rows, start=1):
        if not names:
            found = {j: header_name(v) for j, v in enumerate(row)}
            if sum(1 for n in found.values() if n) >= 4:
                names = {j: n for j, n in found.items() if n}
        cells = []
        for j, value in enumerate(row):
            cell = WriteOnlyCell(ws, value)
            reason = bad.get((sheet, number, names.get(j, "")))
            if reason:
                cell.fill = BAD
                cell.comment = Comment(reason, "Grassroots")
            cells.append(cell)
        ws.append(cells)
