import hashlib
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from grassroots.core.models import AuditLog
from grassroots.evaluation import services
from grassroots.residents.models import Household, Visit

from .conftest import at


@pytest.fixture
def computed(period):  # type: ignore[no-untyped-def]
    home = Household.objects.create(area=period.grid.unit, room="302")
    Visit.objects.create(
        household=home,
        visitor=period.worker_user,
        visited_at=at(5),
        channel="visit",
        outcome="verified",
        fingerprint=hashlib.sha256(b"v").hexdigest(),
    )
    services.period_close(by=period.hq, period=period.period)
    return period


def client_for(user):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_a_superior_follows_a_score_to_its_records(computed):  # type: ignore[no-untyped-def]
    hq = client_for(computed.hq)
    ranking = hq.get(reverse("evaluation-period", args=[computed.period.pk])).content.decode()
    assert "吴干部" in ranking and "周指挥" in ranking
    score = computed.period.scores.get(person=computed.worker)
    page = hq.get(reverse("evaluation-score", args=[score.pk])).content.decode()
    records_url = reverse("evaluation-score-records", args=[score.pk, "visits_done"])
    assert records_url in page
    records = hq.get(records_url).content.decode()
    assert "302" in records


@pytest.mark.django_db
def test_a_person_reads_only_their_own_score(computed, api):  # type: ignore[no-untyped-def]
    worker = client_for(computed.worker_user)
    own = computed.period.scores.get(person=computed.worker)
    other = computed.period.scores.get(person=computed.commander)
    assert worker.get(reverse("evaluation-score", args=[own.pk])).status_code == 200
    assert worker.get(reverse("evaluation-score", args=[other.pk])).status_code == 404
    body = api(computed.worker_user).get(f"/api/v1/evaluation/periods/{computed.period.pk}/scores").json()
    assert [row["person"] for row in body] == ["吴干部"]
    assert body[0]["indicators"]["visits_done"]["records"] == 1


@pytest.mark.django_db
def test_the_api_ranks_people_in_an_area(computed, api):  # type: ignore[no-untyped-def]
    got = api(computed.hq).get(
        f"/api/v1/evaluation/periods/{computed.period.pk}/scores?area={computed.grid.compound.pk}"
    )
    assert got.status_code == 200
    rows = got.json()
    assert [r["rank"] for r in rows] == [1, 2]
    assert rows[0]["score"] >= rows[1]["score"]
    assert api(computed.hq).get("/api/v1/evaluation/periods/999999/scores").status_code == 404


@pytest.mark.django_db
def test_the_export_is_watermarked_and_audited(computed):  # type: ignore[no-untyped-def]
    got = client_for(computed.hq).get(reverse("evaluation-export", args=[computed.period.pk]))
    assert got.status_code == 200
    book = load_workbook(BytesIO(got.content), read_only=True)
    people = book.worksheets[0]
    first = next(people.iter_rows(values_only=True))
    assert "hq" in str(first[0])
    names = [row[1] for row in people.iter_rows(min_row=4, values_only=True)]
    assert set(names) == {"吴干部", "周指挥"}
    assert AuditLog.objects.filter(action="evaluation_export", actor=computed.hq).exists()
    assert (
        client_for(computed.worker_user)
        .get(reverse("evaluation-export", args=[computed.period.pk]))
        .status_code
        == 403
    )


@pytest.mark.django_db
def test_every_record_behind_a_figure_can_be_reached_page_by_page(period):  # type: ignore[no-untyped-def]
    for i in range(101):
        home = Household.objects.create(area=period.grid.unit, room=f"R{i:03d}")
        Visit.objects.create(
            household=home,
            visitor=period.worker_user,
            visited_at=at(5),
            channel="visit",
            outcome="verified",
            fingerprint=hashlib.sha256(f"v{i}".encode()).hexdigest(),
        )
    services.period_close(by=period.hq, period=period.period)
    score = period.period.scores.get(person=period.worker)
    url = reverse("evaluation-score-records", args=[score.pk, "visits_done"])
    hq = client_for(period.hq)
    first, second = hq.get(url).content.decode(), hq.get(f"{url}?page=2").content.decode()
    rooms = [f"R{i:03d}" for i in range(101)]
    on_first = {r for r in rooms if r in first}
    assert len(on_first) == 100 and "page=2" in first
    assert {r for r in rooms if r in second} == set(rooms) - on_first
