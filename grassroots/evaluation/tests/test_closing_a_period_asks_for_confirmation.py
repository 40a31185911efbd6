"""Closing freezes the scores for good, so the ranking page offers it as a secondary action behind
an explanation and an explicit confirming button (a <details>, no script), and the close URL does
nothing without that confirmation."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.evaluation.models import PeriodStatus


@pytest.mark.django_db
def test_the_period_closes_only_when_confirmed(period):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(period.hq)
    page = c.get(reverse("evaluation-period", args=[period.period.pk])).content.decode()
    close_url = reverse("evaluation-period-close", args=[period.period.pk])
    details = re.search(r'<details id="close-period">(.*?)</details>', page, re.S)
    assert details is not None and close_url in details.group(1)
    assert 'name="confirm" value="yes"' in details.group(1) and "无法撤销" in details.group(1)
    # The close form is inside the confirmation only; the one solid button is "Compute scores".
    assert page.count(close_url) == 1
    assert re.search(r'<button class="btn" type="submit">计算得分</button>', page)
    assert not re.search(r'<button class="btn" type="submit"[^>]*>确认关闭', page)

    refused = c.post(close_url, follow=True)
    period.period.refresh_from_db()
    assert period.period.status == PeriodStatus.OPEN
    assert "请确认关闭" in refused.content.decode()

    c.post(close_url, {"confirm": "yes"})
    period.period.refresh_from_db()
    assert period.period.status == PeriodStatus.CLOSED
    closed = c.get(reverse("evaluation-period", args=[period.period.pk])).content.decode()
    assert close_url not in closed and "close-period" not in closed
