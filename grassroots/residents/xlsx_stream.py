"""Reading a sheet of an .xlsx workbook row by row in bounded memory.

python-calamine loads the whole sheet before giving the first row (about 1.7 bytes per byte of
worksheet XML: 1.5 GB for a 1,000,000-row ledger). This reader decompresses the worksheet XML a
block at a time and feeds it to expat (the C parser in the standard library), so only the shared
strings table (the distinct strings) and one block of rows are held at any time.

Cell values come out as python-calamine gives them, so ledger checks read the same thing either way:
numbers as float (an ID typed as a number stays a number and its lost digits are reported), True/False,
date/datetime/time/timedelta for numbers in a date format, text with `_xHHHH_` escapes undone, and ''
for empty cells and error values. Row i of the output is the sheet's row i + 1: missing rows come out
empty, so row numbers in error messages are the spreadsheet's own, and blank rows after the last
row with a value are left out, as calamine leaves them. Two differences, neither of which changes
what a column found by its header reads: rows start at column A, where calamine starts at the first
column in use (header and data rows keep the same offset either way), and rows end at their last
cell, where calamine pads every row with '' to the width of the used range (known only once the
whole sheet is read).
"""

import datetime
import re
import zipfile
from collections.abc import Iterator
from typing import IO, Any
from xml.etree import ElementTree
from xml.parsers import expat

from .xlsx_parts import column_index, parts

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
BLOCK = 1 << 18  # decompressed bytes fed to expat at a time: a few hundred rows
XML_SPACE = " \t\n\r"  # trimmed from <t> text unless xml:space="preserve", as calamine does
ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Built-in number formats that are dates or times (ECMA-376 18.8.30, as calamine reads them).
DATE_FORMAT_IDS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 47}
DURATION_FORMAT_IDS = {46}
EPOCH = datetime.datetime(1899, 12, 30)
# Where the rows start, and the XML declaration before it.
SHEET_DATA = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData\s*>")
XML_DECL = re.compile(rb"(?:\xef\xbb\xbf)?<\?xml[^<>]*\?>")
# The fast path's rows (see _rows and _fast_patterns) have an r and attributes that need no
# unescaping, and cells with r, s and t in that order (as Excel, WPS and openpyxl write them), each
# empty, a <v> or a one-run inline string. Their text leaves out what expat would change or reject:
# references (&amp;), carriage returns (expat normalises line ends), '>' (of a forbidden ']]>') and
# characters XML does not allow.
TEXT = r"[^<>&\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]*"
BETWEEN = r"[ \t\n]*"
NAME = r"[A-Za-z_][A-Za-z0-9_.:-]*"
ATTRIBUTE_NAME = re.compile(rf'({NAME})="')
DATE_1904_OFFSET = 1462  # days between the 1900 and 1904 date systems


def _unescape(text: str) -> str:
    """Excel writes characters XML cannot carry (control characters) as _xHHHH_."""
    return ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def number_format_kind(code: str) -> str:
    """'date', 'duration' or '' for a custom number format code.

    Only the first section counts; quoted text, escaped and fill characters and [colour] or
    [condition] brackets are not format tokens; [h], [m] or [s] make it a duration.
    """
    escaped = quoted = am_pm = False
    brackets = 0
    prev = " "
    hms = False
    for ch in code:
        if escaped:
            escaped = False
        elif ch in "_\\*":
            escaped = True
        elif quoted:
            quoted = ch != '"'
        elif ch == '"':
            quoted = True
        elif ch == ";":
            return ""
        elif ch == "[":
            brackets += 1
        elif ch == "]":
            if brackets == 1 and hms:
                return "duration"
            brackets = max(brackets - 1, 0)
        elif brackets == 0 and not am_pm and ch in "aA":
            am_pm = True
        elif brackets == 0 and (ch in "pmPM/" if am_pm else ch in "dmhysDMHYS"):
            return "date"
        elif not (hms and ch.lower() == prev.lower()):
            hms = prev == "[" and ch in "mhsMHS"
        prev = ch
    return ""


def excel_date(serial: float, kind: str, is_1904: bool) -> Any:
    """A date-formatted number as python-calamine converts it: time below one day, date at
    midnight, datetime otherwise; a duration format gives a timedelta."""
    if kind == "duration":
        return datetime.timedelta(milliseconds=round(serial * 86_400_000))
    days = serial + DATE_1904_OFFSET if is_1904 else serial
    if days < 60:  # Excel counts a 29 February 1900 that never was
        days += 1
    moment = EPOCH + datetime.timedelta(milliseconds=round(days * 86_400_000))
    if serial < 1:
        return moment.time()
    if moment.time() == datetime.time():
        return moment.date()
    return moment


def _date_styles(archive: zipfile.ZipFile, part: str | None) -> dict[int, str]:
    """Cell style index (a cell's s attribute) → 'date' or 'duration', for the styles that are."""
    if part is None:
        return {}
    styles = ElementTree.fromstring(archive.read(part))
    custom = {
        int(fmt.get("numFmtId", "0")): number_format_kind(fmt.get("formatCode", ""))
        for fmt in styles.iter(f"{{{MAIN}}}numFmt")
    }
    kinds: dict[int, str] = {}
    cell_xfs = styles.find(f"{{{MAIN}}}cellXfs")
    for i, xf in enumerate(cell_xfs if cell_xfs is not None else []):
        fmt_id = int(xf.get("numFmtId", "0"))
        if fmt_id in custom:
            kind = custom[fmt_id]
        else:
            kind = (
                "date" if fmt_id in DATE_FORMAT_IDS else "duration" if fmt_id in DURATION_FORMAT_IDS else ""
            )
        if kind:
            kinds[i] = kind
    return kinds


def _feed(stream: IO[bytes], parser: Any, pending: list[Any]) -> Iterator[Any]:
    """Parse the stream a block at a time, handing out what the handlers put in `pending`."""
    while block := stream.read(BLOCK):
        parser.Parse(block, False)
        if pending:
            yield from pending
            pending.clear()
    parser.Parse(b"", True)
    yield from pending
    pending.clear()


def _shared_strings(archive: zipfile.ZipFile, part: str | None) -> list[str]:
    """The shared strings table: each <si>'s text runs joined, phonetic guides (<rPh>) left out."""
    if part is None:
        return []
    strings: list[str] = []
    parts: list[str] = []
    runs: list[str] = []
    phonetic = 0
    preserve = False

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal phonetic, preserve
        tag = name.rpartition(":")[2]
        if tag == "t":
            parts.clear()
            preserve = attrs.get("xml:space") == "preserve"
        elif tag == "si":
            runs.clear()
        elif tag == "rPh":
            phonetic += 1

    def end(name: str) -> None:
        nonlocal phonetic
        tag = name.rpartition(":")[2]
        if tag == "t":
            if not phonetic:
                run = "".join(parts)
                runs.append(run if preserve else run.strip(XML_SPACE))
        elif tag == "si":
            strings.append(_unescape("".join(runs)))
        elif tag == "rPh":
            phonetic -= 1

    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = parts.append
    with archive.open(part) as stream:
        while block := stream.read(BLOCK):
            parser.Parse(block, False)
    parser.Parse(b"", True)
    return strings


def open_rows(path: str, index: int = 0) -> Iterator[list[Any]]:
    """The rows of the sheet at `index` in the workbook's order, read as the file is parsed."""
    archive = zipfile.ZipFile(path)
    try:
        part, shared_part, styles_part, is_1904 = parts(archive, index)
        shared = _shared_strings(archive, shared_part)
        styles = _date_styles(archive, styles_part)
        stream = archive.open(part)
        head = stream.read(BLOCK)
    except BaseException:
        archive.close()
        raise

    def rows() -> Iterator[list[Any]]:
        try:
            yield from _rows(head, stream, shared, styles, is_1904)
        finally:
            stream.close()
            archive.close()

    return rows()


def _sheet_data(head: bytes) -> tuple[int, str] | None:
    """Where the rows start (just after <sheetData>) and the prefix the sheet gives it, when the
    fast path can read them: UTF-8, and nothing before <sheetData> but the XML declaration and
    tags (no comment, CDATA, DTD or processing instruction that could hold a false <sheetData>)."""
    m = SHEET_DATA.search(head)
    if m is None:
        return None
    decl = XML_DECL.match(head)
    before = head[decl.end() if decl else 0 : m.start()]
    if b"<!" in before or b"<?" in before:
        return None
    encoding = re.search(rb"encoding\s*=\s*[\"']([^\"']*)", decl.group()) if decl else None
    if encoding and encoding.group(1).lower() not in (b"utf-8", b"utf8"):
        return None
    return m.end(), m.group(1).decode()


def _fast_patterns(prefix: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A plain row's start tag (its number and other attributes), and what follows it: a plain
    cell (column letters, style, type, <v> text, the inline string's <t> tag and its text), space,
    or any other character, which makes the row one for expat."""
    p = re.escape(prefix)
    row = rf'{BETWEEN}<{p}row r="([0-9]+)"((?: {NAME}="[^"<&\x00-\x1f\ufffe\uffff]*")*) ?>'
    cell = (
        rf'<{p}c r="([A-Z]+)[0-9]*"(?: s="([0-9]+)")?(?: t="([A-Za-z]+)")? ?(?:/>|>'
        rf'(?:<{p}v>({TEXT})</{p}v>|<{p}is>(<{p}t(?: xml:space="preserve")?>)({TEXT})</{p}t></{p}is>)?'
        rf"</{p}c>)"
    )
    return re.compile(row), re.compile(rf"{cell}|[ \t\n]+|([\s\S])")


def _rows(
    head: bytes, stream: IO[bytes], shared: list[str], styles: dict[int, str], is_1904: bool
) -> Iterator[list[Any]]:
    """The rows of one worksheet part; blank rows are counted and given out only when a row with a
    value follows them, so blank rows at the end (often just formatted) are dropped.

    Plain rows (the form every writer uses for data, see _fast_patterns) are read with regular
    expressions, several times faster than expat's Python call per element. Expat parses all the
    rest, so it sees a well-formed document whenever the file is one, and raises where it would.
    Between rows the handlers keep nothing but the row number and the blank rows, which both paths
    keep, so a row reads the same either way. Once the fast path cannot be sure where a row starts
    and ends (another encoding, a comment or CDATA, anything left open after a row), expat reads
    the rest of the sheet.

    The handlers run once per element (about 50 per ledger row), so they are kept flat: the common
    cells (inline or shared strings, plain numbers) are converted inline, the rest by _other_value.
    """
    pending: list[list[Any]] = []
    columns: dict[str, int] = {}
    parts: list[str] = []  # the text of the current <v> or <t>
    runs: list[str] = []  # the <t> runs of the current inline string
    cells: list[Any] = []
    number = 0  # the current row's number in the sheet
    blank = 0  # blank rows read and not yet given out
    filled = False  # whether the current row has a cell with a value (calamine's test for blank)
    column = -1
    kind: str | None = None
    style: str | None = None
    text: str | None = None
    phonetic = 0
    preserve = False
    depth = 0  # elements open in expat
    c_tag, v_tag, t_tag, row_tag, rph_tag = "c", "v", "t", "row", "rPh"

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal column, kind, style, text, number, blank, filled, phonetic, preserve, depth
        depth += 1
        if name == c_tag:
            ref = attrs.get("r")
            if ref is None:
                column += 1
            else:
                letters = ref.rstrip("0123456789")
                column = columns.get(letters, -1)
                if column < 0:
                    column = columns[letters] = column_index(letters)
            kind = attrs.get("t")
            style = attrs.get("s")
            text = None
            runs.clear()
        elif name == t_tag:
            parts.clear()
            preserve = attrs.get("xml:space") == "preserve"
        elif name == v_tag:
            parts.clear()
        elif name == row_tag:
            r = attrs.get("r")
            row = int(r) if r else number + 1
            blank += row - number - 1  # rows the file leaves out are blank rows
            number = row
            column = -1
            filled = False
            cells.clear()
        elif name == rph_tag:
            phonetic += 1

    def end(name: str) -> None:
        nonlocal text, blank, filled, phonetic, depth
        depth -= 1
        if name == c_tag:
            if kind == "inlineStr":
                value: Any = "".join(runs)
                if "_x" in value:
                    value = _unescape(value)
                filled = filled or bool(runs)  # <is><t> </t></is> counts, though it reads ''
            elif text is None or text == "":
                value = ""
            elif kind == "s":
                filled = True
                value = shared[int(text)]
            elif kind is None or kind == "n":
                filled = True
                value = float(text)
                if style is not None and styles:
                    date_kind = styles.get(int(style))
                    if date_kind:
                        value = excel_date(value, date_kind, is_1904)
            else:
                filled = True
                value = _other_value(kind, text)
            have = len(cells)
            if column == have:
                cells.append(value)
            elif column > have:
                cells.extend([""] * (column - have))
                cells.append(value)
            else:
                cells[column] = value
        elif name == t_tag:
            if not phonetic:
                run = "".join(parts)
                runs.append(run if preserve else run.strip(XML_SPACE))
        elif name == v_tag:
            text = "".join(parts)
        elif name == row_tag:
            if not filled:
                blank += 1
            else:
                while blank:
                    pending.append([])
                    blank -= 1
                pending.append(cells.copy())
        elif name == rph_tag:
            phonetic -= 1

    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = BLOCK
    # The fast path needs expat to have handled all it was given when Parse returns.
    parser.SetReparseDeferralEnabled(False)

    def first(name: str, attrs: dict[str, str]) -> None:
        # Some writers use a prefix for the main namespace (<x:worksheet>): learn it from the root.
        nonlocal c_tag, v_tag, t_tag, row_tag, rph_tag, depth
        depth += 1
        prefix = name[: name.index(":") + 1] if ":" in name else ""
        c_tag, v_tag, t_tag, row_tag, rph_tag = (prefix + t for t in ("c", "v", "t", "row", "rPh"))
        parser.StartElementHandler = start

    parser.StartElementHandler = first
    parser.EndElementHandler = end
    parser.CharacterDataHandler = parts.append

    def fast(chunk: str, row_end: str) -> int:
        """Read the rows of a chunk that ends with a row end tag, plain ones here and the others
        by expat; where expat has to read on from, or -1."""
        nonlocal number, blank
        end = 0
        for piece in chunk.split(row_end)[:-1]:
            start, end = end, end + len(piece) + len(row_end)
            m = row_start(piece)
            if m is not None and (extra := m.group(2)) and extra not in plain_extras:
                names = ATTRIBUTE_NAME.findall(extra)
                if "r" in names or len(set(names)) < len(names):  # expat rejects the row
                    m = None
                else:
                    plain_extras.add(extra)
            if m is not None:
                filled = False
                row_cells: list[Any] = []
                for letters, cell_style, cell_kind, value_text, inline, run, other in cell_findall(
                    piece, m.end()
                ):
                    if not letters:
                        if other:
                            break
                        continue
                    column = columns.get(letters, -1)
                    if column < 0:
                        column = columns[letters] = column_index(letters)
                    if cell_kind == "inlineStr":
                        if inline:
                            filled = True
                            value: Any = run if "preserve" in inline else run.strip(XML_SPACE)
                            if "_x" in value:
                                value = _unescape(value)
                        else:
                            value = ""
                    elif not value_text:
                        value = ""
                    elif cell_kind == "s":
                        filled = True
                        value = shared[int(value_text)]
                    elif not cell_kind or cell_kind == "n":
                        filled = True
                        value = float(value_text)
                        if cell_style and styles:
                            date_kind = styles.get(int(cell_style))
                            if date_kind:
                                value = excel_date(value, date_kind, is_1904)
                    else:
                        filled = True
                        value = _other_value(cell_kind, value_text)
                    have = len(row_cells)
                    if column == have:
                        row_cells.append(value)
                    elif column > have:
                        row_cells.extend([""] * (column - have))
                        row_cells.append(value)
                    else:
                        row_cells[column] = value
                else:
                    row = int(m.group(1))
                    blank += row - number - 1
                    number = row
                    if not filled:
                        blank += 1
                    else:
                        while blank:
                            pending.append([])
                            blank -= 1
                        pending.append(row_cells)
                    continue
            # Expat reads this row (up to a real row end tag if no comment, CDATA or processing
            # instruction comes first), after which it must be back directly in <sheetData>.
            piece += row_end
            if "<!" in piece or "<?" in piece or sheet_data_end in piece:
                return start
            parser.Parse(piece.encode(), False)
            if depth != 2:
                return end
        return -1

    found = _sheet_data(head)
    offset, prefix = found if found else (0, "")
    parser.Parse(head[:offset], False)
    rest = head[offset:]
    if found and depth == 2 and phonetic == 0 and row_tag == prefix + "row":
        row_pattern, cell_pattern = _fast_patterns(prefix)
        row_start, cell_findall = row_pattern.match, cell_pattern.findall
        plain_extras: set[str] = set()  # row attributes seen to have no name twice
        row_end, sheet_data_end = f"</{prefix}row>", f"</{prefix}sheetData"
        row_end_bytes = row_end.encode()
        while True:
            cut = rest.rfind(row_end_bytes) + len(row_end_bytes)
            if cut >= len(row_end_bytes):
                try:
                    chunk = rest[:cut].decode()
                except UnicodeDecodeError:
                    break  # expat says where
                handover = fast(chunk, row_end)
                yield from pending
                pending.clear()
                if handover >= 0:
                    rest = chunk[handover:].encode() + rest[cut:]
                    break
                rest = rest[cut:]
            elif len(rest) > 4 * BLOCK:
                break  # past the rows, or a row too long to be plain
            block = stream.read(BLOCK)
            if not block:
                break
            rest += block
    parser.Parse(rest, False)
    yield from pending
    pending.clear()
    yield from _feed(stream, parser, pending)


def _other_value(kind: str, text: str) -> Any:
    """Booleans, formula text, ISO dates; error values (#N/A, #DIV/0!) are '' as calamine gives them."""
    if kind == "b":
        return text != "0"
    if kind == "str":
        return _unescape(text.strip(XML_SPACE))
    if kind == "d":
        return _iso_date(text)
    return ""


def _iso_date(text: str) -> Any:
    """A t="d" cell (ISO 8601 text, written by some tools instead of a serial number)."""
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        try:
            return datetime.time.fromisoformat(text)
        except ValueError:
            return text
    return moment.date() if "T" not in text and " " not in text else moment
