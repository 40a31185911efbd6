"""Pages name people by name, compose grades, quarters, counts and generated reasons in the reader's
language, and name the export by the township."""

import io
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from grassroots.people.models import Staff

from ..models import Decision, Method, SelectionStep, Step
from ..services_assessment import assessment_compute, cadre_review_record
from ..services_matching import matching_propose


def client_for(user):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_people_are_named_by_their_names(rural):
    Staff.objects.create(name="王主任", gender="male", kind="cadre", area=rural.county, user=rural.unit)
    rural.committee.last_name, rural.committee.first_name = "李", "书记"
    rural.committee.save()
    call = rural.call()
    me = rural.approved(call)
    rural.profile(call, [["industry"]] * 6)
    matching_propose(by=rural.committee, call=call, method=Method.OPTIMAL)
    person = client_for(rural.committee).get(reverse("instructors-person", args=[me.pk])).content.decode()
    assert "王主任" in person and "李书记" in person
    assert f"{rural.unit.username} " not in person
    matching = (
        client_for(rural.committee).get(reverse("instructors-matching", args=[call.pk])).content.decode()
    )
    assert "李书记" in matching


@pytest.mark.django_db
def test_steps_say_recommended_and_generated_reasons_follow_the_reader(rural):
    call = rural.call()
    me = rural.approved(call)
    step = me.steps.get(step=Step.APPLICATION)
    assert step.reason == "" and step.code == "eligible"
    english = client_for(me.user).get(reverse("instructors-mine"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client_for(me.user).get(reverse("instructors-mine")).content.decode()
    assert "Application submitted; all eligibility rules met." in english
    assert "sending-unit recommendation</b> · recommended" in english
    assert "Application submitted" not in chinese and "已推荐" in chinese
    # A row written before codes keeps its stored words.
    SelectionStep.objects.create(
        instructor=me, step=Step.APPLICATION, decision=Decision.SUBMIT, reason="已提交申请（旧）", by=me.user
    )
    assert "已提交申请（旧）" in client_for(me.user).get(reverse("instructors-mine")).content.decode()


@pytest.mark.django_db
def test_the_assessment_page_composes_grades_quarters_and_counts(rural):
    call = rural.call()
    rural.approved(call)
    rural.profile(call, [["industry"]] * 6)
    rural.place(matching_propose(by=rural.committee, call=call, method=Method.OPTIMAL))
    me = call.instructors.get(village__isnull=False)
    from grassroots.core.models import AccessGrant

    cadre = rural.make_user("cadre")
    AccessGrant.objects.create(user=cadre, area=me.village, role="community")
    cadre_review_record(by=cadre, instructor=me, score=88)
    year = timezone.localdate().year
    quarter = (timezone.localdate().month - 1) // 3 + 1
    [a] = assessment_compute(by=rural.committee, call=call, year=year, quarter=quarter)
    c = client_for(rural.committee)
    url = reverse("instructors-assessment", args=[call.pk])
    english = c.get(f"{url}?year={year}&quarter={quarter}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "excellent ≥ 90, competent ≥ 75, basically competent ≥ 60" in english
    assert "优秀" not in english
    assert f"Day-to-day assessment {year} Q{quarter}" in english and "Annual assessment" not in english
    chinese = c.get(f"{url}?year={year}&quarter={quarter}").content.decode()
    assert "第一季度" in chinese and ">Q1<" not in chinese
    assert "优秀 ≥ 90" in chinese
    detail = c.get(reverse("instructors-assessment-detail", args=[a.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "1 review<" in detail.content.decode() and "1 reviews" not in detail.content.decode()
    export = c.get(
        reverse("instructors-export", args=[call.pk])
        + f"?township={me.village.parent_id}&year={year}&quarter={quarter}"
    )
    name = f"{me.village.parent.name}-{year}-Q{quarter}.xlsx"
    assert f"filename*=UTF-8''{quote(name)}" in export["Content-Disposition"]
    assert str(me.village.parent_id) not in export["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows(values_only=True))
    assert me.name in [r[1] for r in rows]


@pytest.mark.django_db
def test_phone_boxes_open_the_number_pad(rural):
    call = rural.call()
    page = client_for(rural.make_user("x")).get(reverse("instructors-apply", args=[call.pk])).content.decode()
    assert 'type="tel" name="phone"' in page and 'inputmode="tel"' in page and 'autocomplete="tel"' in page
