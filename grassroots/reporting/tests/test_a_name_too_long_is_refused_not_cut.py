"""The name of who read an order is kept whole or refused, naming the field, where it used to be cut
to fit its column: on the order page (the form comes back with what was typed, the refusal beside
the box) and through the API (a 400 naming the field). Nothing is acknowledged by a refused
name; left blank, the name is the user's own, fitted to the column."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from grassroots.reporting.models import Acknowledgement
from grassroots.reporting.orders import order_issue

TOO_LONG = "王" * 51
REFUSED = "签收人姓名：最多50个字，已输入51个字。"


def issue(chain, grid):  # type: ignore[no-untyped-def]
    return order_issue(
        by=chain.street_user,
        area=grid.street,
        title="加强出入管控",
        text="即日起各小区只留一个出入口",
        ack_deadline=timezone.now() + timedelta(hours=2),
    )


def receipt(order, chain) -> Acknowledgement:  # type: ignore[no-untyped-def]
    return order.acknowledgements.get(post=chain.station)


def test_the_order_page_refuses_a_long_name_beside_its_box(client, chain, grid):  # type: ignore[no-untyped-def]
    order = issue(chain, grid)
    client.force_login(chain.station_user)

    page = client.post(reverse("order-act", args=[order.pk]), {"do": "acknowledge", "name": TOO_LONG})

    assert page.status_code == 400
    assert page.context["ack_form"].errors == {"name": [REFUSED]}
    html = page.content.decode()
    assert f'value="{TOO_LONG}"' in html and REFUSED in html
    assert receipt(order, chain).acknowledged_at is None

    kept = client.post(reverse("order-act", args=[order.pk]), {"do": "acknowledge", "name": "王" * 50})
    assert kept.status_code == 302
    assert receipt(order, chain).acknowledged_name == "王" * 50


def test_the_api_refuses_a_long_name_naming_the_field(api, chain, grid):  # type: ignore[no-untyped-def]
    order = issue(chain, grid)

    got = api(chain.station_user).post(
        f"/api/v1/orders/{order.pk}/acknowledge", {"name": TOO_LONG}, content_type="application/json"
    )

    assert got.status_code == 400
    assert [(e["field"], e["message"]) for e in got.json()["errors"]] == [("name", REFUSED)]
    assert receipt(order, chain).acknowledged_at is None


def test_a_blank_name_is_the_users_own_fitted_to_the_column(client, chain, grid):  # type: ignore[no-untyped-def]
    chain.station_user.first_name = "站" * 60
    chain.station_user.save()
    order = issue(chain, grid)
    client.force_login(chain.station_user)

    client.post(reverse("order-act", args=[order.pk]), {"do": "acknowledge", "name": ""})

    row = receipt(order, chain)
    assert row.acknowledged_at is not None and row.acknowledged_name == "站" * 50
