"""A NUL character (U+0000) in a query string or a JSON field is refused with the field named; on
PostgreSQL it used to reach the database and fail as a 500."""

import pytest

from grassroots.core.nul import nul_field
from grassroots.residents.models import Visit


def test_it_names_the_query_parameter(api, make_user, grid):  # type: ignore[no-untyped-def]
    client = api(make_user("clerk", "community", grid.community))

    got = client.get("/api/v1/residents?q=a%00b", HTTP_ACCEPT_LANGUAGE="en")

    assert got.status_code == 400
    assert got.json()["errors"] == [
        {"field": "q", "message": "q: contains a NUL character (U+0000), which cannot be stored; remove it."}
    ]


def test_it_names_the_json_field_and_writes_nothing(api, make_user, grid):  # type: ignore[no-untyped-def]
    client = api(make_user("clerk", "community", grid.community))
    body = {"id": "9b7c4c1e-6a39-4d5e-9a52-0c1a2f7a3b11", "household": 1, "campaign": 1, "channel": "visit",
            "outcome": "corrected", "changes": {"phone": "139\u00000000000"}, "note": ""}  # fmt: skip

    got = client.post("/api/v1/visits", body, content_type="application/json")

    assert got.status_code == 400
    assert got.json()["errors"][0]["field"] == "changes.phone"
    assert "含有" in got.json()["detail"]
    assert not Visit.objects.exists()


def test_it_refuses_it_when_signing_in(client, db):  # type: ignore[no-untyped-def]
    got = client.post(
        "/api/v1/auth/token", {"username": "a\u0000", "password": "x"}, content_type="application/json"
    )

    assert got.status_code == 400 and got.json()["errors"][0]["field"] == "username"


def test_a_page_says_so_in_chinese(client, make_user, grid):  # type: ignore[no-untyped-def]
    client.force_login(make_user("clerk", "community", grid.community))

    got = client.get("/staff/?q=%00")

    assert got.status_code == 400
    assert "q：含有不允许的空字符" in got.content.decode()


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"a": "ok", "b": {"c": ["x", "y\u0000"]}}, "b.c[1]"),
        ([{"name": "\u0000"}], "[0].name"),
        ({"k\u0000": 1}, "k\u0000"),
        ({"a": 1, "b": [None, True, 2.5, "fine"]}, None),
    ],
)
def test_it_finds_the_nul_anywhere_in_json(data, where) -> None:  # type: ignore[no-untyped-def]
    assert nul_field(data) == where
