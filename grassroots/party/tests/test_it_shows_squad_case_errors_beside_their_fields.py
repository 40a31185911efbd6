"""The squad page keeps a refused case on the page with each error beside its field (it used to redirect
and say them above the page), and says when a case is routed."""

import pytest
from django.urls import reverse

from grassroots.party import services
from grassroots.party.models import SquadCase

from .conftest import client_for


@pytest.mark.django_db
def test_a_refused_case_stays_on_the_page_beside_its_fields(grid, party):  # type: ignore[no-untyped-def]
    squad = services.team_create(by=party.hq, name="突击队", area=grid.street, is_squad=True)
    client = client_for(party.hq)
    url = reverse("party-squad", args=[squad.pk])

    response = client.post(url, {"title": "", "note": ""})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["title"]
    assert 'class="errorlist"' in response.content.decode()

    response = client.post(url, {"title": "代购药品", "request": "NOPE"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["request"]
    assert not SquadCase.objects.exists()

    response = client.post(url, {"title": "独居老人代购药品"}, follow=True)
    assert SquadCase.objects.get().team == squad
    assert response.redirect_chain[-1][0] == url
    assert len(list(response.context["messages"])) == 1
