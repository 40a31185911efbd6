"""Amending a sealed decision opens the new one at the post of the decision it changes, whichever post
the user would otherwise record for; an amendment of a decision not found is not silently a new one."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from grassroots.meetings.models import Decision
from grassroots.meetings.services import decision_open, decision_opinion, decision_seal
from grassroots.places.models import Post, PostKind


def test_the_amendment_is_at_the_first_decisions_post(client, team, grid, make_user):  # type: ignore[no-untyped-def]
    Post.objects.create(name="社区指挥中心", kind=PostKind.CENTRE, area=grid.community)
    ids = [s.pk for s in team.staff[:3]]
    first = decision_open(by=team.user, post=team.post, matter="值班安排", member_ids=ids, quorum=1)
    decision_opinion(by=team.user, decision=first, member=team.staff[0], present=True, vote="for")
    decision_seal(by=team.user, decision=first, text="两班倒")
    client.force_login(make_user("she", "community", grid.community))
    url = reverse("decision-new") + f"?amends={first.pk}"

    assert client.get(url).context["post"] == team.post
    client.post(url, {"matter": "改为三班倒", "members": [str(i) for i in ids]})
    assert Decision.objects.get(amends=first).post == team.post
    assert client.get(reverse("decision-new") + "?amends=999999").status_code == 404


def test_the_service_refuses_an_amendment_elsewhere(team, grid, make_user):  # type: ignore[no-untyped-def]
    centre = Post.objects.create(name="社区指挥中心", kind=PostKind.CENTRE, area=grid.community)
    first = decision_open(by=team.user, post=team.post, matter="值班安排", member_ids=[team.staff[0].pk])
    decision_opinion(by=team.user, decision=first, member=team.staff[0], present=True, vote="for")
    decision_seal(by=team.user, decision=first, text="两班倒")
    with pytest.raises(ValidationError) as elsewhere:
        decision_open(
            by=make_user("she", "community", grid.community),
            post=centre,
            matter="改为三班倒",
            member_ids=[team.staff[0].pk],
            amends=first,
        )
    assert set(elsewhere.value.message_dict) == {"amends"}
