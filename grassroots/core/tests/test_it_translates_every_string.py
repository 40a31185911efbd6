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
            if block.startswith("#~"):
                continue  # obsolete
            msgid = "".join(re.findall(r'"(.*)"', block.split("msgid ", 1)[-1].split("msgstr", 1)[0]))
            translated = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M)
            if "#, fuzzy" in block:
                problems.append(f"{po}: fuzzy {msgid}")
            if not translated or not "".join(re.findall(r'"(.*)"', translated.group(1))):
                problems.append(f"{po}: untranslated {msgid}")
    assert not problems, "\n".join(problems)
