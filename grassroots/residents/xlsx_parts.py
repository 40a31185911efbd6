"""An .xlsx workbook's structure, read without parsing any rows: its sheets in the workbook's order
(name, part, kind, hidden or not), a sheet's uncompressed size, and its merged ranges."""

import posixpath
import re
import zipfile
from array import array
from typing import Any, NamedTuple
from xml.etree import ElementTree

import numpy as np

RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MERGE_SCAN_BLOCK = 1 << 22  # inflated bytes searched at a time for the end of the rows
SHEET_DATA_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?sheetData\s*>|<(?:[A-Za-z_][\w.-]*:)?sheetData\s*/>")
MERGE_CELL = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref="([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?"'
)


def column_index(letters: str) -> int:
    """A → 0, Z → 25, AA → 26."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


class Listed(NamedTuple):
    """A sheet as the workbook lists it: its place in the workbook's order (python-calamine's index),
    name, part, whether it holds rows (not a chart sheet) and whether it is hidden."""

    position: int
    name: str
    part: str
    is_worksheet: bool
    hidden: bool


def _listing(archive: zipfile.ZipFile) -> tuple[list[Listed], str | None, str | None, bool]:
    """The workbook's sheets in order, the shared strings' and the styles' part names if the workbook
    has them, and whether it counts dates from 1904."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    is_1904 = False
    listed: list[tuple[str, str | None, bool]] = []  # name, relationship id, hidden
    for el in workbook.iter():
        name = _local(el.tag)
        if name == "workbookPr":
            is_1904 = el.get("date1904", "").lower() in ("1", "true")
        elif name == "sheet":
            listed.append(
                (el.get("name", ""), el.get(f"{{{DOC_RELS}}}id"), el.get("state", "visible") != "visible")
            )
    parts: dict[str, tuple[str, str]] = {}
    shared = styles = None
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{{{RELS}}}Relationship"):
        target = rel.get("Target", "")
        part = posixpath.normpath(
            target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        )
        kind = rel.get("Type", "").rpartition("/")[2]
        parts[rel.get("Id", "")] = (part, kind)
        if kind == "sharedStrings":
            shared = part
        elif kind == "styles":
            styles = part
    sheets = [
        Listed(i, name, parts[rel_id][0], parts[rel_id][1] == "worksheet", hidden)
        for i, (name, rel_id, hidden) in enumerate(listed)
        if rel_id in parts
    ]
    return sheets, shared, styles, is_1904


def worksheets(path: str) -> list[Listed] | None:
    """The sheets of an .xlsx workbook, read from its workbook part alone; None for what is not one
    (.xls, .ods), left to calamine."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _listing(archive)[0]
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return None


def parts(archive: zipfile.ZipFile, index: int) -> tuple[str, str | None, str | None, bool]:
    """The part of the sheet at `index` in the workbook's order (not the file names), then as _listing."""
    sheets, shared, styles, is_1904 = _listing(archive)
    for sheet in sheets:
        if sheet.position == index:
            return sheet.part, shared, styles, is_1904
    raise ValueError("The workbook has no such sheet.")


def sheet_xml_size(path: str, index: int = 0) -> int:
    """A sheet's uncompressed XML size in bytes, from the zip directory without decompressing
    anything; 0 for what is not an .xlsx workbook (.xls, .ods), left to calamine."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.getinfo(parts(archive, index)[0]).file_size
    except (zipfile.BadZipFile, KeyError, ValueError, ElementTree.ParseError):
        return 0


def merged_ranges(path: str, index: int = 0) -> "np.ndarray[Any, np.dtype[np.int64]]":
    """A sheet's merged ranges, one row each: first row, first column, last row, last column (0-based).

    A sheet's <mergeCells> follow its rows, so the part is inflated once, without parsing, to reach
    them (about 0.4 s for 200,000 ledger rows), before the rows are read. An array, as a ledger may
    merge each household's cells: a million ranges take 32 MB here, against 220 MB as tuples."""
    with zipfile.ZipFile(path) as archive, archive.open(parts(archive, index)[0]) as stream:
        carried = b""
        while block := stream.read(MERGE_SCAN_BLOCK):
            data = carried + block
            end = _sheet_data_end(data)
            if end is not None:
                tail = data[end:] + stream.read()
                break
            carried = data[-len(b"</sheetData>") - 64 :]  # a closing tag split across two blocks
        else:
            tail = b""
    found = array("q")
    for m in MERGE_CELL.finditer(tail):
        col, row, last_col, last_row = m.groups()
        top, left = int(row) - 1, column_index(col.decode())
        found.extend(
            (top, left, int(last_row) - 1, column_index(last_col.decode()))
            if last_col
            else (top, left, top, left)
        )
    return np.frombuffer(found, dtype=np.int64).reshape(-1, 4)


def _sheet_data_end(data: bytes) -> int | None:
    """Where the rows end in `data`: after </sheetData>, or an empty <sheetData/>, with any prefix.
    Cell text cannot hold either: its '<' would be &lt;."""
    at = data.find(b"sheetData")
    while at != -1:
        start = data.rfind(b"<", 0, at)
        m = SHEET_DATA_END.match(data, start) if start != -1 else None
        if m:
            return m.end()
        at = data.find(b"sheetData", at + 1)
    return None
