"""Saving the sheet says whose rows were recorded and writes only the rows the recorder changed, so a
row another recorder saved meanwhile is not overwritten by the stale page; the decision being typed
stays on the page."""

from django.urls import reverse

from grassroots.meetings.models import Opinion
from grassroots.meetings.services import decision_open, decision_opinion

from .test_it_seals_what_the_sheet_shows import sheet


def test_saving_names_the_rows_recorded_and_leaves_the_others(client, team):  # type: ignore[no-untyped-def]
    decision = decision_open(
        by=team.user, post=team.post, matter="值班安排", member_ids=[s.pk for s in team.staff]
    )
    a, b = team.staff[:2]
    client.force_login(team.user)
    data = sheet(decision, {a.pk: "for"}, decision="初稿：两班倒", do="save")
    # Another recorder saves b's row after this page was shown (the page still shows it blank).
    decision_opinion(by=team.user, decision=decision, member=b, present=True, vote="against")

    response = client.post(reverse("decision-detail", args=[decision.pk]), data)

    assert [str(m) for m in response.context["messages"]] == [f"已记录：{a.name}。"]
    assert Opinion.objects.get(decision=decision, member=a).vote == "for"
    assert Opinion.objects.get(decision=decision, member=b).vote == "against", "not overwritten"
    assert Opinion.objects.filter(decision=decision).count() == 2
    assert "初稿：两班倒</textarea>" in response.content.decode()
    assert response.context["tally"]["present"] == 2
