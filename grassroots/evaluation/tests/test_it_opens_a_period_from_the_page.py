from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.core.models import Role
from grassroots.evaluation import services
from grassroots.evaluation.models import AssessmentPeriod, PeriodStatus


def client_for(user):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_it_opens_computes_and_closes_a_period_from_the_pages(period):  # type: ignore[no-untyped-def]
    page = client_for(period.hq)
    got = page.post(
        reverse("evaluation-period-new"),
        {
            "name": "2026年第四季度",
            "kind": "quarter",
            "starts_on": "2026-10-01",
            "area": period.grid.street.pk,
            "scheme": period.period.scheme.pk,
        },
    )
    opened = AssessmentPeriod.objects.get(name="2026年第四季度")
    assert got.status_code == 302 and got["Location"] == reverse("evaluation-period", args=[opened.pk])
    # The end is filled in from the kind when left empty.
    assert (opened.starts_on, opened.ends_on, opened.area) == (
        date(2026, 10, 1),
        date(2026, 12, 31),
        period.grid.street,
    )
    ranking = page.get(reverse("evaluation-period", args=[opened.pk])).content.decode()
    assert reverse("evaluation-period-compute", args=[opened.pk]) in ranking
    page.post(reverse("evaluation-period-compute", args=[opened.pk]))
    opened.refresh_from_db()
    assert opened.computed_at is not None and opened.scores.filter(person=period.worker).exists()
    page.post(reverse("evaluation-period-close", args=[opened.pk]), {"confirm": "yes"})
    opened.refresh_from_db()
    assert opened.status == PeriodStatus.CLOSED


@pytest.mark.django_db
def test_it_names_the_field_of_a_wrong_period(period, make_user):  # type: ignore[no-untyped-def]
    page = client_for(period.hq)
    backwards = page.post(
        reverse("evaluation-period-new"),
        {
            "name": "倒序",
            "kind": "month",
            "starts_on": "2026-10-31",
            "ends_on": "2026-10-01",
            "area": period.grid.district.pk,
            "scheme": period.period.scheme.pk,
        },
    )
    assert "ends_on" in backwards.context["form"].errors
    # A scheme kept by one street does not assess another street.
    street_hq = make_user("street-hq", Role.DISTRICT_HQ, period.grid.district)
    narrow = services.scheme_create(
        by=street_hq, area=period.grid.streets[1], name="二街办法", lines=[("conduct", 1, None)]
    )
    wrong = page.post(
        reverse("evaluation-period-new"),
        {
            "name": "错配",
            "kind": "month",
            "starts_on": "2026-10-01",
            "area": period.grid.street.pk,
            "scheme": narrow.pk,
        },
    )
    assert "scheme" in wrong.context["form"].errors
    assert not AssessmentPeriod.objects.filter(name__in=["倒序", "错配"]).exists()


@pytest.mark.django_db
def test_only_district_hq_opens_a_period(period):  # type: ignore[no-untyped-def]
    assert client_for(period.community).get(reverse("evaluation-period-new")).status_code == 403
    assert client_for(period.hq).get(reverse("evaluation-period-new")).status_code == 200


def test_a_period_ends_with_its_month_quarter_or_year() -> None:
    assert services.period_end("month", date(2026, 2, 1)) == date(2026, 2, 28)
    assert services.period_end("month", date(2026, 12, 1)) == date(2026, 12, 31)
    assert services.period_end("quarter", date(2026, 11, 15)) == date(2027, 2, 14)
    assert services.period_end("year", date(2026, 1, 1)) == date(2026, 12, 31)
    assert services.period_end("month", date(2026, 1, 31)) == date(2026, 2, 28)
