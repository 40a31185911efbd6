"""Chinese is the default UI: every catalogue entry must have a translation and none may be fuzzy."""

import re
from pathlib import Path

CATALOGUES = sorted(Path(__file__).resolve().parents[2].glob("*/locale/zh_Hans/LC_MESSAGES/django.po"))


def test_it_has_catalogues() -> None:
    assert len(CATALOGUES) >= 3


def test_every_entry_is_translated() -> None:
    problems = []
    for po in CATALOGUES:
        for block in po.read_text(encoding="utf-8").split("\n\n")[1:]:
            msgid = re.search(r'^msgid "(.*)"', block, re.M)
            if "#, fuzzy" in block:
                problems.append(f"{po}: fuzzy {msgid.group(1) if msgid else block[:40]}")
            if re.search(r'^msgstr(\[0\])? ""\s*$', block, re.M) and not block.startswith("#~"):
                problems.append(f"{po}: untranslated {msgid.group(1) if msgid else block[:40]}")
    assert not problems, "\n".join(problems)
