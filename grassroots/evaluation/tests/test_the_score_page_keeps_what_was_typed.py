"""A refused mark, nomination or accountability on the score page shows the page again with what was
typed and the error beside its field, rather than a message over an emptied form."""

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.evaluation import services
from grassroots.evaluation.models import Accountability, Nomination, Rating


def field_errors(got, form: str, name: str) -> str:  # type: ignore[no-untyped-def]
    """The errors shown beside one field of one of the page's forms."""
    return " ".join(got.context[form].errors.get(name, []))


@pytest.fixture
def score(period):  # type: ignore[no-untyped-def]
    services.period_compute(by=period.hq, period=period.period)
    period.score = period.period.scores.get(person=period.worker)
    period.client = Client()
    period.client.force_login(period.community)
    return period


@pytest.mark.django_db
def test_a_mark_that_is_not_a_number_keeps_the_note(score):  # type: ignore[no-untyped-def]
    got = score.client.post(
        reverse("evaluation-score-rate", args=[score.score.pk]),
        {"code": "conduct", "value": "abc", "note": "工作认真，入户及时"},
    )
    assert got.status_code == 200
    page = got.content.decode()
    assert "请输入整数" in field_errors(got, "rating_form", "value")
    assert "工作认真，入户及时" in page and 'value="abc"' in page
    assert "请检查表单" not in page
    assert not Rating.objects.exists()


@pytest.mark.django_db
def test_a_nomination_without_an_honour_keeps_the_reason(score):  # type: ignore[no-untyped-def]
    got = score.client.post(
        reverse("evaluation-score-nominate", args=[score.score.pk]),
        {"title": "", "reason": "连续三十天入户走访"},
    )
    assert got.status_code == 200
    page = got.content.decode()
    assert "这个字段是必填项" in field_errors(got, "nomination_form", "title")
    assert "连续三十天入户走访</textarea>" in page
    assert not Nomination.objects.exists()


@pytest.mark.django_db
def test_a_refusal_by_the_service_is_shown_on_the_form(score):  # type: ignore[no-untyped-def]
    url = reverse("evaluation-score-nominate", args=[score.score.pk])
    assert score.client.post(url, {"title": "优秀下沉干部", "reason": "表现突出"}).status_code == 302
    again = score.client.post(url, {"title": "优秀下沉干部", "reason": "再次提名的理由"})
    assert again.status_code == 200
    page = again.content.decode()
    assert "此人已被推荐该荣誉" in page and "再次提名的理由</textarea>" in page
    assert Nomination.objects.count() == 1


@pytest.mark.django_db
def test_accountability_without_evidence_keeps_the_matter(score):  # type: ignore[no-untyped-def]
    url = reverse("evaluation-score-account", args=[score.score.pk])
    got = score.client.post(url, {"title": "夜间值守缺岗", "evidence": ""})
    assert got.status_code == 200
    page = got.content.decode()
    assert 'value="夜间值守缺岗"' in page and field_errors(got, "accountability_form", "evidence")
    assert not Accountability.objects.exists()
    opened = score.client.post(url, {"title": "夜间值守缺岗", "evidence": "10月5日夜未到岗"})
    record = Accountability.objects.get()
    assert opened["Location"] == reverse("evaluation-accountability", args=[record.pk])
