"""Rank boxes refuse ties and non-numbers naming the row, and a refused form keeps what was typed."""

import pytest
from django.test import Client
from django.urls import reverse

from ..models import Instructor, VillageNeed


def client_for(user):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_village_preferences_refuse_ties_and_words_naming_the_rows(rural):
    call = rural.call()
    me = rural.candidate(call)
    v = sorted(rural.villages[:4], key=lambda a: a.path)
    typed = {f"rank_{v[0].pk}": "2", f"rank_{v[1].pk}": "2", f"rank_{v[2].pk}": "x", f"rank_{v[3].pk}": "1"}
    got = client_for(me.user).post(
        reverse("instructors-preferences", args=[me.pk]), typed, HTTP_ACCEPT_LANGUAGE="en"
    )
    page = got.content.decode()
    assert got.status_code == 400
    assert f"{v[2].name}: the rank “x” is not a whole number from 1." in page
    assert f"{v[0].name}, {v[1].name}: each has the rank 2" in page
    assert 'value="x"' in page and f'name="rank_{v[3].pk}" value="1"' in page
    assert Instructor.objects.get(pk=me.pk).village_ranking == []

    ok = client_for(me.user).post(
        reverse("instructors-preferences", args=[me.pk]), {f"rank_{v[2].pk}": "3", f"rank_{v[0].pk}": "1"}
    )
    assert ok.status_code == 302
    assert Instructor.objects.get(pk=me.pk).village_ranking == [v[0].pk, v[2].pk]


@pytest.mark.django_db
def test_the_townships_ranking_survives_a_field_error(rural):
    call = rural.call()
    a, b = rural.candidate(call), rural.candidate(call)
    need = VillageNeed.objects.get(call=call, village=rural.villages[0])
    post = {
        "version": need.version,
        "focus": ["industry"],
        "households": "",  # the error
        "distance_km": "12",
        f"rank_{a.pk}": "2",
        f"rank_{b.pk}": "1",
    }
    got = client_for(rural.township_user).post(reverse("instructors-need", args=[need.pk]), post)
    page = got.content.decode()
    assert got.status_code == 400
    assert f'name="rank_{a.pk}" value="2"' in page and f'name="rank_{b.pk}" value="1"' in page
    post["households"] = "300"
    post[f"rank_{a.pk}"] = "1"
    tied = client_for(rural.township_user).post(
        reverse("instructors-need", args=[need.pk]), post, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert tied.status_code == 400 and "each has the rank 1" in tied.content.decode()
    assert VillageNeed.objects.get(pk=need.pk).focus == []
    post[f"rank_{a.pk}"] = "2"
    assert (
        client_for(rural.township_user).post(reverse("instructors-need", args=[need.pk]), post).status_code
        == 302
    )
    assert VillageNeed.objects.get(pk=need.pk).candidate_ranking == [b.pk, a.pk]


@pytest.mark.django_db
def test_an_unfilled_profile_reads_not_filled_and_offers_blanks(rural):
    call = rural.call()
    page = (
        client_for(rural.committee)
        .get(reverse("instructors-needs", args=[call.pk]), HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert page.count("not filled") == 3 * 6
    need = VillageNeed.objects.get(call=call, village=rural.villages[0])
    form = client_for(rural.township_user).get(reverse("instructors-need", args=[need.pk])).content.decode()
    assert 'name="households" min="0" required id="id_households">' in form
