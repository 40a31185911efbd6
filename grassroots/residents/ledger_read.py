"""Reading a community's ledger workbook: read merged cells as Excel shows them, find the header (on
one row or two) under any title rows, map header synonyms, and turn every row into clean values or
(row, column, value, reason) errors.

Validation runs over plain tuples without touching the database, so a 200,000-row file is checked
whole before anything is written.
"""

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple

from django.db.models import CharField, Model
from django.utils.translation import gettext as _

from grassroots.core import crypto
from grassroots.people.validators import PHONE_RE
from grassroots.places.models import Area

from .idnumbers import HMT_PREFIXES, IdNumberError, check_agreement, parse_id_number
from .ledger_sheets import UNREADABLE, sheet_rows, worksheets
from .models import Household, HouseholdStatus, IdType, Relation, ResidenceType, Resident

STANDARD = [
    "街道", "社区", "小区", "楼栋", "单元", "房号", "姓名", "性别", "证件类型", "证件号码",
    "联系电话", "与户主关系", "居住类型", "是否长期无人", "是否有智能手机", "重点人群类别", "备注",
]  # fmt: skip
REQUIRED = ["楼栋", "房号", "姓名"]


def _longest(model: type[Model], name: str) -> int:
    column = model._meta.get_field(name)
    assert isinstance(column, CharField) and column.max_length
    return column.max_length


# The longest text each written column holds: longer is refused by row (the database would refuse the
# whole file with an error naming neither). Buildings and units become areas of the grid.
LONGEST = {
    "姓名": _longest(Resident, "name"),
    "房号": _longest(Household, "room"),
    "楼栋": _longest(Area, "name"),
    "单元": _longest(Area, "name"),
}
SYNONYMS = {
    "所属街道": "街道", "街道办": "街道", "街道名称": "街道", "乡镇街道": "街道",
    "社区名称": "社区", "所属社区": "社区", "社区居委会": "社区", "村社区": "社区",
    "小区名称": "小区", "所属小区": "小区", "小区名": "小区", "楼盘": "小区",
    "楼号": "楼栋", "楼栋号": "楼栋", "栋": "楼栋", "楼": "楼栋", "栋号": "楼栋", "楼宇": "楼栋",
    "单元号": "单元",
    "门牌号": "房号", "房间号": "房号", "户号": "房号", "室": "房号", "房间": "房号", "门牌": "房号",
    "居民姓名": "姓名", "名字": "姓名", "户成员姓名": "姓名",
    "身份证号": "证件号码", "身份证号码": "证件号码", "公民身份号码": "证件号码", "证件号": "证件号码",
    "身份证": "证件号码",
    "电话": "联系电话", "手机": "联系电话", "手机号": "联系电话", "手机号码": "联系电话",
    "联系方式": "联系电话", "电话号码": "联系电话",
    "关系": "与户主关系", "与户主的关系": "与户主关系",
    "人员类型": "居住类型", "常住暂住": "居住类型", "人口类型": "居住类型", "居住状态": "居住类型",
    "是否空置": "是否长期无人", "长期无人": "是否长期无人", "是否空户": "是否长期无人", "长期无人户": "是否长期无人",
    "智能手机": "是否有智能手机", "有无智能手机": "是否有智能手机", "是否使用智能手机": "是否有智能手机",
    "重点人群": "重点人群类别", "特殊人群": "重点人群类别", "人群类别": "重点人群类别", "需重点照顾人群": "重点人群类别",
    "备注说明": "备注", "说明": "备注",
}  # fmt: skip
GENDERS = {"男": "male", "女": "female", "男性": "male", "女性": "female"}
# A bare 居住证 is a Hong Kong/Macao/Taiwan permit (numbers from 81/82/83) or the mainland permit of
# someone living away from their registered home, which carries their resident ID number.
PERMIT_BY_NUMBER = "permit_by_number"
ID_TYPES = {
    "": IdType.RESIDENT_ID, "居民身份证": IdType.RESIDENT_ID, "身份证": IdType.RESIDENT_ID,
    "二代身份证": IdType.RESIDENT_ID, "身份证号": IdType.RESIDENT_ID, "身份证号码": IdType.RESIDENT_ID,
    "公民身份号码": IdType.RESIDENT_ID,
    "港澳台居民居住证": IdType.HMT_PERMIT, "港澳居民居住证": IdType.HMT_PERMIT,
    "台湾居民居住证": IdType.HMT_PERMIT, "居住证": PERMIT_BY_NUMBER,
    "护照": IdType.PASSPORT, "外国护照": IdType.PASSPORT, "中国护照": IdType.PASSPORT,
    # Cards whose numbers follow no rule checked here: a travel permit, a foreigner's permanent residence card.
    "港澳居民来往内地通行证": IdType.OTHER, "台湾居民来往大陆通行证": IdType.OTHER,
    "外国人永久居留身份证": IdType.OTHER, "其他": IdType.OTHER, "其它": IdType.OTHER,
}  # fmt: skip
# The words of GB/T 4761-2008 (家庭关系代码) and the everyday ones ledgers use, by the standard's groups:
# a son-in-law is under 子 and a daughter-in-law under 女 there, so both are children here.
RELATION_WORDS = {
    Relation.HEAD: "户主 本人",
    Relation.SPOUSE: "配偶 夫 妻 丈夫 妻子 爱人 老伴",
    Relation.CHILD: "子 女 子女 儿子 女儿 独生子 独生女 长子 次子 三子 四子 五子 长女 次女 三女 四女 五女 "
    "养子 继子 养女 继女 养子或继子 养女或继女 女婿 儿媳 其他儿子 其他女儿",
    Relation.PARENT: "父母 父 母 父亲 母亲 爸爸 妈妈 公公 婆婆 岳父 岳母 继父 继母 养父 养母 继父或养父 继母或养母",
    Relation.GRANDPARENT: "祖父母 外祖父母 祖父 祖母 外祖父 外祖母 爷爷 奶奶 外公 外婆 姥爷 姥姥 曾祖父 曾祖母",
    Relation.GRANDCHILD: "孙子女 孙子 孙女 外孙 外孙子 外孙女 孙媳妇 孙女婿 外孙媳妇 外孙女婿 曾孙 曾孙子 曾孙女 "
    "外曾孙子 外曾孙女",
    Relation.SIBLING: "兄弟姐妹 兄弟 姐妹 兄 弟 姐 妹 哥哥 弟弟 姐姐 妹妹 嫂 嫂子 弟媳 姐夫 妹夫",
    Relation.TENANT: "租户 租客 房客 承租人",
    Relation.OTHER: "其他 其他亲属 亲属 非亲属 伯父 伯母 叔父 婶母 舅父 舅母 姨夫 姨母 姑父 姑母 "
    "堂兄弟 堂姐妹 表兄弟 表姐妹 侄子 侄女 外甥 外甥女",
}
RELATIONS = {"": Relation.OTHER} | {word: r for r, words in RELATION_WORDS.items() for word in words.split()}
RESIDENCE = {
    "": ResidenceType.PERMANENT, "常住": ResidenceType.PERMANENT, "户籍": ResidenceType.PERMANENT,
    "暂住": ResidenceType.TEMPORARY, "寄住": ResidenceType.TEMPORARY, "流动": ResidenceType.FLOATING,
    "流动人口": ResidenceType.FLOATING,
}  # fmt: skip
YES = {"是", "有", "y", "yes", "1", "true", "√", "✓"}
NO = {"否", "无", "没有", "n", "no", "0", "false", "", "×"}
TAG_SPLIT = re.compile(r"[、,，;；/\s]+")
PHONE_SPLIT = re.compile(r"[、,，;；/|]+")  # between numbers in one cell (spaces are gone by then)
SCIENTIFIC = re.compile(r"\d(\.\d+)?[eE]\+?\d+")
# Typed (or left by another system's export) before digits to keep Excel from reading them as a number.
TEXT_MARKS = "'‘’`"
HEADER_SCAN_ROWS = 20


class Row(NamedTuple):
    """One clean ledger row; `number` the row in the sheet (1-based, as Excel shows it).

    A tuple rather than a dataclass: one is made per row of a file of any length, and a frozen
    dataclass costs several times as much to make."""

    number: int
    street: str
    community: str
    compound: str
    building: str
    unit: str
    room: str
    name: str
    gender: str
    id_type: str
    id_number: str
    id_digest: str
    birth_date: datetime.date | None
    phone: str
    relation: str
    residence_type: str
    vacant: bool
    no_smartphone: bool
    tags: tuple[str, ...]
    notes: str


MEMO_LIMIT = 20_000  # distinct values remembered per column; beyond that a column is cleaned afresh


@dataclass
class Checked:
    """What checking found: the errors (only errors are kept, so memory follows them, not the file),
    the rows counted, the sheets read and those left unread with why, and each ID number's first row
    (the only memory kept from row to row, for the same-person-twice checks)."""

    errors: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    read: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    # "type:number" → the sheet's place among those read, shifted above its row: one int per ID; and
    # the same for each person without an ID number, keyed by their household's place and their name.
    seen: dict[str, int] = field(default_factory=dict)
    sheet: str = ""  # the sheet being checked, which errors name

    def error(self, row: int, column: str, value: Any, reason: str) -> None:
        self.errors.append(
            {
                "sheet": self.sheet,
                "row": row,
                "column": column,
                "value": "" if value is None else str(value),
                "reason": reason,
            }
        )


def _memo(clean: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`clean` remembered per distinct cell value: ledgers repeat their 小区, 楼栋, 房号 and yes/no cells.

    Keyed by type too, since 1, 1.0 and True are one dict key but read differently.
    """
    cache: dict[Any, Any] = {}

    def cleaned(value: Any) -> Any:
        key = value if type(value) is str else (type(value), value)
        try:
            return cache[key]
        except KeyError:
            out = clean(value)
            if len(cache) < MEMO_LIMIT:
                cache[key] = out
            return out

    return cleaned


def canon(text: Any) -> str:
    """Full-width to half-width, no stray spaces (Chinese ledgers mix both freely)."""
    if type(text) is not str:
        if text is None:
            return ""
        if isinstance(text, float) and text.is_integer():
            text = int(text)
        text = str(text)
    if text.isascii():  # ASCII is already NFKC; only spaces to drop
        return text.strip().replace(" ", "")
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.strip().replace("\u3000", "").replace(" ", "")


def header_name(cell: Any) -> str | None:
    text = re.sub(r"[（(].*?[)）]|[*＊:：]", "", canon(cell))
    if text in STANDARD:
        return text
    return SYNONYMS.get(text)


def find_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    """The last row of the header (within the first few rows) and column name → index.

    The header is the first row naming the required columns. When the next row names them too in
    the same places, the header runs over both (groups such as 联系方式 above, the names below, the
    rest merged down): the names either row gives are used, the first row's where they differ."""
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns = _named(row)
        if all(r in columns for r in REQUIRED) and len(columns) >= 4:
            below = _named(rows[i + 1]) if i + 1 < len(rows) else {}
            if all(below.get(r) == columns[r] for r in REQUIRED):
                return i + 1, below | columns
            return i, columns
    return None


def _named(row: list[Any]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for j, cell in enumerate(row):
        name = header_name(cell)
        if name and name not in columns:
            columns[name] = j
    return columns


def _id_cell(value: Any) -> tuple[str, str | None]:
    """The ID number as text, or a reason when Excel stored it as a number and lost its last digits."""
    if isinstance(value, bool):
        return str(value), _("Not an ID number.")
    if type(value) is str and value.isdigit():
        return value, None  # the common case: digits typed into a text column
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            return str(value), _("Stored as a decimal number; format the column as text and type it again.")
        digits = str(int(value))
        if len(digits) > 15:
            return digits, _(
                "Stored as a number, so Excel kept only 15 digits and the rest became zeros; "
                "format the column as text and type it again."
            )
        return digits, None
    text = canon(value).lstrip(TEXT_MARKS)
    if SCIENTIFIC.fullmatch(text):
        return text, _(
            "Shown in scientific notation: the digits are lost; format the column as text and type it again."
        )
    return text, None


def building_name(text: str) -> str:
    """ "3", "3栋", "3号" and "3号楼" are one building: 3号楼 (the grid's own naming)."""
    m = re.fullmatch(r"(\d+)(号楼|号|栋|幢|楼)?", text)
    return f"{int(m.group(1))}号楼" if m else text


def unit_name(text: str) -> str:
    m = re.fullmatch(r"(\d+)(单元)?", text)
    return f"{int(m.group(1))}单元" if m else text


def _yes_no(value: Any) -> bool | None:
    text = canon(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    return None


def _tags_cell(tag_names: frozenset[str]) -> Callable[[Any], tuple[tuple[str, ...], str]]:
    def clean(value: Any) -> tuple[tuple[str, ...], str]:
        tags = tuple(t for t in TAG_SPLIT.split(canon(value)) if t and t not in ("无", "否"))
        unknown = [t for t in tags if t not in tag_names]
        return tags, "、".join(unknown)

    return _memo(clean)


def _text(value: Any) -> str:
    """canon() with the common cases inline: most cells are short clean strings."""
    if type(value) is str and value.isascii():
        return value.strip().replace(" ", "")
    return canon(value)


def check_workbook(path: str, tag_names: set[str], out: Checked) -> Iterator[Row]:
    """Check every sheet with a ledger header, in the workbook's order, as check_rows does. Hidden
    sheets (what Excel does not show is not imported) and sheets with something on them but no
    header are listed in `out.unread`; a workbook with no ledger sheet at all is an error."""
    try:
        sheets = worksheets(path)
    except UNREADABLE as exc:
        out.error(1, "", "", _("The file cannot be read as a workbook (%(detail)s).") % {"detail": exc})
        return
    for sheet in sheets:
        out.sheet = sheet.name
        if sheet.hidden:
            out.unread.append(_("%(sheet)s (hidden)") % {"sheet": sheet.name})
            continue
        try:
            rows = sheet_rows(path, sheet.position)
        except UNREADABLE as exc:
            out.error(1, "", "", _("The sheet cannot be read (%(detail)s).") % {"detail": exc})
            continue
        yield from check_rows(_read_whole(rows, out), tag_names, out)
    if not out.read and not out.errors:
        out.sheet = next((s.name for s in sheets if not s.hidden), "")
        out.error(
            1, "", "", _("No header row found: the sheet needs at least the columns 楼栋, 房号 and 姓名.")
        )


def _read_whole(rows: Iterator[list[Any]], out: Checked) -> Iterator[list[Any]]:
    """The rows, or as many as a damaged sheet gives before its reader fails, with the failure an error."""
    try:
        yield from rows
    except UNREADABLE as exc:
        out.error(1, "", "", _("The sheet cannot be read (%(detail)s).") % {"detail": exc})


def _same_id(out: Checked, first: int, sheet_key: int, number: int) -> str:
    if first >> 32 == sheet_key >> 32:
        return _("The same ID number is on rows %(first)s and %(this)s.") % {
            "first": first & 0xFFFFFFFF,
            "this": number,
        }
    return _("The same ID number is on sheet %(sheet)s, row %(first)s, and on row %(this)s here.") % {
        "sheet": out.read[first >> 32],
        "first": first & 0xFFFFFFFF,
        "this": number,
    }


def _same_person(out: Checked, first: int, sheet_key: int, number: int) -> str:
    """Two rows of one household with one name and no ID number are one person entered twice: the
    import would take both as one (ledger_known), so the file must say which is meant."""
    if first >> 32 == sheet_key >> 32:
        where = _("row %(first)s") % {"first": first & 0xFFFFFFFF}
    else:
        where = _("sheet %(sheet)s, row %(first)s") % {
            "sheet": out.read[first >> 32],
            "first": first & 0xFFFFFFFF,
        }
    return _(
        "The same household already has this name without an ID number on %(where)s: add their ID "
        "numbers, or remove the repeated row."
    ) % {"where": where}


def check_rows(rows: Iterable[list[Any]], tag_names: set[str], out: Checked) -> Iterator[Row]:
    """Validate every row of a sheet, yielding the clean ones as it goes and recording every error
    in `out` instead of stopping at the first. Only ID numbers are remembered across rows (for the
    same-ID-twice check), so a file of any length is checked in bounded memory."""
    buffered: list[list[Any]] = []
    iterator = iter(rows)
    for row in iterator:
        buffered.append(row)
        if len(buffered) >= HEADER_SCAN_ROWS:
            break
    found = find_header(buffered)
    if found is None:
        if any(v is not None and v != "" and canon(v) for row in buffered for v in row):
            out.unread.append(_("%(sheet)s (no header row)") % {"sheet": out.sheet})
        return
    out.read.append(out.sheet)
    sheet_key = (len(out.read) - 1) << 32
    header_at, columns = found
    seen_ids = out.seen
    text = _memo(canon)
    building_of = _memo(lambda v: building_name(canon(v)))
    unit_of = _memo(lambda v: unit_name(canon(v)))
    yes_no = _memo(_yes_no)
    smartphone_of = _memo(lambda v: _yes_no(v) if canon(v) else True)
    gender_of = _memo(lambda v: GENDERS.get(canon(v)) if canon(v) else "")
    id_type_of = _memo(lambda v: ID_TYPES.get(canon(v)))
    relation_of = _memo(lambda v: RELATIONS.get(canon(v)))
    residence_of = _memo(lambda v: RESIDENCE.get(canon(v)))
    tags_of = _tags_cell(frozenset(tag_names))
    digest, mask, phone_re, today = crypto.digester(), crypto.mask, PHONE_RE, datetime.date.today()

    def all_rows() -> Iterator[tuple[int, list[Any]]]:
        for i, r in enumerate(buffered[header_at + 1 :], start=header_at + 2):
            yield i, r
        for i, r in enumerate(iterator, start=len(buffered) + 1):
            yield i, r

    index = [columns.get(name) for name in STANDARD]
    last = max(j for j in index if j is not None)
    # Cells in STANDARD order in one C call; a column the sheet lacks reads a None put at the row's end.
    pick = itemgetter(*[-1 if j is None else j for j in index])
    padded = None in index
    at_name, at_building = columns["姓名"], columns["楼栋"]  # required columns, so the header has them
    name_label, building_label = buffered[header_at][at_name], buffered[header_at][at_building]
    for number, raw in all_rows():
        probe = raw[at_name] if at_name < len(raw) else None
        # Most rows have a name, which settles that the row is not blank without looking further.
        if not (type(probe) is str and probe.strip()) and not any(
            v is not None and v != "" and text(v) for v in raw
        ):
            continue  # blank rows are common between buildings
        if probe == name_label and at_building < len(raw) and raw[at_building] == building_label:
            continue  # the header again: a ledger pasted together from pages or sheets
        if len(raw) > last:
            cells = pick([*raw, None]) if padded else pick(raw)
        else:
            width = len(raw)
            cells = tuple(raw[j] if j is not None and j < width else None for j in index)
        (
            c_street, c_community, c_compound, c_building, c_unit, c_room, c_name, c_gender, c_id_type, c_id,
            c_phone, c_relation, c_residence, c_vacant, c_smartphone, c_tags, c_notes,
        ) = cells  # fmt: skip
        out.total += 1
        before = len(out.errors)
        building, room = building_of(c_building), text(c_room)
        name = _text(c_name) if c_name is not None else ""
        if not building:
            out.error(number, "楼栋", building, _("Required."))
        if not room:
            out.error(number, "房号", room, _("Required."))
        vacant = yes_no(c_vacant)
        if vacant is None:
            out.error(number, "是否长期无人", c_vacant, _("Write 是 or 否."))
        has_phone = smartphone_of(c_smartphone)
        if has_phone is None:
            out.error(number, "是否有智能手机", c_smartphone, _("Write 是 or 否."))
        if not name and not vacant:
            out.error(number, "姓名", name, _("Required unless the home is long-vacant."))
        unit = unit_of(c_unit)
        for column, value in (("姓名", name), ("房号", room), ("楼栋", building), ("单元", unit)):
            if len(value) > LONGEST[column]:
                out.error(number, column, value, _too_long(LONGEST[column], len(value)))
        gender = gender_of(c_gender)
        if gender is None:
            out.error(number, "性别", c_gender, _("Write 男 or 女."))
        id_type = id_type_of(c_id_type)
        if id_type is None:
            out.error(number, "证件类型", c_id_type, _("Unknown ID type."))
        id_text, id_problem = _id_cell(c_id)
        if id_type == PERMIT_BY_NUMBER:
            id_type = IdType.HMT_PERMIT if id_text.startswith(HMT_PREFIXES) else IdType.RESIDENT_ID
        id_number, id_digest, birth = "", "", None
        if id_problem:
            out.error(number, "证件号码", id_text, id_problem)
        elif id_text and id_type:
            try:
                parsed = parse_id_number(id_type, id_text, today)
            except IdNumberError as exc:
                out.error(number, "证件号码", id_text, str(exc))
            else:
                id_number, birth = parsed.number, parsed.birth_date
                for fld, message in check_agreement(parsed, None, gender or ""):
                    out.error(number, "性别" if fld == "gender" else "证件号码", c_gender, message)
                gender = gender or parsed.gender
                # Keyed by the number itself (not its 64-character digest): a smaller dict per row.
                first = seen_ids.setdefault(f"{id_type}:{id_number}", sheet_key | number)
                if first != sheet_key | number:
                    out.error(number, "证件号码", mask(id_number), _same_id(out, first, sheet_key, number))
                id_digest = digest(id_number)
        if name and not id_number and not id_problem:
            home = (
                text(c_street),
                text(c_community),
                text(c_compound),
                building,
                unit,
                room,
                name,
            )
            first = seen_ids.setdefault("\x00".join(home), sheet_key | number)
            if first != sheet_key | number:
                out.error(number, "姓名", name, _same_person(out, first, sheet_key, number))
        more_phones = ""
        if c_phone is None:
            phone = ""
        else:
            phone = _text(c_phone).lstrip(TEXT_MARKS).replace("-", "").removeprefix("+86")
            if phone and not phone_re.match(phone):
                phone, more_phones = _phones(phone)
                if not phone:
                    out.error(number, "联系电话", c_phone, _("Not a mobile or landline number."))
        relation = relation_of(c_relation)
        if relation is None:
            out.error(number, "与户主关系", c_relation, _("Unknown relation to the head of household."))
        residence = residence_of(c_residence)
        if residence is None:
            out.error(number, "居住类型", c_residence, _("Write 常住, 暂住 or 流动."))
        tags, unknown = tags_of(c_tags)
        if unknown:
            out.error(number, "重点人群类别", c_tags, _("Unknown care tag: %(tags)s.") % {"tags": unknown})
        if len(out.errors) == before:
            yield Row(
                number, text(c_street), text(c_community), text(c_compound), building, unit, room,
                name, gender or "", id_type or IdType.RESIDENT_ID, id_number, id_digest, birth, phone,
                relation or Relation.OTHER, residence or ResidenceType.PERMANENT, bool(vacant), not has_phone,
                tags, _notes(c_notes, more_phones),
            )  # fmt: skip


def _too_long(limit: int, n: int) -> str:
    return _("At most %(limit)d characters; this has %(n)d.") % {"limit": limit, "n": n}


def _phones(cell: str) -> tuple[str, str]:
    """A cell of several numbers ("139…/0434…"): the first is the phone, the others are kept for the
    notes. ("", "") unless every part is a number."""
    parts = [p.lstrip(TEXT_MARKS).removeprefix("+86") for p in PHONE_SPLIT.split(cell) if p]
    if len(parts) < 2 or not all(PHONE_RE.match(p) for p in parts):
        return "", ""
    return parts[0], "、".join(parts[1:])


def _notes(cell: Any, more_phones: str) -> str:
    notes = str(cell or "").strip()
    if more_phones:
        also = _("Other phone: %(phones)s") % {"phones": more_phones}
        notes = f"{notes}；{also}" if notes else also
    return notes


def household_status(vacant: bool) -> str:
    return HouseholdStatus.VACANT if vacant else HouseholdStatus.OCCUPIED
