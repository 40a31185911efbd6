"""A decision's sheet shows what is recorded (nobody ticked present before a row is saved), and sealing
records the sheet as shown with the decision in one step; members not ticked are recorded absent."""

from django.urls import reverse

from grassroots.meetings.models import Decision, Opinion
from grassroots.meetings.services import decision_open


def sheet(decision: Decision, present: dict[int, str] = {}, /, **fields: str) -> dict[str, str]:  # noqa: B006
    """The page's POST: each member's row as the page showed it (hidden initial values of an unsaved
    row) and the sheet's version it showed, with `present` mapping a member to the vote of a member
    ticked present."""
    data = {"version": str(Decision.objects.get(pk=decision.pk).version)}
    for m in decision.members.all():
        data.update(
            {f"initial-m{m.pk}-present": "False", f"initial-m{m.pk}-vote": "", f"initial-m{m.pk}-view": ""}
        )
        if m.pk in present:
            data.update({f"m{m.pk}-present": "on", f"m{m.pk}-vote": present[m.pk]})
    return {**data, **fields}


def test_no_box_is_ticked_before_a_row_is_recorded(client, team):  # type: ignore[no-untyped-def]
    decision = decision_open(
        by=team.user, post=team.post, matter="值班安排", member_ids=[s.pk for s in team.staff]
    )
    client.force_login(team.user)
    page = client.get(reverse("decision-detail", args=[decision.pk])).content.decode()
    assert 'type="checkbox"' in page and "checked" not in page


def test_sealing_records_the_attendance_shown(client, team):  # type: ignore[no-untyped-def]
    decision = decision_open(
        by=team.user, post=team.post, matter="值班安排", member_ids=[s.pk for s in team.staff]
    )
    a, b, c = team.staff[:3]
    client.force_login(team.user)

    response = client.post(
        reverse("decision-detail", args=[decision.pk]),
        sheet(decision, {a.pk: "for", b.pk: "for", c.pk: "against"}, decision="两班倒", do="seal"),
        follow=True,
    )

    decision.refresh_from_db()
    assert decision.sealed_at is not None and decision.decision == "两班倒"
    present = set(Opinion.objects.filter(decision=decision, present=True).values_list("member", flat=True))
    assert present == {a.pk, b.pk, c.pk}
    assert Opinion.objects.filter(decision=decision, present=False).count() == 2, "the rest recorded absent"
    assert [str(m) for m in response.context["messages"]] == ["决定已记录并定案。"]
