"""Putting a matter to the members from the page: a refused quorum stays beside its field; an opened
decision says it is saved."""

from django.urls import reverse

from grassroots.meetings.models import Decision


def test_the_page_opens_a_decision_and_says_so(client, team):  # type: ignore[no-untyped-def]
    client.force_login(team.user)
    url = reverse("decision-new") + f"?post={team.post.pk}"
    members = [str(s.pk) for s in team.staff[:3]]

    response = client.post(url, {"matter": "是否临时征用物业活动室", "members": members, "quorum": 4})
    assert response.status_code == 200
    assert response.context["form"].errors["quorum"]
    assert not Decision.objects.exists()

    response = client.post(url, {"matter": "是否临时征用物业活动室", "members": members}, follow=True)
    decision = Decision.objects.get()
    assert response.redirect_chain[-1][0] == reverse("decision-detail", args=[decision.pk])
    assert [str(m) for m in response.context["messages"]] == ["已保存。"]
