from grassroots.core.models import Role


def test_it_lists_only_areas_in_scope(grid, make_user, api) -> None:  # type: ignore[no-untyped-def]
    client = api(make_user("c", Role.COMMUNITY, grid.community))
    body = client.get("/api/v1/areas?kind=compound").json()
    assert body["count"] == 2
    assert {i["name"] for i in body["items"]} == {"小区1-1-1", "小区1-1-2"}
    assert set(body["items"][0]) == {"id", "name", "kind", "code", "parent"}


def test_it_filters_by_parent_and_name_and_pages(grid, make_user, api) -> None:  # type: ignore[no-untyped-def]
    client = api(make_user("d", Role.DISTRICT_HQ, grid.district))
    assert client.get(f"/api/v1/areas?parent={grid.district.pk}").json()["count"] == 2
    assert client.get("/api/v1/areas?q=社区2").json()["count"] == 2
    page = client.get("/api/v1/areas?kind=unit&limit=5&offset=30").json()
    assert page["count"] == 32 and len(page["items"]) == 2


def test_it_gives_an_area_with_its_counts(grid, make_user, api) -> None:  # type: ignore[no-untyped-def]
    client = api(make_user("s", Role.STREET, grid.street))
    body = client.get(f"/api/v1/areas/{grid.street.pk}").json()
    assert body["counts"] == {"community": 2, "compound": 4, "building": 8, "unit": 16}
    assert body["parent"] == grid.district.pk


def test_it_answers_404_outside_scope(grid, make_user, api) -> None:  # type: ignore[no-untyped-def]
    client = api(make_user("s", Role.STREET, grid.street))
    assert client.get(f"/api/v1/areas/{grid.streets[1].pk}").status_code == 404
    assert client.get(f"/api/v1/areas/{grid.district.pk}").status_code == 404


def test_it_serves_the_openapi_schema(grid) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/areas/{area_id}" in schema["paths"]
    docs = Client().get("/api/v1/docs")
    assert docs.status_code == 200 and b"cdn" not in docs.content.lower()
