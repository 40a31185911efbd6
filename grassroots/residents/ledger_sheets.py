"""A ledger workbook's sheets, and each sheet's rows as Excel shows them.

Rows come from python-calamine, or for a sheet too large to hold, from the streaming reader
(xlsx_stream); either way a merged range's value reads in every cell it covers.
"""

import zipfile
import zlib
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple
from xml.etree import ElementTree
from xml.parsers import expat

import numpy as np
from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from . import xlsx_parts, xlsx_stream

# Sheets whose worksheet XML is larger than this are streamed (xlsx_stream), smaller ones read by
# python-calamine, which is about three times faster per row (and parses outside the GIL) but holds the
# whole sheet: about 1.7 bytes per byte of XML, 1.5 GB for 1,000,000 ledger rows (900 MB of XML).
# 256 MB of XML is about 280,000 ledger rows and at most about 440 MB held by calamine, so any file's
# import stays well under 1 GB. The XML's uncompressed size is in the zip directory, so the choice
# costs nothing; the declared <dimension> cannot be used, as streaming writers (openpyxl's write-only
# mode among them) leave it out.
STREAM_ABOVE_BYTES = 256 << 20
# What a damaged or mislabelled file raises while it is read: its reader's errors, not the import's.
UNREADABLE = (
    CalamineError, zipfile.BadZipFile, KeyError, ValueError, ElementTree.ParseError, expat.ExpatError,
    zlib.error, EOFError,
)  # fmt: skip


class Sheet(NamedTuple):
    position: int  # its place among all the workbook's sheets, chart sheets included
    name: str
    hidden: bool


def worksheets(path: str) -> list[Sheet]:
    """The workbook's sheets that hold rows (not chart sheets), in the workbook's order. An .xlsx
    workbook's list is read from its workbook part alone, without loading its strings."""
    listed = xlsx_parts.worksheets(path)
    if listed is not None:
        return [Sheet(s.position, s.name, s.hidden) for s in listed if s.is_worksheet]
    with CalamineWorkbook.from_path(path) as workbook:
        return [
            Sheet(i, m.name, m.visible != SheetVisibleEnum.Visible)
            for i, m in enumerate(workbook.sheets_metadata)
            if m.typ == SheetTypeEnum.WorkSheet
        ]


def sheet_rows(path: str, index: int = 0) -> Iterator[list[Any]]:
    """The rows of the sheet at `index` in the workbook's order (python-calamine's, or streamed the
    same way without holding the whole sheet when its XML is over STREAM_ABOVE_BYTES)."""
    if xlsx_parts.sheet_xml_size(path, index) > STREAM_ABOVE_BYTES:
        merged = xlsx_parts.merged_ranges(path, index)
        return merged_filled(xlsx_stream.open_rows(path, index), merged, first_column=0)
    workbook = CalamineWorkbook.from_path(path)
    try:
        sheet = workbook.get_sheet_by_index(index)
    except BaseException:
        workbook.close()
        raise

    def rows() -> Iterator[list[Any]]:
        try:
            # calamine's rows start at the sheet's first row but at its first used column.
            yield from merged_filled(
                sheet.iter_rows(),
                calamine_ranges(sheet),
                first_column=sheet.start[1] if sheet.start else 0,
            )
        finally:
            workbook.close()

    return rows()


def merged_filled(
    rows: Iterable[list[Any]], ranges: "np.ndarray[Any, np.dtype[np.int64]]", first_column: int
) -> Iterator[list[Any]]:
    """The rows with every cell of a merged range reading the range's value, as Excel shows it.

    A file keeps a merged range's value in its top-left cell alone, and ledgers merge a household's
    room (or a building, or a yes/no answer) over the rows of its members. `ranges` has a row per
    range: first row, first column, last row, last column, 0-based on the sheet; row i of `rows` is
    the sheet's row i, and its cell j the sheet's column first_column + j."""
    spans = ranges - np.array([0, first_column, 0, first_column])
    spans = spans[(spans[:, 3] >= 0) & ((spans[:, 2] > spans[:, 0]) | (spans[:, 3] > spans[:, 1]))]
    if not len(spans):
        yield from rows
        return
    spans = spans[np.argsort(spans[:, 0], kind="stable")]
    k, n = 0, len(spans)
    next_top = int(spans[0, 0])
    open_ranges: list[tuple[int, int, int, Any]] = []  # (last row, first cell, last cell, value)
    for i, row in enumerate(rows):
        if open_ranges:
            open_ranges = [r for r in open_ranges if r[0] >= i]
            if any(v != "" for v in row):  # a row with nothing of its own stays blank (a form's spare line)
                for _bottom, left, right, value in open_ranges:
                    _fill(row, left, right, value)
        while next_top == i:
            _top, left, bottom, right = spans[k].tolist()
            if left < 0:  # from left of the rows' first column: it starts in a cell without a value
                value = ""
                _fill(row, 0, right, value)
            else:
                value = row[left] if left < len(row) else ""
                _fill(row, left + 1, right, value)
            if bottom > i:
                open_ranges.append((bottom, max(left, 0), right, value))
            k += 1
            next_top = int(spans[k, 0]) if k < n else -1
        yield row


def calamine_ranges(sheet: CalamineSheet) -> "np.ndarray[Any, np.dtype[np.int64]]":
    """calamine's merged ranges (pairs of (row, column) corners) as merged_filled takes them."""
    corners = sheet.merged_cell_ranges or []
    return np.array([(*first, *last) for first, last in corners], dtype=np.int64).reshape(-1, 4)


def _fill(row: list[Any], left: int, right: int, value: Any) -> None:
    if right >= len(row):
        row.extend([""] * (right + 1 - len(row)))
    row[left : right + 1] = [value] * (right + 1 - left)
