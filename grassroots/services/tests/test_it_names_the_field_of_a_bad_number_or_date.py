"""A number or a date typed wrong on a services page is refused with the field's name, and nothing is written."""

from django.urls import reverse

from grassroots.services.models import StockItem, Task


def test_a_task_with_a_bad_head_count_names_the_field(place, client):  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)

    response = client.post(
        reverse("services-task-new"),
        {
            "title": "探视",
            "kind": "family",
            "area": place.building.pk,
            "places": "两",
            "deadline": "2099-01-01T09:00",
        },
        follow=True,
        headers={"accept-language": "en"},
    )

    assert [str(m) for m in response.context["messages"]] == ["People needed: enter a whole number."]
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


def test_a_deadline_that_does_not_exist_names_the_field(place, client):  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)

    response = client.post(
        reverse("services-task-new"),
        {
            "title": "探视",
            "kind": "family",
            "area": place.building.pk,
            "places": "1",
            "deadline": "2099-13-45T09:00",
        },
        follow=True,
        headers={"accept-language": "en"},
    )

    assert [str(m) for m in response.context["messages"]] == ["Deadline: enter a date and time."]
    assert not Task.objects.exists()
