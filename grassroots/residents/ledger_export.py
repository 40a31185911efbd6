"""Writing ledger workbooks: exports of the four lists, and the error report of an import.

openpyxl's write-only mode streams rows to a temporary file, so memory does not grow with the
row count; every sheet carries the exporter and time in its page header and in its first row.
"""

from collections.abc import Iterator
from contextlib import suppress
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from grassroots.core import crypto
from grassroots.core.models import AnyUser
from grassroots.core.scope import in_scope
from grassroots.core.services import audit_record
from grassroots.places.models import Area

from .ledger_read import STANDARD, header_name
from .ledger_sheets import UNREADABLE, sheet_rows, worksheets
from .models import Household, HouseholdStatus, Resident
from .selectors import household_list, resident_list
from .services import can_unmask

LISTS = {
    "residents": _("residents"),
    "care": _("care residents"),
    "no-smartphone": _("no-smartphone households"),
    "vacant": _("long-vacant households"),
}
BAD = PatternFill("solid", fgColor="FFC7CE")
YES_NO = {True: "是", False: "否"}
GENDER = {"male": "男", "female": "女", "": ""}


def _watermark(ws: WriteOnlyWorksheet, who: str, when: str, columns: int) -> None:
    text = _("Exported by %(who)s at %(when)s") % {"who": who, "when": when}
    for header in (ws.oddHeader, ws.evenHeader):
        header.center.text = text  # type: ignore[union-attr]
    cell = WriteOnlyCell(ws, text)
    cell.font = Font(italic=True, color="808080")
    ws.append([cell] + [None] * (columns - 1))


def _resident_rows(residents: QuerySet[Resident], unmask: bool) -> Iterator[list[Any]]:
    for r in residents.select_related("household__area__parent__parent__parent__parent").iterator(
        chunk_size=2000
    ):
        unit = r.household.area
        building = unit.parent if unit.kind == "unit" else unit
        compound = building.parent if building else None
        community = compound.parent if compound else None
        street = community.parent if community else None
        number = crypto.decrypt(r.id_number_encrypted) if unmask and r.id_number_encrypted else r.id_masked
        yield [
            street.name if street else "", community.name if community else "", compound.name if compound else "",
            building.name if building else "", unit.name if unit.kind == "unit" else "", r.household.room, r.name,
            GENDER.get(r.gender, ""), r.get_id_type_display(), number, r.phone, r.get_relation_display(),
            r.get_residence_type_display(), YES_NO[r.household.status == HouseholdStatus.VACANT],
            YES_NO[not r.household.no_smartphone], "、".join(t.name for t in r.care_tags.all()), r.notes,
        ]  # fmt: skip


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
    who = (operator or "system") if by is None else by.get_username()
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(str(LISTS[kind]))
    if kind in ("residents", "care"):
        header = STANDARD
        rows = _resident_rows(_residents(by, area, kind == "care"), unmask)
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
    _watermark(ws, who, when, len(header))
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
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    stamp = _("Exported by %(who)s at %(when)s") % {"who": who, "when": when}
    for sheet in sheets:
        ws = wb.create_sheet(sheet.name)
        ws.oddHeader.center.text = stamp  # type: ignore[union-attr]
        with suppress(*UNREADABLE):  # what could be read is there; the reason is in the list
            _marked_rows(ws, sheet_rows(source, sheet.position), sheet.name, bad)
    summary = wb.create_sheet(_("errors"))
    summary.oddHeader.center.text = stamp  # type: ignore[union-attr]
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
