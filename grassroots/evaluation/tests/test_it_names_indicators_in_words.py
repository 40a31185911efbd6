"""Pages show an indicator's label, never its registry code (commander_rating, conduct …)."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from grassroots.evaluation import services


def client_for(user):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_the_records_behind_a_rating_name_the_indicator(period):  # type: ignore[no-untyped-def]
    rating = services.rating_record(
        by=period.station_user, period=period.period, person=period.worker, code="commander_rating", value=90
    )
    services.period_compute(by=period.hq, period=period.period)
    score = period.period.scores.get(person=period.worker)
    url = reverse("evaluation-score-records", args=[score.pk, "commander_rating"])
    for user in (period.station_user, period.community, period.worker_user):
        page = client_for(user).get(url).content.decode()
        records = re.search(r'<ul id="records">(.*?)</ul>', page, re.S)
        assert records is not None
        assert "指挥长评价 · 评分90" in records.group(1), user
        assert "commander_rating" not in records.group(1)
    with translation.override("en"):
        assert str(rating) == "吴干部 · station commander's rating · 90"


@pytest.mark.django_db
def test_a_scheme_line_names_its_indicator(period):  # type: ignore[no-untyped-def]
    line = period.period.scheme.indicators.get(code="conduct")
    with translation.override("zh-hans"):
        assert str(line) == "十月考核 · 作风表现"
