"""A number or a date typed wrong on a services page is refused with the field's name, and nothing is written."""

import pytest
from django.urls import reverse

from grassroots.services.models import StockItem, Task


@pytest.mark.parametrize(
    ("places", "deadline", "said"),
    [
        ("两", "2099-01-01T09:00", "People needed: enter a whole number."),
        ("1", "2099-13-45T09:00", "Deadline: enter a date and time."),  # no 13th month: not a 500
    ],
)
def test_a_task_with_a_bad_head_count_or_deadline_names_the_field(place, client, places, deadline, said):  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)

    response = client.post(
        reverse("services-task-new"),
        {
            "title": "探视",
            "kind": "family",
            "area": place.building.pk,
            "places": places,
            "deadline": deadline,
        },
        follow=True,
        headers={"accept-language": "en"},
    )

    assert [str(m) for m in response.context["messages"]] == [said]
    assert not Task.objects.exists()


def test_a_bad_threshold_is_named_in_chinese(place, client):  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)

    response = client.post(
        reverse("services-stock") + f"?post={place.station.pk}",
        {"name": "口罩", "category": "protective", "unit": "个", "low_threshold": "十"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == ["预警线：请输入整数。"]
    assert not StockItem.objects.exists()
