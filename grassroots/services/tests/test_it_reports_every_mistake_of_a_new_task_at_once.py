"""The new-task page reports every mistake of a submit at once, each under its field: it used to read
the deadline first, so a bad deadline was reported alone and the other mistakes only once it was fixed."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from grassroots.services.models import Task


def under(page: str, field: str) -> str:
    """What the form shows after the field, up to the next field's label or the form's button."""
    start = page.index(f'id="{field}"')
    return page[start : min(page.find(tag, start) % len(page) for tag in ("<label", "<button"))]


def test_a_bad_deadline_is_reported_with_every_other_mistake(place, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)

    response = client.post(
        reverse("services-task-new"),
        {
            "title": " ",
            "kind": "family",
            "area": place.building.pk,
            "places": "0",
            "deadline": "2099-13-45T09:00",
            "points": "五",
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "请填写任务标题。" in under(page, "title")
    assert "任务人数须在1到500之间。" in under(page, "places")
    assert "请填写日期和时间。" in under(page, "deadline")
    assert "请输入整数。" in under(page, "points")
    assert 'value="2099-13-45T09:00"' in page and 'name="places" min="1" max="500" value="0"' in page
    assert not Task.objects.exists()


def test_a_past_deadline_and_a_missing_place_are_reported_together_in_english(place, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)
    past = timezone.localtime() - timedelta(hours=1)

    response = client.post(
        reverse("services-task-new"),
        {"title": "探视", "kind": "family", "area": "", "deadline": past.strftime("%Y-%m-%dT%H:%M")},
        headers={"accept-language": "en"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose the place." in under(page, "area")
    assert "The deadline must be in the future." in under(page, "deadline")
    assert not Task.objects.exists()


def test_a_task_left_with_its_default_numbers_is_published(place, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)

    response = client.post(
        reverse("services-task-new"),
        {
            "title": "探视",
            "kind": "family",
            "area": place.building.pk,
            "places": "",
            "deadline": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        },
    )

    task = Task.objects.get()
    assert response.status_code == 302 and response.url == reverse("services-task", args=[task.pk])
    assert (task.places, task.points, task.area) == (1, 10, place.building)
