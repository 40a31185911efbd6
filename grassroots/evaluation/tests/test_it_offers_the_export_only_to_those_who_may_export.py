"""The period page offers the xlsx export to exactly those whom the export lets in."""

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.evaluation import services


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "may"), [("hq", True), ("community", True), ("station_user", True), ("worker_user", False)]
)
def test_the_export_button_follows_the_export_rule(period, who, may):  # type: ignore[no-untyped-def]
    # A person without a superior's role sees the period through the score it holds for them.
    services.period_compute(by=period.hq, period=period.period)
    client = Client()
    client.force_login(getattr(period, who))
    export = reverse("evaluation-export", args=[period.period.pk])
    page = client.get(reverse("evaluation-period", args=[period.period.pk]))
    assert page.status_code == 200
    assert (export in page.content.decode()) is may
    assert (client.get(export).status_code == 200) is may
