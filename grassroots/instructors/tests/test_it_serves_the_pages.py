import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ..models import Instructor, Method, Status
from ..services_assessment import assessment_compute, survey_token
from ..services_matching import matching_propose


def client_for(user):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_it_lets_a_user_without_any_grant_apply_and_follow_the_application(rural):
    call = rural.call()
    nobody = rural.make_user("nobody")
    c = client_for(nobody)
    assert call.name in c.get(reverse("instructors-home")).content.decode()
    form = c.get(reverse("instructors-apply", args=[call.pk]))
    assert form.status_code == 200
    got = c.post(
        reverse("instructors-apply", args=[call.pk]),
        {
            "name": "自荐人",
            "gender": "female",
            "birth_date": "1990-05-01",
            "phone": "13911112222",
            "source": "self",
            "department": rural.department.pk,
            "post": "科员",
            "familiar_fields": ["culture", "party_building"],
            "is_party_member": "on",
            "political_quality_ok": "on",
            "health_ok": "on",
            "party_work_years": "4",
            "service_years": "6",
        },
    )
    assert got.status_code == 302, got.content.decode()[:2000]
    mine = c.get(reverse("instructors-mine")).content.decode()
    assert Instructor.objects.get(user=nobody).status == Status.APPLIED
    assert call.name in mine


@pytest.mark.django_db
def test_it_renders_every_page_for_the_committee(rural):
    call = rural.call()
    people = [rural.approved(call) for _ in range(6)]
    rural.profile(call, [["industry"]] * 6)
    rural.place(matching_propose(by=rural.committee, call=call, method=Method.OPTIMAL))
    [a, *_] = assessment_compute(by=rural.committee, call=call, year=timezone.localdate().year)
    c = client_for(rural.committee)
    need = call.needs.first()
    urls = [
        reverse("instructors-call", args=[call.pk]),
        reverse("instructors-ledger", args=[call.pk]),
        reverse("instructors-needs", args=[call.pk]),
        reverse("instructors-need", args=[need.pk]),
        reverse("instructors-matching", args=[call.pk]),
        reverse("instructors-matching-detail", args=[call.matchings.first().pk]),
        reverse("instructors-training", args=[call.pk]),
        reverse("instructors-missing", args=[call.pk]),
        reverse("instructors-meetings", args=[call.pk]),
        reverse("instructors-assessment", args=[call.pk]),
        reverse("instructors-assessment-detail", args=[a.pk]),
        reverse("instructors-survey-codes", args=[call.pk]),
        reverse("instructors-person", args=[people[0].pk]),
    ]
    for url in urls:
        got = c.get(url)
        assert got.status_code == 200, url
    export = c.get(reverse("instructors-export", args=[call.pk]) + f"?township={rural.townships[0].pk}")
    assert export.status_code == 200 and export.content[:2] == b"PK"
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    login = rural.committee.get_username()
    assert login in str(sheet.oddHeader.center.text) and login in str(sheet["A1"].value)  # type: ignore[union-attr]
    served = (
        Instructor.objects.filter(call=call, village__isnull=False)
        .select_related("village")
        .get(pk=people[0].pk)
    )
    assert served.village is not None
    public = Client().get(reverse("instructors-survey", args=[survey_token(call, served.village)]))
    assert public.status_code == 200 and served.name in public.content.decode()


@pytest.mark.django_db
def test_it_runs_matching_from_the_api(rural, api):
    call = rural.call()
    for _ in range(6):
        rural.approved(call)
    rural.profile(
        call, [["industry"], ["ecology"], ["culture"], ["governance"], ["livelihood"], ["industry"]]
    )
    listed = api(rural.committee).get("/api/v1/instructors/calls").json()
    assert listed["count"] == 1 and listed["items"][0] == {
        "id": call.pk,
        "name": call.name,
        "status": "open",
        "villages": 6,
        "candidates": 6,
    }
    for method in ("stable", "optimal"):
        got = api(rural.committee).post(
            "/api/v1/instructors/matching",
            {"call": call.pk, "method": method},
            content_type="application/json",
        )
        assert got.status_code == 200, got.content
        body = got.json()
        assert set(body) == {"pairs", "total_fit", "blocking_pairs"} and len(body["pairs"]) == 6
        assert body["total_fit"] == sum(p["fit"] for p in body["pairs"])
    assert api(rural.township_user).post(
        "/api/v1/instructors/matching",
        {"call": call.pk, "method": "optimal"},
        content_type="application/json",
    ).status_code in (403, 404)


@pytest.mark.django_db
def test_it_saves_rankings_typed_on_the_pages(rural):
    call = rural.call()
    person = rural.candidate(call)
    c = client_for(person.user)
    v1, v2 = rural.villages[3], rural.villages[1]
    page = c.get(reverse("instructors-preferences", args=[person.pk]))
    assert page.status_code == 200
    c.post(reverse("instructors-preferences", args=[person.pk]), {f"rank_{v1.pk}": "1", f"rank_{v2.pk}": "2"})
    person.refresh_from_db()
    assert person.village_ranking == [v1.pk, v2.pk]
    # Somebody else's record is not theirs to rank.
    other = rural.candidate(call)
    assert c.post(reverse("instructors-preferences", args=[other.pk]), {}).status_code in (403, 404)

    need = call.needs.get(village=rural.villages[0])
    township = client_for(rural.township_user)
    got = township.post(
        reverse("instructors-need", args=[need.pk]),
        {
            "version": need.version,
            "focus": ["industry"],
            "households": "300",
            "distance_km": "12",
            "special_needs": "电商销售",
            f"rank_{other.pk}": "1",
            f"rank_{person.pk}": "2",
        },
    )
    assert got.status_code == 302
    need.refresh_from_db()
    assert need.candidate_ranking == [other.pk, person.pk] and need.focus == ["industry"]
