"""Door-knocking starts at the user's own area, whatever its level, and walks down to a building."""

from django.test import Client


def test_a_district_user_walks_from_the_district_to_a_building(make_user, grid):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(make_user("qu", "district_hq", grid.district))

    ledger = client.get("/ledger/").content.decode()
    assert f'href="/ledger/areas/{grid.district.pk}/"' in ledger

    for area, child in [
        (grid.district, grid.street),
        (grid.street, grid.community),
        (grid.community, grid.compound),
        (grid.compound, grid.building),
    ]:
        page = client.get(f"/ledger/areas/{area.pk}/")
        assert page.status_code == 200, area.kind
        assert f'href="/ledger/areas/{child.pk}/"' in page.content.decode()

    building = client.get(f"/ledger/areas/{grid.building.pk}/").content.decode()
    assert f'href="/ledger/areas/{grid.compound.pk}/"' in building  # back up the crumbs


def test_the_walk_stops_at_the_users_own_area(make_user, grid):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(make_user("sq", "community", grid.community))

    page = client.get(f"/ledger/areas/{grid.community.pk}/").content.decode()
    assert f'href="/ledger/areas/{grid.street.pk}/"' not in page  # no crumb out of scope
    assert client.get(f"/ledger/areas/{grid.street.pk}/").status_code == 404
    assert client.get(f"/ledger/areas/{grid.communities[1].pk}/").status_code == 404


def test_only_those_who_may_import_are_offered_the_import(make_user, grid):  # type: ignore[no-untyped-def]
    volunteer, station = Client(), Client()
    volunteer.force_login(make_user("zy", "volunteer", grid.compound))
    station.force_login(make_user("zz", "station", grid.compound))

    assert 'href="/ledger/imports/"' not in volunteer.get("/ledger/").content.decode()
    assert 'href="/ledger/imports/"' in station.get("/ledger/").content.decode()
