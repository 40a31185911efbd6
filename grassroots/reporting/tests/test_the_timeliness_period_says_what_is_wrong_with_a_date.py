"""The timeliness report's dates come from the query string: a day that does not exist is named and
the usual period used instead (it used to be a 500), and a period typed backwards is turned round."""

from django.test import Client


def messages_of(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in response.context["messages"]]


def test_a_day_that_does_not_exist_is_named(chain, grid):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(chain.district_user)

    got = client.get(
        f"/reports/timeliness/?area={grid.district.pk}&from=2026-13-45", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert got.status_code == 200
    assert messages_of(got) == ["from: enter a date as YYYY-MM-DD."]
    assert (got.context["end"] - got.context["start"]).days == 13


def test_a_period_typed_backwards_is_turned_round(chain, grid):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(chain.district_user)

    got = client.get(f"/reports/timeliness/?area={grid.district.pk}&from=2026-05-10&to=2026-05-01")

    assert got.status_code == 200 and len(messages_of(got)) == 1
    assert str(got.context["start"]) == "2026-05-01" and str(got.context["end"]) == "2026-05-10"
