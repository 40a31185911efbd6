import threading
import uuid

import pytest
from django.db import connection, connections

from grassroots.residents.models import LedgerChange, Visit
from grassroots.residents.visits import campaign_create


@pytest.fixture
def station(make_user, grid):  # type: ignore[no-untyped-def]
    return make_user("station1", "station", grid.compound)


def body(head, **extra):  # type: ignore[no-untyped-def]
    return {
        "id": str(uuid.uuid4()),
        "household": head.household_id,
        "channel": "visit",
        "outcome": "corrected",
        "changes": {f"resident.{head.pk}.phone": "13811112222"},
        "note": "换了号码",
        **extra,
    }


def test_it_creates_once_replays_and_refuses_different_content(api, station, head):  # type: ignore[no-untyped-def]
    client = api(station)
    payload = body(head)
    first = client.post("/api/v1/visits", payload, content_type="application/json")
    assert first.status_code == 201, first.content
    again = client.post("/api/v1/visits", payload, content_type="application/json")
    assert again.status_code == 200 and again.json()["id"] == payload["id"]
    assert Visit.objects.count() == 1
    assert LedgerChange.objects.filter(field="phone", via="visit").count() == 1
    head.refresh_from_db()
    assert head.phone == "13811112222"
    other = client.post("/api/v1/visits", {**payload, "note": "别的"}, content_type="application/json")
    assert other.status_code == 409


def test_it_refuses_a_household_outside_scope(api, make_user, grid, head):  # type: ignore[no-untyped-def]
    stranger = make_user("stranger", "station", grid.compounds[-1])
    got = api(stranger).post("/api/v1/visits", body(head), content_type="application/json")
    assert got.status_code == 404 and not Visit.objects.exists()


def test_it_marks_the_household_vacant_on_a_vacant_outcome(api, station, head):  # type: ignore[no-untyped-def]
    got = api(station).post(
        "/api/v1/visits", body(head, outcome="vacant", changes={}), content_type="application/json"
    )
    assert got.status_code == 201
    head.household.refresh_from_db()
    assert head.household.status == "vacant"


def test_it_rolls_up_campaign_progress_consistently(api, station, head, grid):  # type: ignore[no-untyped-def]
    from grassroots.residents.services import household_create

    for unit in grid.units[:6]:
        household_create(by=None, area=unit, room="201")
    campaign = campaign_create(
        by=None,
        name="敲门",
        area=grid.district,
        starts_on=head.updated_at.date(),
        ends_on=head.updated_at.date(),
    )
    client = api(station)
    assert (
        client.post(
            "/api/v1/visits", body(head, campaign=campaign.pk), content_type="application/json"
        ).status_code
        == 201
    )
    district = api(station).get(f"/api/v1/campaigns/{campaign.pk}/progress?area={grid.compound.pk}").json()
    assert district["total"]["households"] == 5 and district["total"]["visited"] == 1
    assert district["total"]["verified"] == 1 and district["total"]["not_visited"] == 4
    for key in ("households", "visited", "verified", "vacant", "not_visited"):
        assert sum(row[key] for row in district["items"]) == district["total"][key]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_stores_one_visit_under_concurrent_retries(grid):  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("concurrency needs PostgreSQL")
    from grassroots.residents.services import household_create
    from grassroots.residents.visits import visit_record

    household = household_create(by=None, area=grid.unit, room="301")
    visit_id = uuid.uuid4()
    barrier = threading.Barrier(8)
    results: list[object] = []

    def submit() -> None:
        try:
            barrier.wait()
            _visit, created = visit_record(
                by=None, id=visit_id, household=household, campaign=None, channel="phone", outcome="verified"
            )
            results.append(created)
        except Exception as exc:  # collected, asserted below
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(map(str, results)) == ["False"] * 7 + ["True"]
    assert Visit.objects.filter(pk=visit_id).count() == 1
