"""The meeting form lists the latest 20 orders the recorder may see (it used to offer an arbitrary 20
and no more); a search by title, swapped into the form, reaches any earlier one and keeps those
already ticked, and the meeting records an order found that way."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from grassroots.meetings.models import Meeting
from grassroots.reporting.models import Acknowledgement, Order


def orders(team, grid, n: int) -> list[Order]:  # type: ignore[no-untyped-def]
    now = timezone.now()
    made = Order.objects.bulk_create(
        Order(
            area=grid.community,
            issued_by=team.user,
            title=f"通知{i:02d}",
            text="内容",
            issued_at=now - timedelta(days=n - i),
            ack_deadline=now + timedelta(days=1),
        )
        for i in range(1, n + 1)
    )
    Acknowledgement.objects.bulk_create(
        Acknowledgement(order=o, post=team.post, area=grid.compound) for o in made
    )
    return made


def offered(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [label for _pk, label in response.context["form"].fields["orders"].choices]


def test_an_earlier_order_is_found_and_relayed(client, team, grid, meeting_form):  # type: ignore[no-untyped-def]
    made = orders(team, grid, 25)
    client.force_login(team.user)

    page = client.get(reverse("meeting-new"))
    assert offered(page) == [f"通知{i:02d}" for i in range(25, 5, -1)], "the latest 20, newest first"
    assert "仅列出最近的上级要求" in page.content.decode()

    latest = made[-1]
    found = client.get(reverse("meeting-orders"), {"order_q": "通知03", "orders": [str(latest.pk)]})
    assert offered(found) == ["通知25", "通知03"], "the ticked one stays, with the one found"
    assert found.content.decode().count("checked") == 1

    earliest = made[2]
    recorded = client.post(
        reverse("meeting-new"), meeting_form(orders=[str(latest.pk), str(earliest.pk)], notes="")
    )
    assert recorded.status_code == 302, recorded.context["form"].errors
    assert set(Meeting.objects.get().orders.values_list("title", flat=True)) == {"通知25", "通知03"}


def test_without_htmx_the_search_reloads_the_form_with_what_it_found(client, team, grid):  # type: ignore[no-untyped-def]
    orders(team, grid, 25)
    client.force_login(team.user)

    page = client.get(reverse("meeting-new"), {"order_q": "通知01"})

    assert offered(page) == ["通知01"]
