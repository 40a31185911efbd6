"""The ranking no longer stops at 300 people (a full-size street has over 300): it pages through
them all, numbering each by their place in the whole ranking, and the pager keeps the area chosen."""

import re
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from grassroots.evaluation.models import Score
from grassroots.people.models import Gender, Staff, StaffKind


def people(area, n: int) -> list[Staff]:  # type: ignore[no-untyped-def]
    return Staff.objects.bulk_create(
        Staff(name=f"排名{i:03d}", gender=Gender.MALE, kind=StaffKind.CADRE, area=area)
        for i in range(1, n + 1)
    )


def test_the_person_ranked_301st_is_shown_as_301(period):  # type: ignore[no-untyped-def]
    area = period.grid.compound
    Score.objects.bulk_create(
        Score(period=period.period, person=p, area=area, total=Decimal(900 - i))
        for i, p in enumerate(people(area, 305), start=1)
    )
    client = Client()
    client.force_login(period.hq)
    url = reverse("evaluation-period", args=[period.period.pk])

    first = client.get(url, {"area": area.pk})
    assert first.context["count"] == 305
    assert "排名301" not in first.content.decode()
    assert f"area={area.pk}&page=2" in first.content.decode(), "the pager keeps the area"

    last = client.get(url, {"area": area.pk, "page": 4}).content.decode()
    rows = re.findall(
        r"<td data-label=\"[^\"]+\">(\d+)</td>\s*<td data-label=\"[^\"]+\"><a [^>]+>(排名\d+)</a>", last
    )
    assert rows[0] == ("301", "排名301") and rows[-1] == ("305", "排名305")
