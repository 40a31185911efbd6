"""Findings written before kept their evidence as a sentence in their maker's language. The migration
forgets exactly the sentences the system wrote (in either language, in local time or in UTC), which
the finding's own times now say to each reader; evidence a person gave stays as given."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from grassroots.reporting.models import TimelinessFinding

from .conftest import at

BEFORE = [("reporting", "0003_report_discovered_index")]
AFTER = [("reporting", "0004_findings_say_their_times_when_read")]

WRITTEN = {
    "late-zh-local": ("late", "上报于2026-03-02 12:00；应于2026-03-02 10:00前上报。"),
    "late-en-utc": ("late", "Reported at 2026-03-02 04:00; due by 2026-03-02 02:00."),
    "update-en-local": ("missed_update", "Progress update due by 2026-03-02 10:00."),
    "late-by-hand": ("late", "值班记录显示12点才上报"),
    "missed": ("missed", "12345热线工单 No.778"),
}


def migrate(target):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def plant(apps) -> dict[str, int]:  # type: ignore[no-untyped-def]
    area = apps.get_model("places", "Area").objects.create(name="小区", kind="compound", path="/1/", depth=0)
    user = apps.get_model("core", "User").objects.create(username="zhan")
    report = apps.get_model("reporting", "Report").objects.create(
        area=area,
        filed_by=user,
        category="safety",
        severity="general",
        discovered_at=at(2, 8),
        reported_at=at(2, 12),
        text="起火",
        deadline=at(2, 10),
        update_every=timedelta(hours=4),
        holder=area,
    )
    finding = apps.get_model("reporting", "TimelinessFinding")
    ids = {}
    for n, (name, (kind, evidence)) in enumerate(WRITTEN.items()):
        ids[name] = finding.objects.create(
            kind=kind,
            area=area,
            report=report,
            occurred_at=at(2, 10) + timedelta(seconds=n),
            late_by=timedelta(hours=2) if kind == "late" else None,
            evidence=evidence,
        ).pk
    return ids


@pytest.mark.django_db(transaction=True)
def test_sentences_the_system_wrote_are_said_again_when_read() -> None:
    try:
        ids = plant(migrate(BEFORE))
        migrate(AFTER)
        kept = dict(TimelinessFinding.objects.values_list("pk", "evidence"))
        assert [kept[ids[name]] for name in WRITTEN] == [
            "",
            "",
            "",
            "值班记录显示12点才上报",
            "12345热线工单 No.778",
        ]
        with translation.override("en"):
            said = TimelinessFinding.objects.get(pk=ids["late-zh-local"]).evidence_said
        assert said == "Reported at 2026-03-02 12:00; due by 2026-03-02 10:00."

        back = migrate(BEFORE).get_model("reporting", "TimelinessFinding").objects.get(pk=ids["late-en-utc"])
        assert back.evidence == "上报于2026-03-02 12:00；应于2026-03-02 10:00前上报。"
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
