"""A task left incomplete is named by its row on the page, blank rows above it included, and the
refusal sits beside the box that is missing."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from grassroots.meetings.models import Meeting


def test_the_second_row_is_called_task_2_when_the_first_is_blank(client, team, meeting_form):  # type: ignore[no-untyped-def]
    client.force_login(team.user)
    data = meeting_form([{}, {"title": "清点防疫物资", "owner": str(team.staff[0].pk), "deadline": ""}])

    response = client.post(reverse("meeting-new"), data)

    rows = response.context["tasks"].forms
    assert rows[1].errors == {"deadline": ["第2项任务：请填写期限。"]}
    assert not rows[0].errors and not response.context["form"].non_field_errors()
    assert not Meeting.objects.exists()


def test_a_row_with_an_owner_and_deadline_but_no_title_is_refused_not_dropped(  # type: ignore[no-untyped-def]
    client, team, meeting_form
):
    client.force_login(team.user)
    deadline = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    data = meeting_form([{"title": "", "owner": str(team.staff[0].pk), "deadline": deadline}])

    response = client.post(reverse("meeting-new"), data)

    assert response.context["tasks"].forms[0].errors == {"title": ["第1项任务：请填写任务名称。"]}
    assert not Meeting.objects.exists()
