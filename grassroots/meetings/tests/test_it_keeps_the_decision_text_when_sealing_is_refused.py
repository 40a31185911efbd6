"""When sealing is refused (short of a quorum, an absent member voting) the page comes back with the
decision text and every row as typed, the refusal beside its field or row, and nothing written."""

from django.urls import reverse

from grassroots.meetings.models import Opinion
from grassroots.meetings.services import decision_open

from .test_it_seals_what_the_sheet_shows import sheet


def test_short_of_a_quorum_the_text_stays_and_the_refusal_is_beside_it(client, team):  # type: ignore[no-untyped-def]
    decision = decision_open(
        by=team.user, post=team.post, matter="值班安排", member_ids=[s.pk for s in team.staff]
    )
    client.force_login(team.user)

    response = client.post(
        reverse("decision-detail", args=[decision.pk]),
        sheet(decision, {team.staff[0].pk: "for"}, decision="同意两班倒，由物业配合", do="seal"),
    )

    assert response.status_code == 200
    assert response.context["seal"].errors["decision"] == ["仅1名成员出席，法定人数为3。"]
    page = response.content.decode()
    assert "同意两班倒，由物业配合</textarea>" in page
    assert f'name="m{team.staff[0].pk}-present" id="id_m{team.staff[0].pk}-present" checked' in page
    assert not Opinion.objects.exists()
    decision.refresh_from_db()
    assert decision.sealed_at is None


def test_an_absent_member_who_votes_is_refused_on_their_row(client, team):  # type: ignore[no-untyped-def]
    decision = decision_open(
        by=team.user, post=team.post, matter="值班安排", member_ids=[s.pk for s in team.staff]
    )
    absent = team.staff[3]
    client.force_login(team.user)
    data = sheet(decision, {s.pk: "for" for s in team.staff[:3]}, decision="两班倒", do="seal")
    data[f"m{absent.pk}-vote"] = "against"

    response = client.post(reverse("decision-detail", args=[decision.pk]), data)

    rows = {m.pk: form for m, form, _stored, _meanwhile in response.context["rows"]}
    assert rows[absent.pk].errors == {"vote": [f"{absent.name}未出席，不能表决。"]}
    assert "两班倒</textarea>" in response.content.decode()
    assert not Opinion.objects.exists()
