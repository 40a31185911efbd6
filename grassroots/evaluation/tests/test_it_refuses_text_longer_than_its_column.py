"""A note, a matter or a decision's reason longer than its column is refused, naming the field and
its limit, where the services used to cut it short silently; on the page the refusal stands beside
the box with what was typed, and nothing is written. Text of the column's length is kept whole."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from grassroots.evaluation import services
from grassroots.evaluation.models import Accountability, AccountabilityStatus, Rating


def test_the_services_refuse_rather_than_cut(period):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        services.rating_record(
            by=period.community,
            period=period.period,
            person=period.worker,
            code="conduct",
            value=90,
            note="好" * 201,
        )
    assert refused.value.message_dict == {"note": ["备注：最多200个字，已输入201个字。"]}
    assert not Rating.objects.exists()

    with pytest.raises(ValidationError) as refused:
        services.accountability_open(
            by=period.hq, person=period.worker, title="漏" * 201, evidence="十月三次未报"
        )
    assert refused.value.message_dict == {"title": ["事项：最多200个字，已输入201个字。"]}
    assert not Accountability.objects.exists()

    record = services.accountability_open(
        by=period.hq, person=period.worker, title="漏" * 200, evidence="未报"
    )
    with pytest.raises(ValidationError) as refused:
        services.accountability_decide(by=period.hq, record=record, confirm=True, reason="实" * 301)
    assert refused.value.message_dict == {"decision_reason": ["决定理由：最多300个字，已输入301个字。"]}
    record.refresh_from_db()
    assert record.status == AccountabilityStatus.OPEN and record.title == "漏" * 200

    services.accountability_decide(by=period.hq, record=record, confirm=True, reason="实" * 300)
    record.refresh_from_db()
    assert record.decision_reason == "实" * 300


def test_the_page_shows_the_refusal_beside_the_reason(period):  # type: ignore[no-untyped-def]
    record = services.accountability_open(
        by=period.hq, person=period.worker, title="台账漏报", evidence="未报"
    )
    client = Client()
    client.force_login(period.hq)
    url = reverse("evaluation-accountability", kwargs={"accountability_id": record.pk})

    got = client.post(url, {"action": "decide", "approve": "yes", "reason": "实" * 301})

    assert got.status_code == 200
    assert got.context["decide_form"].errors["reason"], "beside the reason box"
    assert "实" * 301 in got.content.decode(), "what was typed is kept"
    record.refresh_from_db()
    assert record.status == AccountabilityStatus.OPEN and record.decision_reason == ""
