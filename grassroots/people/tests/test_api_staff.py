from grassroots.core.models import Role
from grassroots.people.models import Gender, Staff, StaffKind


def test_it_lists_staff_in_scope_with_filters(grid, make_user, api) -> None:  # type: ignore[no-untyped-def]
    Staff.objects.create(name="孙医生", gender=Gender.FEMALE, kind=StaffKind.MEDIC, area=grid.compounds[0])
    Staff.objects.create(name="周警官", gender=Gender.MALE, kind=StaffKind.POLICE, area=grid.compounds[1])
    Staff.objects.create(name="吴干部", gender=Gender.MALE, kind=StaffKind.CADRE, area=grid.compounds[7])
    client = api(make_user("c", Role.COMMUNITY, grid.community))
    assert {s["name"] for s in client.get("/api/v1/staff").json()["items"]} == {"孙医生", "周警官"}
    assert client.get("/api/v1/staff?kind=medic").json()["count"] == 1
    assert client.get("/api/v1/staff?q=周").json()["items"][0]["kind"] == "police"
    assert client.get(f"/api/v1/staff?area={grid.compounds[1].pk}").json()["count"] == 1
    assert client.get(f"/api/v1/staff?area={grid.compounds[7].pk}").status_code == 404
