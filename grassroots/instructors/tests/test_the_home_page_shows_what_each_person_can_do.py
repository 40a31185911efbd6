"""The home page shows a person's own application instead of Apply, the cadre review only to village
cadres, and a person's page offers the leaving form only once the instructor has a village."""

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.core.models import AccessGrant

from ..models import Method
from ..services_matching import matching_propose


def client_for(user):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_an_applicant_sees_their_status_not_apply(rural):
    call = rural.call()
    me = rural.candidate(call)
    page = client_for(me.user).get(reverse("instructors-home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("instructors-apply", args=[call.pk]) not in page
    assert "applied" in page
    stranger = rural.make_user("stranger")
    fresh = client_for(stranger).get(reverse("instructors-home")).content.decode()
    assert reverse("instructors-apply", args=[call.pk]) in fresh
    ineligible = rural.candidate(call, health_ok=False)
    again = client_for(ineligible.user).get(reverse("instructors-home"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Correct and apply again" in again.content.decode()


@pytest.mark.django_db
def test_only_a_village_cadre_sees_the_cadre_review(rural):
    rural.call()
    review = reverse("instructors-cadre-review")
    assert review not in client_for(rural.committee).get(reverse("instructors-home")).content.decode()
    cadre = rural.make_user("cadre")
    AccessGrant.objects.create(user=cadre, area=rural.villages[0], role="community")
    assert review in client_for(cadre).get(reverse("instructors-home")).content.decode()


@pytest.mark.django_db
def test_the_leaving_form_waits_for_a_village(rural):
    call = rural.call()
    me = rural.approved(call)
    leave = reverse("instructors-leave", args=[me.pk])
    person = reverse("instructors-person", args=[me.pk])
    assert leave not in client_for(rural.committee).get(person).content.decode()
    rural.profile(call, [["industry"]] * 6)
    rural.place(matching_propose(by=rural.committee, call=call, method=Method.OPTIMAL))
    assert leave in client_for(rural.committee).get(person).content.decode()
