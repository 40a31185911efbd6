"""A task typed without an owner is refused beside that row's owner box, numbered as the page shows the
row, and the page comes back with everything typed: no error page, no meeting half recorded."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from grassroots.meetings.models import Meeting


def test_a_task_without_an_owner_is_refused_beside_its_row(client, team, meeting_form):  # type: ignore[no-untyped-def]
    client.force_login(team.user)
    deadline = (timezone.localtime() + timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M")
    data = meeting_form(
        [
            {"title": "送药上门", "owner": str(team.staff[1].pk), "deadline": deadline},
            {"title": "排查3号楼空置户", "owner": "", "deadline": deadline},
        ],
        notes="会上强调夜间巡查",
    )

    response = client.post(reverse("meeting-new"), data)

    assert response.status_code == 200
    rows = response.context["tasks"].forms
    assert not rows[0].errors
    assert rows[1].errors["owner"] == ["第2项任务：请选择责任人。"]
    assert not Meeting.objects.exists()
    page = response.content.decode()
    assert "排查3号楼空置户" in page and "会上强调夜间巡查" in page and "送药上门" in page
    assert f'value="{team.staff[1].pk}" selected' in page, "the first row's owner is kept"
