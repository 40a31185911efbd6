"""A record the reporting chain opened stores a title and evidence written in its opener's language;
the pages say both again from the finding's own fields, so a reader in English reads English and a
reader in Chinese reads Chinese, whoever opened it. Records opened by hand show what was typed."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from grassroots.evaluation import services
from grassroots.reporting.models import FindingStatus, Report, TimelinessFinding

from .conftest import at


@pytest.fixture
def records(period):  # type: ignore[no-untyped-def]
    station = period.station
    report = Report.objects.create(
        area=station.area,
        post=station,
        filed_by=period.station_user,
        category="safety",
        severity="general",
        discovered_at=at(2, 8),
        reported_at=at(2, 12),
        text="情况",
        deadline=at(2, 9),
        update_every=timedelta(hours=4),
        holder=station.area,
    )
    # As the reporting chain writes it: the times, and no sentence (the pages say it from them).
    TimelinessFinding.objects.create(
        kind="late",
        area=station.area,
        post=station,
        report=report,
        occurred_at=report.deadline,
        late_by=report.reported_at - report.deadline,
        commander=period.commander,
        status=FindingStatus.CONFIRMED,
    )
    (late,) = services.accountability_from_confirmed_findings(by=period.hq, area=period.grid.district)
    by_hand = services.accountability_open(
        by=period.community, person=period.worker, title="夜间值守缺岗", evidence="10月5日夜未到岗"
    )
    period.late, period.by_hand = late, by_hand
    return period


def read(user, url: str, language: str) -> str:  # type: ignore[no-untyped-def]
    c = Client(headers={"Accept-Language": language})
    c.force_login(user)
    return c.get(url).content.decode()


@pytest.mark.django_db
def test_english_readers_read_a_finding_record_in_english(records):  # type: ignore[no-untyped-def]
    url = reverse("evaluation-accountability", args=[records.late.pk])
    english = read(records.hq, url, "en")
    assert "late report · safety · 小区1-1-1 · 2026-10-02 08:00" in english
    assert "Reported at 2026-10-02 12:00; due by 2026-10-02 09:00." in english
    assert "上报于" not in english and "迟报" not in english
    chinese = read(records.hq, url, "zh-hans")
    assert "上报于2026-10-02 12:00；应于2026-10-02 09:00前上报。" in chinese
    listed = read(records.hq, reverse("evaluation-accountabilities"), "en")
    assert "late report · safety · 小区1-1-1 · 2026-10-02 08:00" in listed


@pytest.mark.django_db
def test_a_record_opened_by_hand_shows_what_was_typed(records):  # type: ignore[no-untyped-def]
    english = read(records.hq, reverse("evaluation-accountability", args=[records.by_hand.pk]), "en")
    assert "夜间值守缺岗" in english and "10月5日夜未到岗" in english
    with translation.override("en"):
        assert records.by_hand.matter == "夜间值守缺岗"
