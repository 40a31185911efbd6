"""Saving the sheet says whose rows were recorded and writes only the rows the recorder changed; the
decision being typed stays on the page, which then carries the sheet's new version."""

from django.urls import reverse

from grassroots.meetings.models import Decision, Opinion
from grassroots.meetings.services import decision_open

from .test_it_seals_what_the_sheet_shows import sheet


def test_saving_names_the_rows_recorded_and_leaves_the_others(client, team):  # type: ignore[no-untyped-def]
    decision = decision_open(
        by=team.user, post=team.post, matter="值班安排", member_ids=[s.pk for s in team.staff]
    )
    a = team.staff[0]
    client.force_login(team.user)

    response = client.post(
        reverse("decision-detail", args=[decision.pk]),
        sheet(decision, {a.pk: "for"}, decision="初稿：两班倒", do="save"),
    )

    assert [str(m) for m in response.context["messages"]] == [f"已记录：{a.name}。"]
    assert Opinion.objects.get(decision=decision, member=a).vote == "for"
    assert Opinion.objects.filter(decision=decision).count() == 1
    assert "初稿：两班倒</textarea>" in response.content.decode()
    assert response.context["tally"]["present"] == 1
    version = Decision.objects.get(pk=decision.pk).version
    assert version == 2 and response.context["seal"]["version"].value() == version
