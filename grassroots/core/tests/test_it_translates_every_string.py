"""Chinese is the default UI: every catalogue entry must have a translation and none may be fuzzy."""

from .catalogues import CATALOGUES, entries


def test_it_has_catalogues() -> None:
    assert len(CATALOGUES) >= 3


def test_every_entry_is_translated() -> None:
    problems = []
    for po in CATALOGUES:
        for e in entries(po):
            if e.fuzzy:
                problems.append(f"{po}: fuzzy {e.msgid}")
            if not e.msgstr:
                problems.append(f"{po}: untranslated {e.msgid}")
    assert not problems, "\n".join(problems)
