"""The task card reads "截止 12-08 17:11": its "by" once shared the catalogue entry of "done by"
(经办人), so volunteers read the deadline as a handler."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from grassroots.services.task_services import task_create


def test_the_task_card_says_the_deadline(place, client) -> None:  # type: ignore[no-untyped-def]
    deadline = timezone.localtime() + timedelta(days=1)
    task_create(
        by=place.station_user, title="探视", kind="family", area=place.building, places=2, deadline=deadline
    )
    client.force_login(place.volunteer)

    page = client.get(reverse("services-tasks")).content.decode()

    assert f"截止 {deadline:%m-%d %H:%M}" in page
    assert "经办人" not in page
