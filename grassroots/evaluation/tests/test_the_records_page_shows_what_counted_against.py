"""Tracing a figure to its records shows, for each record, its date, its place in full and whether
it counted for or against the person, those against first: the meetings missed, the visits that
verified nothing, the party activities not attended, the meetings a station never held."""

import hashlib
import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.deployment.models import Assignment
from grassroots.evaluation import services
from grassroots.meetings.models import Meeting
from grassroots.party.models import Activity, PartyMember, PartyOrganisation
from grassroots.residents.models import Household, Visit

from .conftest import START, at


def records(page: str) -> list[str]:
    listed = re.search(r'<ul id="records">(.*?)</ul>', page, re.S)
    assert listed is not None
    return [
        re.sub(r"<[^>]+>", "", li).strip() for li in re.findall(r"<li[^>]*>(.*?)</li>", listed.group(1), re.S)
    ]


@pytest.fixture
def traced(period):  # type: ignore[no-untyped-def]
    station, worker = period.station, period.worker
    Assignment.objects.create(
        staff=worker, area=station.area, post=station, role="guarantor", starts_on=START
    )
    for day in (2, 3, 4):
        m = Meeting.objects.create(
            post=station,
            area=station.area,
            kind="morning",
            day=date(2026, 10, day),
            held_at=at(day, 8),
            recorded_by=period.station_user,
        )
        if day != 3:
            m.attendees.add(worker)
    home = Household.objects.create(area=period.grid.unit, room="302")
    for day, outcome in ((5, "verified"), (6, "nobody_home")):
        Visit.objects.create(
            household=home,
            visitor=period.worker_user,
            visited_at=at(day),
            channel="visit",
            outcome=outcome,
            fingerprint=hashlib.sha256(str(day).encode()).hexdigest(),
        )
    org = PartyOrganisation.objects.create(
        name="示范站临时党支部", post=station, area=station.area, founded_on=START
    )
    member = PartyMember.objects.create(organisation=org, staff=worker, area=station.area, joined_on=START)
    for day, title in ((8, "重温入党誓词"), (15, "志愿服务日")):
        a = Activity.objects.create(
            organisation=org, area=station.area, kind="other", title=title, held_on=date(2026, 10, day)
        )
        if day == 8:
            a.attendees.add(member)
    services.period_compute(by=period.hq, period=period.period)
    period.score = period.period.scores.get(person=worker)
    period.client = Client()
    period.client.force_login(period.hq)
    return period


def page_of(traced, code: str, score=None) -> str:  # type: ignore[no-untyped-def]
    score = score or traced.score
    return traced.client.get(reverse("evaluation-score-records", args=[score.pk, code])).content.decode()


@pytest.mark.django_db
def test_a_missed_meeting_comes_first_and_is_marked(traced):  # type: ignore[no-untyped-def]
    page = page_of(traced, "meeting_attendance")
    assert "2 / 3" in page and "1条扣分记录，列在前面" in page
    assert records(page) == [
        "缺席 2026-10-03 · 早例会 · 示范站",
        "出席 2026-10-02 · 早例会 · 示范站",
        "出席 2026-10-04 · 早例会 · 示范站",
    ]
    assert page.count("<li data-against>") == 1


@pytest.mark.django_db
def test_a_visit_shows_its_building_unit_room_and_date(traced):  # type: ignore[no-untyped-def]
    page = page_of(traced, "visits_verified")
    assert records(page) == [
        "未核实 2026-10-06 10:00 · 无人在家 · 小区1-1-1 1号楼 1单元 302",
        "已核实 2026-10-05 10:00 · 已核实 · 小区1-1-1 1号楼 1单元 302",
    ]
    # A count judges no record: each is listed by its date and place, unmarked.
    assert (
        records(page_of(traced, "visits_done"))[0] == "2026-10-05 10:00 · 已核实 · 小区1-1-1 1号楼 1单元 302"
    )


@pytest.mark.django_db
def test_party_activities_say_their_date_and_whether_attended(traced):  # type: ignore[no-untyped-def]
    assert records(page_of(traced, "party_activities")) == [
        "缺席 2026-10-15 · 志愿服务日 · 其他 · 示范站临时党支部",
        "出席 2026-10-08 · 重温入党誓词 · 其他 · 示范站临时党支部",
    ]


@pytest.mark.django_db
def test_a_station_sees_the_meetings_it_did_not_hold(traced):  # type: ignore[no-untyped-def]
    station_score = traced.period.scores.get(post=traced.station)
    listed = records(page_of(traced, "meetings_held", station_score))
    assert len(listed) == 62
    assert listed[0] == "未召开 2026-10-01 · 早例会 · 示范站"
    assert listed[1] == "未召开 2026-10-01 · 晚例会 · 示范站"
    assert listed[-3:] == [
        "已召开 2026-10-02 · 早例会 · 示范站",
        "已召开 2026-10-03 · 早例会 · 示范站",
        "已召开 2026-10-04 · 早例会 · 示范站",
    ]
    assert "未召开 2026-10-02 · 早例会 · 示范站" not in listed


@pytest.mark.django_db
def test_a_score_stored_before_against_was_kept_is_judged_from_the_records(traced):  # type: ignore[no-untyped-def]
    lines = traced.score.indicators
    del lines["meeting_attendance"]["against"]
    traced.score.save(update_fields=["indicators"])
    page = page_of(traced, "meeting_attendance")
    assert records(page)[0] == "缺席 2026-10-03 · 早例会 · 示范站"
    assert "按记录的当前状态标注" in page
