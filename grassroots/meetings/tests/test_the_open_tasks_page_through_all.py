"""The meeting list shows the ten open tasks due soonest and links to the list of all of them, which
pages through every one (it used to stop at 50) and keeps the area chosen; a task ticked done there
comes back to the page it was ticked on."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from grassroots.meetings.models import ActionItem, Meeting


def test_every_open_task_is_reachable(client, team, grid):  # type: ignore[no-untyped-def]
    held = timezone.now() - timedelta(hours=1)
    meeting = Meeting.objects.create(
        post=team.post,
        area=grid.compound,
        kind="morning",
        day=held.date(),
        held_at=held,
        recorded_by=team.user,
    )
    ActionItem.objects.bulk_create(
        ActionItem(
            meeting=meeting,
            area=grid.compound,
            title=f"任务{i:02d}",
            owner=team.staff[0],
            deadline=held + timedelta(hours=i),
        )
        for i in range(1, 36)
    )
    client.force_login(team.user)

    listed = client.get(reverse("meeting-list"))
    assert [i.title for i in listed.context["items"]] == [f"任务{i:02d}" for i in range(1, 11)]
    page = listed.content.decode()
    all_tasks = reverse("action-item-list")
    assert f'href="{all_tasks}?area={listed.context["area"].pk}"' in page and "全部35项未完成任务" in page

    last = client.get(all_tasks, {"area": grid.compound.pk, "page": 2})
    assert [i.title for i in last.context["page"]] == [f"任务{i:02d}" for i in range(31, 36)]
    assert f"area={grid.compound.pk}&page=1" in last.content.decode(), "the pager keeps the area"

    back = f"{all_tasks}?area={grid.compound.pk}&page=2"
    done = ActionItem.objects.get(title="任务35")
    ticked = client.post(reverse("action-item-done", args=[done.pk]), {"next": back})
    assert ticked.status_code == 302 and ticked["Location"] == back
    done.refresh_from_db()
    assert done.done_at is not None

    elsewhere = client.post(
        reverse("action-item-done", args=[ActionItem.objects.get(title="任务34").pk]),
        {"next": "https://example.com/"},
    )
    assert elsewhere["Location"] == reverse("meeting-list"), "never sent off the site"
