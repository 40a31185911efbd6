"""Reading the apps' zh_Hans catalogues for the translation tests (polib is not a dependency)."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CATALOGUES = sorted(Path(__file__).resolve().parents[2].glob("*/locale/zh_Hans/LC_MESSAGES/django.po"))


@dataclass(frozen=True)
class Entry:
    msgctxt: str | None
    msgid: str
    msgstr: str  # msgstr, or msgstr[0] for a plural entry (zh_Hans has one form)
    fuzzy: bool


def _field(block: str, keyword: str) -> str | None:
    """The joined string of `keyword "..."` and its continuation lines, or None without the keyword."""
    found = re.search(rf'^{re.escape(keyword)} ((?:".*"\n?)+)', block, re.M)
    return "".join(re.findall(r'"(.*)"', found.group(1))) if found else None


def entries(po: Path) -> Iterator[Entry]:
    """Every live entry of a catalogue (not the header, not obsolete `#~` entries)."""
    for block in po.read_text(encoding="utf-8").split("\n\n")[1:]:
        if block.startswith("#~"):
            continue
        msgstr = _field(block, "msgstr")
        yield Entry(
            msgctxt=_field(block, "msgctxt"),
            msgid=_field(block, "msgid") or "",
            msgstr=_field(block, "msgstr[0]") if msgstr is None else msgstr,  # type: ignore[arg-type]
            fuzzy="#, fuzzy" in block,
        )
