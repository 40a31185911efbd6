"""A late report's and a missed update's evidence, and a report's own label, are said when read: in
the reader's language and the site's local time, whoever made the finding and in whatever language."""

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from grassroots.core.models import AuditLog
from grassroots.reporting.models import FindingKind, TimelinessFinding
from grassroots.reporting.services import progress_check, report_file

from .conftest import at

LATE_ZH = "上报于2026-03-02 12:00；应于2026-03-02 10:00前上报。"
LATE_EN = "Reported at 2026-03-02 12:00; due by 2026-03-02 10:00."
UPDATE_ZH = "应于2026-03-02 16:00前续报进展。"
UPDATE_EN = "Progress update due by 2026-03-02 16:00."


def page(user, url: str, language: str) -> str:  # type: ignore[no-untyped-def]
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    return client.get(url).content.decode()


def late_report(chain, grid):  # type: ignore[no-untyped-def]
    with translation.override("en"):  # the filer's page is in English
        report = report_file(
            by=chain.station_user,
            area=grid.compound,
            category="safety",
            severity="general",
            discovered_at=at(2, 8),  # due within two hours: 10:00, i.e. 02:00 UTC
            text="楼道堆放杂物起火",
            now=at(2, 12),
        )
        progress_check(report_id=report.pk, now=at(2, 17))  # an update was due at 16:00
    return report


def test_evidence_reads_in_the_readers_language_and_local_time(chain, grid):  # type: ignore[no-untyped-def]
    report = late_report(chain, grid)
    late = TimelinessFinding.objects.get(kind=FindingKind.LATE)
    assert late.evidence == "", "the times are stored, not a sentence"

    for url in (reverse("report-detail", args=[report.pk]), reverse("finding-list")):
        chinese = page(chain.community_user, url, "zh-hans")
        assert LATE_ZH in chinese and UPDATE_ZH in chinese and "Reported at" not in chinese
        english = page(chain.community_user, url, "en")
        assert LATE_EN in english and UPDATE_EN in english and "上报于" not in english


def test_a_report_is_named_in_the_readers_language_and_local_time(chain, grid):  # type: ignore[no-untyped-def]
    report = late_report(chain, grid)
    place = grid.compound.name
    with translation.override("en"):
        assert str(report) == f"safety · {place} · 2026-03-02 08:00"
        assert (
            str(TimelinessFinding.objects.get(kind=FindingKind.LATE))
            == f"late report · {place} · 2026-03-02 10:00"
        )
    with translation.override("zh-hans"):
        assert str(report) == f"安全隐患 · {place} · 2026-03-02 08:00"
    logged = AuditLog.objects.get(action="report_file")
    assert logged.object_repr == f"安全隐患 · {place} · 2026-03-02 08:00", "the site's language and time"


def test_evidence_someone_gave_is_shown_as_given(chain, grid):  # type: ignore[no-untyped-def]
    report = late_report(chain, grid)
    TimelinessFinding.objects.filter(kind=FindingKind.LATE).update(evidence="值班记录显示12点才上报")
    english = page(chain.community_user, reverse("report-detail", args=[report.pk]), "en")
    assert "值班记录显示12点才上报" in english and LATE_EN not in english
