"""A number or a date typed wrong on a services page is refused, said under the field (or, on a page
that reports in messages, with the field's name), and nothing is written."""

import pytest
from django.urls import reverse

from grassroots.services.models import StockItem, Task


@pytest.mark.parametrize(
    ("places", "deadline", "field", "said"),
    [
        ("两", "2099-01-01T09:00", "places", "Enter a whole number."),
        ("1", "2099-13-45T09:00", "deadline", "Enter a date and time."),  # no 13th month: not a 500
    ],
)
def test_a_task_with_a_bad_head_count_or_deadline_says_so_under_the_field(
    place, client, places, deadline, field, said
):  # type: ignore[no-untyped-def]
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
        headers={"accept-language": "en"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {field: [said]}
    page = response.content.decode()
    assert f'id="id_{field}_error"><li>{said}</li>' in page
    assert page.index(f'id="{field}"') < page.index(said)
    assert not Task.objects.exists()


def test_a_bad_threshold_is_named_in_chinese(place, client):  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)

    response = client.post(
        reverse("services-stock") + f"?post={place.station.pk}",
        {"name": "口罩", "category": "protective", "unit": "个", "low_threshold": "十"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    said = '<p class="errorlist" role="alert">预警线：请输入整数。</p>'
    assert page.index('id="low_threshold"') < page.index(said) < page.index('type="submit">增加')
    assert 'value="十"' in page
    assert 'value="口罩"' in page, "what was typed stays in the form"
    assert not StockItem.objects.exists()
