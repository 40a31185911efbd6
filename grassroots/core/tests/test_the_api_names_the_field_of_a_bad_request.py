"""A request that does not fit the API's schema is answered in the API's one error shape, each field
named as the caller wrote it, in Chinese by default and English when asked."""

import pytest
from django.utils import translation

from grassroots.core.api_messages import _field, schema_errors

VISIT = "/api/v1/visits"


def test_it_names_each_bad_field_in_chinese(api, make_user, grid):  # type: ignore[no-untyped-def]
    client = api(make_user("clerk", "station", grid.compound))

    got = client.post(
        VISIT, {"id": "x", "household": "abc", "channel": "bike"}, content_type="application/json"
    )

    assert got.status_code == 422
    errors = {e["field"]: e["message"] for e in got.json()["errors"]}
    assert errors["household"] == "请输入整数。"
    assert errors["outcome"] == "必填。"
    assert "UUID" in errors["id"]
    assert got.json()["detail"].startswith(got.json()["errors"][0]["field"] + "：")


def test_it_says_it_in_english_when_asked(api, make_user, grid):  # type: ignore[no-untyped-def]
    client = api(make_user("clerk", "station", grid.compound))

    got = client.post(VISIT, {"household": "abc"}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")

    errors = {e["field"]: e["message"] for e in got.json()["errors"]}
    assert errors["household"] == "Enter a whole number."
    assert errors["id"] == "Required."


def test_a_body_that_is_not_json_is_said_to_be_so(api, make_user, grid):  # type: ignore[no-untyped-def]
    client = api(make_user("clerk", "station", grid.compound))

    got = client.post(VISIT, "{not json", content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")

    assert got.status_code == 400 and got.json() == {"detail": "The request body is not valid JSON."}


def test_a_call_without_a_token_is_told_how_to_sign_in(client, db):  # type: ignore[no-untyped-def]
    got = client.get("/api/v1/residents")

    assert got.status_code == 401 and "Authorization: Bearer" in got.json()["detail"]


@pytest.mark.parametrize(
    ("loc", "field"),
    [
        (["body", "body", "changes", "phone"], "changes.phone"),
        (["body", "payload", "items", 2, "name"], "items[2].name"),
        (["query", "area"], "area"),
        (["body", "body"], "body"),
        (["path", "resident_id"], "resident_id"),
    ],
)
def test_it_names_the_field_as_the_caller_wrote_it(loc, field) -> None:  # type: ignore[no-untyped-def]
    assert _field(loc) == field


def test_a_choice_lists_what_may_be_chosen() -> None:
    error = {
        "type": "literal_error",
        "loc": ["query", "status"],
        "msg": "…",
        "ctx": {"expected": "'open' or 'closed'"},
    }
    with translation.override("en"):
        said = schema_errors([error])
    assert said == {
        "detail": "status: Choose one of: 'open' or 'closed'.",
        "errors": [{"field": "status", "message": "Choose one of: 'open' or 'closed'."}],
    }


def test_a_limit_it_cannot_read_is_said_in_pydantics_words() -> None:
    error = {"type": "string_too_long", "loc": ["body", "body", "note"], "msg": "String should be shorter"}
    assert schema_errors([error])["errors"] == [{"field": "note", "message": "String should be shorter"}]
