"""Two recorders open the same sheet. When the other saves first, this page's save or seal is refused,
saying so, and nothing of it is written; the page comes back with the rows as now recorded, this
recorder's changes and decision text kept (the boxes they left alone show the other's entries), and
the rows saved meanwhile marked with what was recorded, so one more Save records the sheet as the
page then shows it."""

from django.urls import reverse

from grassroots.core.lists import listed
from grassroots.meetings.models import Decision, Opinion
from grassroots.meetings.services import decision_open, decision_opinions

from .test_it_seals_what_the_sheet_shows import sheet

STALE = "您打开此表后，他人已保存过；请核对现已记录的各行后再次保存。"


def votes(decision: Decision) -> dict[int, tuple[bool, str]]:
    return {o.member_id: (o.present, o.vote) for o in Opinion.objects.filter(decision=decision)}


def test_a_stale_save_is_refused_and_the_recorders_changes_stay(client, team):  # type: ignore[no-untyped-def]
    decision = decision_open(
        by=team.user, post=team.post, matter="值班安排", member_ids=[s.pk for s in team.staff]
    )
    a, b, c, d = team.staff[:4]
    client.force_login(team.user)
    url = reverse("decision-detail", args=[decision.pk])
    mine = sheet(decision, {a.pk: "for", c.pk: "for"}, decision="初稿：两班倒", do="save")
    # The other recorder saves a's row (the same one this page changes) and b's after this page opened.
    decision_opinions(
        by=team.user,
        decision=decision,
        opinions=[{"member": m, "present": True, "vote": "against", "view": "人手不足"} for m in (a, b)],
        version=1,
    )

    response = client.post(url, mine)

    assert response.status_code == 200
    assert response.context["seal"].errors["version"] == [STALE]
    assert votes(decision) == {a.pk: (True, "against"), b.pk: (True, "against")}, "nothing written"
    rows = {m.pk: (form, saved) for m, form, _stored, saved in response.context["rows"]}
    assert {pk for pk, (_form, saved) in rows.items() if saved} == {a.pk, b.pk}
    assert rows[a.pk][0]["vote"].value() == "for", "what this recorder typed stays"
    assert rows[a.pk][0]["view"].value() == "人手不足"
    assert rows[c.pk][0]["vote"].value() == "for"
    assert rows[b.pk][0]["vote"].value() == "against", "a row left alone shows what is recorded now"
    assert rows[d.pk][0]["present"].value() is False
    page = response.content.decode()
    assert STALE in page and "初稿：两班倒</textarea>" in page
    assert page.count("期间他人已保存") == 2 and "人手不足" in page
    assert 'name="version" value="2"' in page

    again = client.post(url, response.context["seal"].data)

    assert [str(m) for m in again.context["messages"]] == [f"已记录：{listed(m.name for m in (a, c))}。"]
    assert votes(decision) == {a.pk: (True, "for"), b.pk: (True, "against"), c.pk: (True, "for")}
    views = dict(Opinion.objects.filter(decision=decision).values_list("member", "view"))
    assert views[a.pk] == views[b.pk] == "人手不足", "a box this recorder left alone keeps the other's entry"


def test_a_stale_seal_is_refused_and_nothing_is_sealed(client, team):  # type: ignore[no-untyped-def]
    decision = decision_open(
        by=team.user, post=team.post, matter="值班安排", member_ids=[s.pk for s in team.staff]
    )
    a, b, c, d = team.staff[:4]
    client.force_login(team.user)
    url = reverse("decision-detail", args=[decision.pk])
    mine = sheet(decision, {a.pk: "for", b.pk: "for", c.pk: "for"}, decision="同意两班倒", do="seal")
    decision_opinions(
        by=team.user, decision=decision, opinions=[{"member": d, "present": True, "vote": "against"}]
    )

    response = client.post(url, mine)

    assert response.context["seal"].errors["version"] == [STALE]
    decision.refresh_from_db()
    assert decision.sealed_at is None and decision.decision == ""
    assert votes(decision) == {d.pk: (True, "against")}
    assert "同意两班倒</textarea>" in response.content.decode()

    client.post(url, response.context["seal"].data)

    decision.refresh_from_db()
    assert decision.sealed_at is not None and decision.decision == "同意两班倒"
    assert votes(decision)[d.pk] == (True, "against"), "sealed with the vote saved meanwhile"
    assert sum(present for present, _vote in votes(decision).values()) == 4
