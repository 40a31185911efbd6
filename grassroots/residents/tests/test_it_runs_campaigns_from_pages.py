import datetime

from django.test import Client
from django.utils import timezone

from grassroots.core.models import AuditLog
from grassroots.residents.models import Campaign


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_it_lets_a_street_start_a_campaign_for_its_area(make_user, grid):  # type: ignore[no-untyped-def]
    street = make_user("street", "street", grid.street)
    client = logged_in(street)
    page = client.get("/ledger/campaigns/new/").content.decode()
    assert f'value="{grid.community.pk}"' in page and f'value="{grid.streets[1].pk}"' not in page
    got = client.post(
        "/ledger/campaigns/new/",
        {"name": "春季敲门", "area": grid.community.pk, "starts_on": "2026-03-01", "ends_on": "2026-03-31"},
    )
    campaign = Campaign.objects.get()
    assert got.status_code == 302 and got["Location"] == f"/ledger/campaigns/{campaign.pk}/"
    assert (campaign.area, campaign.created_by) == (grid.community, street)
    assert AuditLog.objects.filter(action="campaign_create", actor=street).exists()
    listing = client.get("/ledger/campaigns/").content.decode()
    assert "春季敲门" in listing and f"/ledger/campaigns/{campaign.pk}/edit/" in listing


def test_it_names_bad_dates_and_refuses_other_streets_and_stations(make_user, grid):  # type: ignore[no-untyped-def]
    client = logged_in(make_user("street", "street", grid.street))
    backwards = client.post(
        "/ledger/campaigns/new/",
        {"name": "x", "area": grid.street.pk, "starts_on": "2026-03-31", "ends_on": "2026-03-01"},
    )
    assert backwards.status_code == 400 and 'id="id_ends_on_error"' in backwards.content.decode()
    elsewhere = client.post(
        "/ledger/campaigns/new/",
        {"name": "x", "area": grid.streets[1].pk, "starts_on": "2026-03-01", "ends_on": "2026-03-31"},
    )
    assert elsewhere.status_code == 400 and not Campaign.objects.exists()
    station = logged_in(make_user("st", "station", grid.compound))
    assert station.get("/ledger/campaigns/new/").status_code == 403
    assert "/ledger/campaigns/new/" not in station.get("/ledger/campaigns/").content.decode()


def test_it_moves_dates_and_closes_a_running_campaign(make_user, grid):  # type: ignore[no-untyped-def]
    from grassroots.residents.visits import campaign_create

    today = timezone.localdate()
    campaign = campaign_create(
        by=None, name="敲门", area=grid.street, starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=30),
    )  # fmt: skip
    station = logged_in(make_user("st", "station", grid.compound))
    assert station.get(f"/ledger/campaigns/{campaign.pk}/edit/").status_code == 403
    client = logged_in(make_user("street", "street", grid.street))
    moved = client.post(
        f"/ledger/campaigns/{campaign.pk}/edit/",
        {
            "name": "敲门行动",
            "starts_on": str(campaign.starts_on),
            "ends_on": str(today + datetime.timedelta(days=9)),
        },
    )
    assert moved.status_code == 302
    campaign.refresh_from_db()
    assert campaign.name == "敲门行动" and campaign.ends_on == today + datetime.timedelta(days=9)
    assert client.post(f"/ledger/campaigns/{campaign.pk}/edit/", {"close": "1"}).status_code == 302
    campaign.refresh_from_db()
    assert campaign.ends_on == today
    assert AuditLog.objects.filter(action="campaign_update").count() == 2
