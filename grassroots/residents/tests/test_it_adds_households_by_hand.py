from django.test import Client

from grassroots.core.models import AuditLog
from grassroots.residents.models import Household, LedgerChange


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_it_adds_a_household_to_a_unit_of_the_building(make_user, grid):  # type: ignore[no-untyped-def]
    station = make_user("st", "station", grid.compound)
    client = logged_in(station)
    page = client.get(f"/ledger/areas/{grid.building.pk}/households/new/").content.decode()
    assert f'value="{grid.units[0].pk}"' in page and f'value="{grid.units[1].pk}"' in page
    assert f'value="{grid.units[2].pk}"' not in page  # the other building's units are not offered
    got = client.post(
        f"/ledger/areas/{grid.building.pk}/households/new/",
        {
            "area": grid.units[1].pk,
            "room": " 302 ",
            "status": "vacant",
            "no_smartphone": "on",
            "notes": "空置",
        },
    )
    household = Household.objects.get()
    assert got.status_code == 302 and got["Location"] == f"/ledger/households/{household.pk}/"
    assert (household.area, household.room, household.status, household.no_smartphone) == (
        grid.units[1],
        "302",
        "vacant",
        True,
    )
    created = LedgerChange.objects.get(household=household)
    assert (created.field, created.via, created.actor) == ("created", "edit", station)
    assert AuditLog.objects.filter(action="household_create", actor=station).exists()
    assert "302" in client.get(f"/ledger/areas/{grid.building.pk}/").content.decode()


def test_it_names_a_taken_room_beside_the_room_field_in_chinese(make_user, grid):  # type: ignore[no-untyped-def]
    client = logged_in(make_user("st", "station", grid.compound))
    form = {"area": grid.unit.pk, "room": "101", "status": "occupied"}
    assert client.post(f"/ledger/areas/{grid.unit.pk}/households/new/", form).status_code == 302
    again = client.post(f"/ledger/areas/{grid.unit.pk}/households/new/", form)
    page = again.content.decode()
    assert again.status_code == 400 and 'id="id_room_error"' in page and "101 室已在本处台账中" in page
    assert Household.objects.count() == 1


def test_it_lets_no_volunteer_and_nobody_outside_scope_add_one(make_user, grid):  # type: ignore[no-untyped-def]
    volunteer = logged_in(make_user("v", "volunteer", grid.compound))
    assert volunteer.get(f"/ledger/areas/{grid.building.pk}/households/new/").status_code == 403
    outsider = logged_in(make_user("o", "station", grid.compounds[-1]))
    assert outsider.get(f"/ledger/areas/{grid.building.pk}/households/new/").status_code == 404
    # A unit of another compound cannot be smuggled in through the form either.
    mine = logged_in(make_user("st", "station", grid.compound))
    got = mine.post(
        f"/ledger/areas/{grid.building.pk}/households/new/",
        {"area": grid.units[-1].pk, "room": "1", "status": "occupied"},
    )
    assert got.status_code == 400 and not Household.objects.exists()
