"""The audit log page says what each record's detail holds, shortly and in the reader's language:
why a resident left (the reason's words, then their note), which list an export wrote and how many
rows, what an import added and changed."""

import re
from pathlib import Path

from django.test import Client
from django.utils import translation

from grassroots.core.audit_actions import AUDIT_ACTIONS
from grassroots.core.audit_words import EXPORT_LISTS, LEFT_REASONS, SUMMARIES, VIA
from grassroots.core.models import AuditLog, Role
from grassroots.core.services import audit_record
from grassroots.meetings.models import Vote
from grassroots.residents.departures import resident_leave
from grassroots.residents.ledger_export import LISTS, export_ledger
from grassroots.residents.ledger_import import ledger_import
from grassroots.residents.models import ChangeVia, LeftReason
from grassroots.residents.services import household_create, resident_create
from grassroots.residents.tests.ledger_files import good_rows, write

ROW = re.compile(
    r'<td data-label="(?:操作|Action)">(.*?)</td><td data-label="(?:对象|Object)">(.*?)</td>'
    r'<td data-label="(?:理由及详情|Reason and details)">(.*?)</td>'
)


def summaries(page: str) -> dict[str, list[str]]:
    """Action in words → the reason-and-details cell of each of its rows, newest first."""
    found: dict[str, list[str]] = {}
    for action, _object, said in ROW.findall(page):
        found.setdefault(action, []).append(said)
    return found


def test_it_says_why_they_left_what_an_export_wrote_and_what_an_import_did(  # type: ignore[no-untyped-def]
    grid, make_user, tmp_path: Path
) -> None:
    hq = make_user("hq", Role.DISTRICT_HQ, grid.district)
    clerk = make_user("clerk", Role.COMMUNITY, grid.community)
    household = household_create(by=None, area=grid.unit, room="202")
    moved = resident_create(by=None, household=household, name="赵一", relation="head")
    other = resident_create(by=None, household=household, name="钱二", relation="spouse")
    resident_leave(by=clerk, resident=moved, reason=LeftReason.MOVED_AWAY)
    with translation.override("en"):  # the note is theirs; the reason's words are the reader's
        resident_leave(by=clerk, resident=other, reason=LeftReason.OTHER, note="去外地养老")
    ledger_import(by=clerk, area=grid.compound, path=write(tmp_path / "in.xlsx", good_rows()), dry_run=False)
    counts = AuditLog.objects.get(action="ledger_import").detail
    assert counts["created"] > 0 and counts["updated"] == 0
    with (tmp_path / "list.xlsx").open("wb") as out:
        rows = export_ledger(by=clerk, area=grid.community, kind="residents", out=out)
    client = Client()
    client.force_login(hq)

    chinese = summaries(client.get("/audit/").content.decode())
    assert chinese["居民移出台账"] == ["其他原因，手工办理<br>去外地养老", "迁出，手工办理"]
    assert chinese["导出居民台账"] == [f"居民，{rows} 行"]
    assert chinese["导入居民台账"] == [
        f"{counts['rows']} 行，新增居民 {counts['created']} 人，更新居民 0 人，"
        f"新增住户 {counts['households_created']} 户"
    ]

    english = summaries(client.get("/audit/", HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert english["resident taken out of the ledger"] == [
        "other reason, by hand<br>去外地养老",
        "moved away, by hand",
    ]
    assert english["resident ledger exported"] == [f"residents, {rows} rows"]
    assert english["resident ledger imported"][0].startswith(
        f"{counts['rows']} rows, {counts['created']} residents added, 0 residents changed"
    )


def test_an_export_of_full_id_numbers_says_so_in_the_readers_language(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    hq = make_user("hq", Role.DISTRICT_HQ, grid.district)
    # As an English-speaking user's export writes it: its reason in English.
    audit_record(
        actor=hq,
        action="ledger_export",
        area=grid.community,
        reason="full ID numbers",
        detail={"list": "care", "rows": 1, "unmasked": True},
    )
    client = Client()
    client.force_login(hq)
    page = client.get("/audit/?action=ledger_export").content.decode()
    assert summaries(page)["导出居民台账"] == ["重点人群，1 行，完整证件号码"]
    # An export has no object of its own: the area it covered says what was exported.
    ((_action, exported, _said),) = ROW.findall(page)
    assert exported == f'<span class="muted">{grid.community.name}</span>'


def test_it_has_words_for_every_code_the_rooms_record() -> None:
    assert set(SUMMARIES) <= set(AUDIT_ACTIONS)
    # The same English as the rooms' own words, so the catalogues give them the same Chinese.
    with translation.override(None):
        assert {c: str(w) for c, w in LEFT_REASONS.items()} == {r.value: str(r.label) for r in LeftReason}
        assert {c: str(w) for c, w in EXPORT_LISTS.items()} == {c: str(w) for c, w in LISTS.items()}
    assert set(VIA) == set(ChangeVia.values)
    assert {key for key, _part in SUMMARIES["decision_seal"]} == {"present", *Vote.values}
