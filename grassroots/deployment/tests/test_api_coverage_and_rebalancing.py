import json

from grassroots.deployment.models import Role, WorkGroup
from grassroots.deployment.services import assignment_create
from grassroots.people.models import StaffKind

from .factories import person


def test_it_returns_coverage_in_the_documented_shape(grid, make_user, api):  # type: ignore[no-untyped-def]
    user = make_user("s1", "street", grid.streets[0])
    got = api(user).get(f"/api/v1/coverage?area={grid.community.pk}")
    assert got.status_code == 200
    body = got.json()
    assert set(body) >= {"area", "score", "gaps", "children"}
    assert body["area"] == grid.community.pk
    assert {"area", "kind", "missing"} <= set(body["gaps"][0])
    assert [set(c) >= {"area", "score", "gaps_count"} for c in body["children"]] == [True, True]
    assert sum(c["gaps_count"] for c in body["children"]) + 1 == len(
        body["gaps"]
    )  # + the community's guarantor
    assert api(user).get(f"/api/v1/coverage?area={grid.streets[1].pk}").status_code == 404


def test_it_proposes_and_applies_over_the_api(grid, make_user, api):  # type: ignore[no-untyped-def]
    user = make_user("s1", "street", grid.streets[0])
    hq = make_user("hq", "district_hq", grid.district)
    for _ in range(2):
        assignment_create(
            by=hq,
            staff=person(grid.compound, kind=StaffKind.MEDIC),
            area=grid.compound,
            role=Role.MEMBER,
            work_group=WorkGroup.LIVELIHOOD,
        )
    client = api(user)
    made = client.post(
        "/api/v1/rebalancing", data=json.dumps({"area": grid.streets[0].pk}), content_type="application/json"
    )
    assert made.status_code == 201, made.content
    proposal = made.json()
    assert proposal["moves"] and {"staff", "from", "to", "reason"} <= set(proposal["moves"][0])
    assert {"kind_shortfall", "max_need_shortfall", "moves"} <= set(proposal["objective"])
    applied = client.post(f"/api/v1/rebalancing/{proposal['id']}/apply")
    assert applied.status_code == 200 and applied.json()["status"] == "applied"
    again = client.post(f"/api/v1/rebalancing/{proposal['id']}/apply")
    assert again.status_code == 400 and again.json()["errors"][0]["field"] == "status"


def test_it_rejects_a_rule_breaking_assignment_naming_the_field(grid, make_user, api):  # type: ignore[no-untyped-def]
    user = make_user("c1", "community", grid.community)
    medic = person(grid.compound, kind=StaffKind.MEDIC)
    got = api(user).post(
        "/api/v1/assignments",
        data=json.dumps({"staff": medic.pk, "area": grid.compound.pk, "role": "deputy_commander"}),
        content_type="application/json",
    )
    assert got.status_code == 400
    assert got.json()["errors"][0]["field"] == "staff"
    ok = api(user).post(
        "/api/v1/assignments",
        data=json.dumps(
            {"staff": medic.pk, "area": grid.compound.pk, "role": "member", "work_group": "livelihood"}
        ),
        content_type="application/json",
    )
    assert ok.status_code == 201
    listed = api(user).get(f"/api/v1/assignments?area={grid.compound.pk}").json()
    assert listed["count"] == 1 and listed["items"][0]["staff_name"] == medic.name
