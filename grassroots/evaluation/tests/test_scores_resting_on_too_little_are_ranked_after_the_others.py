"""A total is the weighted mean of the indicators that could be scored, so someone with a perfect
mark on one small indicator must not outrank people measured on most of the scheme: scores resting
on less than half of the scheme's weight come after the others, marked, on the page, in the export,
in the API and in the selection pool; the totals themselves are unchanged."""

import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from grassroots.evaluation import selectors, services
from grassroots.people.models import Gender, Staff, StaffKind

from .conftest import END, START


@pytest.fixture
def ranked(period):  # type: ignore[no-untyped-def]
    """Conduct 10, the commander's rating 10, the community's 4. The worker is marked 60 and 70 on
    the first two (20 of 24); a newcomer without a login only 100 by the community (4 of 24); the
    commander is marked on nothing."""
    scheme = services.scheme_create(
        by=period.hq,
        area=period.grid.district,
        name="评分考核",
        lines=[("conduct", 10, None), ("commander_rating", 10, None), ("community_rating", 4, None)],
    )
    p = services.period_open(
        by=period.hq,
        name="评分期",
        kind="month",
        starts_on=START,
        ends_on=END,
        area=period.grid.district,
        scheme=scheme,
    )
    newcomer = Staff.objects.create(
        name="新同志", gender=Gender.FEMALE, kind=StaffKind.CADRE, area=period.grid.compound
    )
    for code, value in (("conduct", 60), ("commander_rating", 70)):
        services.rating_record(by=period.station_user, period=p, person=period.worker, code=code, value=value)
    services.rating_record(by=period.community, period=p, person=newcomer, code="community_rating", value=100)
    services.period_compute(by=period.hq, period=p)
    period.p, period.newcomer = p, newcomer
    return period


def client_for(user):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_the_ranking_puts_scores_resting_on_too_little_last(ranked):  # type: ignore[no-untyped-def]
    scores = list(selectors.ranking(user=ranked.hq, period=ranked.p, area=ranked.grid.compound))
    assert [s.person for s in scores] == [ranked.worker, ranked.newcomer, ranked.commander]
    # The totals are what they were: the newcomer's perfect mark stays 100.
    assert [s.total for s in scores] == [Decimal("65.00"), Decimal("100.00"), Decimal("0.00")]
    assert [(s.measured_weight, s.scheme_weight) for s in scores] == [(20, 24), (4, 24), (0, 24)]
    assert [s.measured_too_little for s in scores] == [False, True, True]

    page = client_for(ranked.hq).get(
        reverse("evaluation-period", args=[ranked.p.pk]), {"area": ranked.grid.compound.pk}
    )
    rows = re.findall(
        r"<tr( data-measured=\"too-little\")?><td[^>]*>(\d+)</td>(.*?)</tr>", page.content.decode(), re.S
    )
    said = [(bool(mark), rank, re.sub(r"<[^>]+>|\s+", "", body)) for mark, rank, body in rows]
    assert [s[:2] for s in said] == [(False, "1"), (True, "2"), (True, "3")]
    assert "吴干部" in said[0][2] and "65.00" in said[0][2] and "3项指标计分2项（权重24中计20）" in said[0][2]
    assert (
        "新同志" in said[1][2] and "3项指标计分1项（权重24中计4）" in said[1][2] and "计分不足" in said[1][2]
    )
    # Measured on nothing is said so, not shown as a total of 0.
    assert "周指挥" in said[2][2] and "不计分" in said[2][2] and "0.00" not in said[2][2]
    assert "2个得分所计指标权重不足考核办法一半" in page.content.decode()


@pytest.mark.django_db
def test_the_export_and_the_api_say_what_each_score_rests_on(ranked, api):  # type: ignore[no-untyped-def]
    got = client_for(ranked.hq).get(reverse("evaluation-export", args=[ranked.p.pk]))
    sheet = load_workbook(BytesIO(got.content), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[2]
    assert header[4:6] == ("计分情况", "排名分组")
    people = {row[1]: row for row in rows[3:]}
    assert list(people)[:3] == ["吴干部", "新同志", "周指挥"]
    assert people["吴干部"][3:6] == (65.0, "3项指标计分2项（权重24中计20）", "正常排名")
    assert people["新同志"][3:6] == (100.0, "3项指标计分1项（权重24中计4）", "计分不足，排在其余之后")
    assert people["周指挥"][3] == "不计分"

    body = (
        api(ranked.hq)
        .get(f"/api/v1/evaluation/periods/{ranked.p.pk}/scores?area={ranked.grid.compound.pk}")
        .json()
    )
    assert [(r["person"], r["rank"], r["measured_too_little"]) for r in body] == [
        ("吴干部", 1, False),
        ("新同志", 2, True),
        ("周指挥", 3, True),
    ]
    assert body[1]["measured"] == {"indicators": 1, "of_indicators": 3, "weight": 4, "of_weight": 24}


@pytest.mark.django_db
def test_the_selection_pool_draws_those_measured_enough_first(ranked):  # type: ignore[no-untyped-def]
    services.period_close(by=ranked.hq, period=ranked.p)
    pool = services.selection_pool_build(by=ranked.hq, period=ranked.p, area=ranked.grid.compound, size=2)
    assert [c.person for c in pool] == [ranked.worker, ranked.newcomer]


@pytest.mark.django_db
def test_a_closed_period_recomputes_to_the_same_weights(ranked):  # type: ignore[no-untyped-def]
    services.period_close(by=ranked.hq, period=ranked.p)
    before = {s.pk: (s.total, s.measured_weight, s.scheme_weight) for s in ranked.p.scores.all()}
    ranked.p.scores.update(measured_weight=0, scheme_weight=0)
    services.period_compute(by=ranked.hq, period=ranked.p)
    assert {s.pk: (s.total, s.measured_weight, s.scheme_weight) for s in ranked.p.scores.all()} == before
