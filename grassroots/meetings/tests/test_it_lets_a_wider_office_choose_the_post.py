"""A user whose area holds several stations and centres chooses the post a meeting or decision is
recorded for; the choice defaults to the post of their own office, and a station with one post is
not asked."""

import pytest
from django.urls import reverse

from grassroots.places.models import Post, PostKind


@pytest.fixture
def centre(team, grid):  # type: ignore[no-untyped-def]
    return Post.objects.create(name="社区指挥中心", kind=PostKind.CENTRE, area=grid.community)


@pytest.mark.parametrize("new", ["meeting-new", "decision-new"])
def test_a_street_chooses_and_nothing_is_picked_for_it(client, team, grid, make_user, centre, new):  # type: ignore[no-untyped-def]
    client.force_login(make_user("jie", "street", grid.street))

    asked = client.get(reverse(new))
    assert asked.status_code == 200 and "form" not in asked.context
    picker = asked.context["picker"]
    assert picker["post"].value() == ""
    assert dict(picker.fields["post"].choices)["社区1-1"] == [
        (centre.pk, "社区指挥中心"),
        (team.post.pk, "一号站"),
        (Post.objects.get(name="二号站").pk, "二号站"),
    ]

    chosen = client.get(reverse(new), {"post": team.post.pk})
    assert chosen.context["post"] == team.post and "form" in chosen.context
    assert "一号站" in chosen.content.decode()


def test_a_community_starts_at_its_own_centre(client, grid, make_user, centre):  # type: ignore[no-untyped-def]
    client.force_login(make_user("she", "community", grid.community))
    response = client.get(reverse("meeting-new"))
    assert response.context["post"] == centre
    assert response.context["picker"]["post"].value() == centre.pk


def test_a_station_with_one_post_is_not_asked(client, team):  # type: ignore[no-untyped-def]
    client.force_login(team.user)
    response = client.get(reverse("meeting-new"))
    assert response.context["post"] == team.post and response.context["picker"] is None


def test_a_post_outside_the_area_is_not_found(client, team, grid):  # type: ignore[no-untyped-def]
    elsewhere = Post.objects.create(name="外站", kind=PostKind.STATION, area=grid.compounds[-1])
    client.force_login(team.user)
    assert client.get(reverse("meeting-new"), {"post": elsewhere.pk}).status_code == 404
