"""A card, a duty or a squad case typed too long comes back on its page as typed, the refusal beside its
field and nothing saved (a refused card used to come back blank, with no word of why)."""

import pytest
from django.urls import reverse

from grassroots.party import services
from grassroots.party.models import PartyMember, SquadCase

from .conftest import client_for


def error_beside(page: str, field: str) -> bool:
    return f'id="id_{field}_error"' in page


@pytest.mark.django_db
def test_a_card_too_long_stays_on_my_card_page(party):  # type: ignore[no-untyped-def]
    pledge = "诺" * 201
    response = client_for(party.member_user).post(
        reverse("party-my-card"), {"member": party.wang.pk, "pledge": pledge, "shows_phone": "on"}
    )
    assert response.status_code == 200
    [(_member, form)] = response.context["cards"]
    assert list(form.errors) == ["pledge"] and not list(response.context["messages"])
    page = response.content.decode()
    assert error_beside(page, "pledge") and f'value="{pledge}"' in page and 'maxlength="200"' in page
    wang = PartyMember.objects.get(pk=party.wang.pk)
    assert (wang.pledge, wang.shows_phone) == ("", False)


@pytest.mark.django_db
def test_a_duty_too_long_stays_on_the_member_page(party):  # type: ignore[no-untyped-def]
    duty = "值" * 101
    response = client_for(party.hq).post(
        reverse("party-member", args=[party.wang.pk]), {"action": "duty", "duty": duty}
    )
    assert response.status_code == 200 and list(response.context["duty"].errors) == ["duty"]
    page = response.content.decode()
    assert error_beside(page, "duty") and f'value="{duty}"' in page and 'maxlength="100"' in page
    assert PartyMember.objects.get(pk=party.wang.pk).duty == "卡口值守"


@pytest.mark.django_db
def test_a_case_title_too_long_stays_on_the_squad_page(grid, party):  # type: ignore[no-untyped-def]
    squad = services.team_create(by=party.hq, name="突击队", area=grid.street, is_squad=True)
    title = "事" * 201
    response = client_for(party.hq).post(reverse("party-squad", args=[squad.pk]), {"title": title})
    assert response.status_code == 200 and list(response.context["form"].errors) == ["title"]
    page = response.content.decode()
    assert error_beside(page, "title") and f'value="{title}"' in page and 'maxlength="200"' in page
    assert not SquadCase.objects.exists()
