"""The meetings page lists the unit reviews a page at a time with the shared pager, so every review
can be reached, not only the latest hundred."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from ..models import UnitReview
from ..views_work import REVIEWS_PER_PAGE


@pytest.mark.django_db
def test_every_review_is_on_one_page_or_another(rural):
    call = rural.call()
    people = [rural.approved(call) for _ in range(6)]
    UnitReview.objects.bulk_create(
        UnitReview(
            instructor=p,
            month=date(2020 + m // 12, m % 12 + 1, 1),
            log_days=1,
            villages_logged=1,
            problems_raised=0,
            notes=f"评语{p.pk}-{m}",
            by=rural.unit,
        )
        for p in people
        for m in range(20)
    )
    total = UnitReview.objects.count()
    assert total > 100
    c = Client(HTTP_ACCEPT_LANGUAGE="en")
    c.force_login(rural.committee)
    url = reverse("instructors-meetings", args=[call.pk])
    seen: list[str] = []
    pages = -(-total // REVIEWS_PER_PAGE)
    for n in range(1, pages + 1):
        got = c.get(url, {"reviews": n})
        rows = list(got.context["reviews"])
        assert len(rows) == (REVIEWS_PER_PAGE if n < pages else total - REVIEWS_PER_PAGE * (pages - 1))
        seen += [r.notes for r in rows]
        body = got.content.decode()
        assert f"Page {n} of {pages}" in body
        if n < pages:
            assert f"reviews={n + 1}#reviews" in body
    assert sorted(seen) == sorted(UnitReview.objects.values_list("notes", flat=True))
    # Newest month first.
    assert seen[0].endswith("-19")
