"""The streaming reader for large sheets gives the rows python-calamine gives, value for value.

xlsx_stream starts rows at column A where calamine starts at the first used column, and ends them at
their last cell where calamine pads them to the used width, so calamine's rows are shifted by that
column and both lose their trailing '' before comparing; everything else must be equal.
"""

import datetime
import re
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any
from xml.parsers import expat

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from grassroots.residents import ledger_sheets, xlsx_parts, xlsx_stream
from grassroots.residents.ledger_import import ledger_import
from grassroots.residents.ledger_read import Checked, check_rows
from grassroots.residents.ledger_sheets import calamine_ranges

from .ledger_files import ID_A, good_rows, write


def calamine_rows(path: str) -> list[list[tuple[type, Any]]]:
    workbook = CalamineWorkbook.from_path(path)
    sheet = workbook.get_sheet_by_index(0)
    offset = [""] * (sheet.start[1] if sheet.start else 0)
    rows = [unpadded(offset + row) for row in sheet.iter_rows()]
    workbook.close()
    return rows


def streamed_rows(path: str) -> list[list[tuple[type, Any]]]:
    rows = xlsx_stream.open_rows(path)
    return [unpadded(row) for row in rows]


def unpadded(row: list[Any]) -> list[tuple[type, Any]]:
    """The row without trailing '', each value with its type (True == 1.0 == 1 in Python)."""
    while row and row[-1] == "" and type(row[-1]) is str:
        row = row[:-1]
    return [(type(value), value) for value in row]


texts = st.one_of(
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12),
    st.sampled_from(["　全角　", "１２３号楼", "ＡＢＣ", " 101 ", "a&b<c>\"'", "_x0041_", "是", "", "  "]),
)
numbers = st.one_of(
    st.integers(min_value=-(10**18), max_value=10**18),
    st.sampled_from([110101199003074514, 13900001111, 0, 3]),
    st.floats(allow_nan=False, allow_infinity=False, width=64).filter(lambda f: abs(f) < 1e300),
)
dates = st.one_of(
    st.dates(min_value=datetime.date(1901, 1, 1), max_value=datetime.date(2100, 1, 1)),
    st.datetimes(min_value=datetime.datetime(1901, 1, 1), max_value=datetime.datetime(2100, 1, 1)).map(
        lambda d: d.replace(microsecond=0)
    ),
)
cells = st.one_of(st.none(), texts, numbers, st.booleans(), dates)
sheets = st.lists(
    st.one_of(st.just([]), st.lists(cells, max_size=8)),  # [] is a blank row the file leaves out
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=sheets, top=st.integers(min_value=1, max_value=4), left=st.integers(min_value=1, max_value=3))
def test_it_reads_openpyxl_workbooks_as_calamine_does(
    tmp_path: Path, rows: list[list[Any]], top: int, left: int
) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.cell(row=top, column=left, value="示范小区居民信息登记表")  # a title row, maybe below blank rows
    for i, row in enumerate(rows, start=top + 2):
        for j, value in enumerate(row, start=left):
            if value is not None:  # a gap in the row: no cell at all
                ws.cell(row=i, column=j, value=value)
    path = str(tmp_path / "sheet.xlsx")
    wb.save(path)
    assert streamed_rows(path) == calamine_rows(path)


def ledger_with_errors(tmp_path: Path) -> str:
    rows = good_rows()
    rows.append(
        ["9", "2", "1", "301", "李四", "男", 110101199003074514, "13900001111", "户主", "常住", "否", "是"]
    )
    rows.append(["10", "2", "1", "302", "", "", "", "", "", "", "是", True])
    return write(tmp_path / "ledger.xlsx", rows)


def test_it_reads_ledger_files_and_checks_them_as_calamine_does(tmp_path: Path, monkeypatch: Any) -> None:
    path = ledger_with_errors(tmp_path)
    results = []
    for stream_above in (1 << 40, 0):  # calamine, then the streaming reader on the same file
        monkeypatch.setattr(ledger_sheets, "STREAM_ABOVE_BYTES", stream_above)
        checked = Checked()
        raw = ledger_sheets.sheet_rows(path)
        clean = list(check_rows(raw, {"独居老人"}, checked))
        results.append((clean, checked.errors, checked.total))
    assert results[0] == results[1]
    lost = [e for e in results[1][1] if e["column"] == "证件号码" and "15" in e["reason"]]
    assert lost and lost[0]["row"] == len(good_rows()) + 4  # the spreadsheet's own row number


def test_it_imports_a_streamed_sheet_as_a_read_one(grid: Any, tmp_path: Path, monkeypatch: Any) -> None:
    good, bad = write(tmp_path / "good.xlsx", good_rows()), ledger_with_errors(tmp_path)
    outcomes = []
    for stream_above in (1 << 40, 0):  # calamine, then the streaming reader
        monkeypatch.setattr(ledger_sheets, "STREAM_ABOVE_BYTES", stream_above)
        ok = ledger_import(by=None, area=grid.compound, path=good, dry_run=True)
        failed = ledger_import(by=None, area=grid.compound, path=bad, dry_run=True)
        outcomes.append(
            ((ok.errors, ok.total, ok.created, ok.households_created), (failed.errors, failed.total))
        )
    assert outcomes[0] == outcomes[1]
    (errors, total, _created, _households), (bad_errors, _bad_total) = outcomes[1]
    assert errors == [] and total == sum(1 for row in good_rows() if row) and bad_errors


SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <x:dimension ref="A1:F6"/>
  <x:sheetData>
    <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>
    <x:row r="3">
      <x:c r="A3" t="s"><x:v>1</x:v></x:c>
      <x:c t="s"><x:v>2</x:v></x:c>
      <x:c r="D3" s="1"><x:v>45000</x:v></x:c>
      <x:c r="E3" s="2"><x:v>45000.5</x:v></x:c>
      <x:c r="F3" s="3"><x:v>1.25</x:v></x:c>
    </x:row>
    <x:row>
      <x:c r="A4" t="e"><x:v>#N/A</x:v></x:c>
      <x:c r="B4" t="str"><x:f>A1&amp;"x"</x:f><x:v>tab_x0009_end</x:v></x:c>
      <x:c r="C4" t="b"><x:v>0</x:v></x:c>
      <x:c r="D4" t="inlineStr"><x:is><x:r><x:t>富</x:t></x:r><x:r><x:t xml:space="preserve"> 文本 </x:t></x:r></x:is></x:c>
      <x:c r="E4" s="1"/>
      <x:c r="F4"><x:v>1.1010119900307451E+17</x:v></x:c>
    </x:row>
    <x:row r="6"><x:c r="F6" s="4"><x:v>0.75</x:v></x:c></x:row>
  </x:sheetData>
  <x:mergeCells count="2"><x:mergeCell ref="A1:F1"/><x:mergeCell ref="E3:F4"/></x:mergeCells>
</x:worksheet>"""
EMPTY_SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/>
<mergeCells count="1"><mergeCell ref="B2:C2"/></mergeCells></worksheet>"""
SHARED = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
  <si><t>居民信息登记表</t></si>
  <si><r><rPr><b/></rPr><t>楼</t></r><r><t>号</t></r><rPh sb="0" eb="1"><t>ロウ</t></rPh></si>
  <si><t>&lt;房号&gt; &amp; 备注</t></si>
</sst>"""
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>
  <numFmt numFmtId="165" formatCode="[h]:mm"/></numFmts>
  <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="22"/><xf numFmtId="165"/>
  <xf numFmtId="20"/></cellXfs>
</styleSheet>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <sheets><sheet name="台账" sheetId="7" r:id="rId9"/><sheet name="其他" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
  <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/ledger.xml"/>
  <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
  <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
  <Override PartName="/xl/worksheets/ledger.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
  <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
  <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
  <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
OTHER_SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>not the first sheet</t></is></c></row></sheetData></worksheet>"""


def write_workbook(path: Path, sheet: str) -> str:
    """A workbook whose first sheet is `sheet`, with SHARED's strings and STYLES' formats."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", RELS)
        archive.writestr("xl/worksheets/ledger.xml", sheet)
        archive.writestr("xl/worksheets/sheet1.xml", OTHER_SHEET)
        archive.writestr("xl/sharedStrings.xml", SHARED)
        archive.writestr("xl/styles.xml", STYLES)
    return str(path)


@pytest.mark.parametrize("block", [7, 64, 1 << 22])
def test_it_finds_merged_ranges_as_calamine_does(tmp_path: Path, monkeypatch: Any, block: int) -> None:
    """Merged ranges follow the rows in the XML; they are found a block at a time, whether the end of
    the rows falls inside a block or across two, with a namespace prefix or after no rows at all."""
    monkeypatch.setattr(xlsx_parts, "MERGE_SCAN_BLOCK", block)
    found = []
    for name, sheet in (("other", SHEET), ("empty", EMPTY_SHEET)):
        path = write_workbook(tmp_path / f"{name}.xlsx", sheet)
        workbook = CalamineWorkbook.from_path(path)
        streamed = xlsx_parts.merged_ranges(path).tolist()
        assert streamed == calamine_ranges(workbook.get_sheet_by_index(0)).tolist()
        workbook.close()
        found.append(streamed)
    assert found == [[[0, 0, 0, 5], [2, 4, 3, 5]], [[1, 1, 1, 2]]]


def test_it_reads_what_other_writers_write_as_calamine_does(tmp_path: Path) -> None:
    """Shared strings with rich text and phonetic guides, a namespace prefix, cells and rows without
    references, date and duration formats, error and formula cells, the first sheet not sheet1.xml."""
    path = write_workbook(tmp_path / "other.xlsx", SHEET)
    rows = streamed_rows(path)
    assert rows == calamine_rows(path)
    assert rows[2][:2] == [(str, "楼号"), (str, "<房号> & 备注")]
    assert rows[2][3] == (datetime.date, datetime.date(2023, 3, 15))
    assert rows[3][1:4] == [(str, "tab\tend"), (bool, False), (str, "富 文本 ")]
    assert rows[3][5] == (float, 1.1010119900307451e17)
    assert rows[5][5] == (datetime.time, datetime.time(18, 0))


def test_it_holds_a_block_of_rows_not_the_sheet(tmp_path: Path) -> None:
    peaks = []
    for count in (2_000, 8_000):
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        for i in range(count):
            ws.append(
                ["示范小区", f"{i // 48 + 1}号楼", f"{i % 48 + 101}", "王伟", ID_A, 13900001111 + i, "是"]
            )
        path = str(tmp_path / f"rows_{count}.xlsx")
        wb.save(path)
        tracemalloc.start()
        rows = xlsx_stream.open_rows(path)
        assert sum(1 for _row in rows) == count
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < peaks[0] * 1.5  # four times the rows, about the same memory


# Cells and rows as writers put them, plain ones (read without expat) and all that expat must read:
# references, line ends, '>' in text, rich text, phonetic guides, formulas, CDATA, comments, other
# attribute orders, cells and rows without references, empty and self-closing elements.
CELLS = [
    '<c r="{ref}" t="inlineStr"><is><t>示范</t></is></c>',
    '<c r="{ref}" t="inlineStr"><is><t xml:space="preserve"> 两边 </t></is></c>',
    '<c r="{ref}" t="inlineStr"><is><t> 修剪\t</t></is></c>',
    '<c r="{ref}" t="inlineStr"><is><t>a&amp;b &#x4E00;&#20108;&lt;</t></is></c>',
    '<c r="{ref}" t="inlineStr"><is><t>line\r\nend\rx</t></is></c>',
    '<c r="{ref}" t="inlineStr"><is><t>x > y</t></is></c>',
    '<c r="{ref}" t="inlineStr"><is><r><t>富</t></r><r><t xml:space="preserve"> 文本</t></r></is></c>',
    '<c r="{ref}" t="inlineStr"><is><t>楼</t><rPh sb="0" eb="1"><t>ロウ</t></rPh></is></c>',
    '<c r="{ref}" t="inlineStr"><is><t></t></is></c>',
    '<c r="{ref}" t="inlineStr"><is><t> </t></is></c>',
    '<c r="{ref}" t="inlineStr"><is><t/></is></c>',
    '<c r="{ref}" t="inlineStr" />',
    '<c r="{ref}" t="inlineStr"><v>1</v></c>',
    '<c r="{ref}" t="inlineStr"><is><t>tab_x0009_end</t></is></c>',
    '<c r="{ref}" t="s"><v>2</v></c>',
    '<c r="{ref}" s="0" t="s"><v>1</v></c>',
    '<c r="{ref}"><v>12.5</v></c>',
    '<c r="{ref}"><v> 7 </v></c>',
    '<c r="{ref}" s="1"><v>45000</v></c>',
    '<c r="{ref}" s="3" t="n"><v>1.25</v></c>',
    '<c r="{ref}" t="n" s="2"><v>45000.5</v></c>',
    '<c r="{ref}" s="4"><v>0.75</v></c>',
    '<c r="{ref}" t="b"><v>1</v></c>',
    '<c r="{ref}" t="b"><v>0</v></c>',
    '<c r="{ref}" t="e"><v>#N/A</v></c>',
    '<c r="{ref}" t="str"><f>A1&amp;"x"</f><v> f_x0041_ </v></c>',
    '<c r="{ref}" t="str"><v> plain </v></c>',
    '<c r="{ref}" t="d"><v>2024-01-02T03:04:05</v></c>',
    '<c r="{ref}" t="d"><v>2024-01-02</v></c>',
    '<c r="{ref}"><v></v></c>',
    '<c r="{ref}"><v/></c>',
    '<c r="{ref}"/>',
    '<c r="{ref}" s="1"/>',
    '<c r="{ref}" ></c>',
    '<c t="s"><v>0</v></c>',
    "<c r='{ref}'><v>5</v></c>",
    '<c r="{ref}"><v><![CDATA[6]]></v></c>',
    '<c r="{ref}"><!-- note --><v>8</v></c>',
    '\n  <c r="{ref}"><v>3</v></c>',
    '<c r="{ref}" cm="1"><v>4</v></c>',
]
ROWS = [
    '<row r="{n}">{cells}</row>',
    '<row r="{n}" spans="1:5" x14ac:dyDescent="0.25">{cells}</row>',
    '<row r="{n}" ht="20" customHeight="1" >{cells}\n</row>',
    '\n  <row r="{n}">{cells}</row>',
    "<row>{cells}</row>",
    '<row r="{n}"/>',
    '<row r="{n}" ht="20"/>',
    '<row r="{n}"></row>',
    '<row r="{n}" spans="1:5" spans="1:5">{cells}</row>',
    '<row r="{n}" note="a&amp;b">{cells}</row>',
    '<?pi x?><row r="{n}">{cells}</row>',
    '<!-- </row><row r="{n}"><c r="A{n}"><v>9</v></c></row> --><row r="{n}">{cells}</row>',
    '<row r="{n}"><c r="A{n}" t="str"><v><![CDATA[</row><row r="{n}"><c r="B{n}"><v>9</v></c></row>]]></v></c></row>',
    '<rPh><row r="{n}">{cells}</row><row r="{n}"><c r="A{n}" t="inlineStr"><is><t>注音</t></is></c></row></rPh>',
]


def reference(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(ROWS),
            st.integers(min_value=1, max_value=3),  # how far below the row before
            st.lists(st.tuples(st.sampled_from(CELLS), st.integers(min_value=0, max_value=30)), max_size=6),
        ),
        max_size=10,
    ),
    prefix=st.sampled_from(["", "x:"]),
    block=st.sampled_from([16, 100, 1 << 18]),
)
def test_it_reads_every_row_as_expat_alone_reads_it(
    tmp_path: Path, monkeypatch: Any, rows: list[Any], prefix: str, block: int
) -> None:
    """Rows are read without expat where they are plain; a comment before <sheetData> leaves them all
    to expat, which must read the same, whatever the rows, the prefix and the blocks read at a time."""
    monkeypatch.setattr(xlsx_stream, "BLOCK", block)
    number = 0
    data = []
    for row, step, cells in rows:
        number += step
        body = "".join(cell.format(ref=f"{reference(column)}{number}") for cell, column in cells)
        data.append(row.format(n=number, cells=body))
    worksheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{comment}'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        ' xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:F6"/><sheetData>{rows}</sheetData><mergeCells count="0"/></worksheet>'
    )
    # Prefix every element name (not <!-- or <?pi).
    worksheet = re.sub(r"<(/?)(?=[A-Za-z])", rf"<\1{prefix}", worksheet.replace("{rows}", "".join(data)))
    fast = read_or_reject(write_workbook(tmp_path / "fast.xlsx", worksheet.replace("{comment}", "")))
    alone = read_or_reject(write_workbook(tmp_path / "alone.xlsx", worksheet.replace("{comment}", "<!---->")))
    assert fast == alone


def read_or_reject(path: str) -> list[list[tuple[type, Any]]] | str:
    """The rows, or 'malformed' if expat rejects the sheet (after a number of rows that differs)."""
    try:
        return streamed_rows(path)
    except expat.ExpatError:
        return "malformed"
