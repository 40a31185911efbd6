"""Django merges every installed app's catalogue into one and the app listed first in
INSTALLED_APPS wins a msgid: two apps translating the same (context, msgid) differently means one
shows the other's word (a resident's relation "parent" became the grid's 上级; a person's "name"
became django.contrib.auth's 名称). Either agree on the Chinese or give the string a context
(pgettext) where the meaning differs. Django's own apps listed before ours count too: their
catalogues cannot be changed here, so ours must agree with them or use a context."""

from collections import defaultdict
from pathlib import Path

from django.apps import apps

from .catalogues import entries


def _catalogues() -> list[tuple[str, Path]]:
    found = []
    for config in apps.get_app_configs():
        po = Path(config.path) / "locale/zh_Hans/LC_MESSAGES/django.po"
        if po.exists():
            found.append((config.label, po))
    return found


def test_it_reads_contexts_plurals_and_django_s_catalogues() -> None:
    labels = [label for label, _po in _catalogues()]
    assert "auth" in labels and "residents" in labels
    found = {(e.msgctxt, e.msgid): e.msgstr for _label, po in _catalogues() for e in entries(po)}
    assert found[("relation", "parent")] == "父母"
    assert found[("person", "name")] == "姓名"


def test_no_two_apps_translate_the_same_string_differently() -> None:
    ours = {config.label for config in apps.get_app_configs() if config.name.startswith("grassroots.")}
    seen: dict[tuple[str | None, str], dict[str, str]] = defaultdict(dict)
    for label, po in _catalogues():
        for e in entries(po):
            if e.msgstr:
                seen[(e.msgctxt, e.msgid)][label] = e.msgstr
    conflicts = [
        f"{msgid!r}"
        + (f" (context {ctx!r})" if ctx else "")
        + ": "
        + ", ".join(f"{a} {s}" for a, s in by_app.items())
        for (ctx, msgid), by_app in sorted(seen.items(), key=str)
        # Disagreements among Django's own apps are not ours to settle.
        if len(set(by_app.values())) > 1 and ours & by_app.keys()
    ]
    assert not conflicts, "\n".join(conflicts)
