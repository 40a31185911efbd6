"""The scheme editor's "entered by" column: computed indicators say so (and which need a login),
rater indicators say raters."""

import re

import pytest
from django.test import Client
from django.urls import reverse


def entered_by(page: str, code: str) -> str:
    row = re.search(rf'<tr data-indicator="{code}">(.*?)</tr>', page, re.S)
    assert row is not None, code
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    return re.sub(r"<[^>]+>", "", cells[1]).strip()


@pytest.mark.django_db
@pytest.mark.parametrize("existing", [False, True])
def test_each_indicator_says_who_enters_it(period, existing):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(period.hq)
    url = (
        reverse("evaluation-scheme", args=[period.period.scheme.pk])
        if existing
        else reverse("evaluation-scheme-new")
    )
    page = c.get(url).content.decode()
    assert entered_by(page, "visits_done") == "按记录计算（需有登录账号）"
    assert entered_by(page, "meeting_attendance") == "按记录计算"
    assert entered_by(page, "meetings_held") == "按记录计算"
    assert entered_by(page, "conduct") == "评价人填报"
    assert entered_by(page, "community_rating") == "评价人填报"
