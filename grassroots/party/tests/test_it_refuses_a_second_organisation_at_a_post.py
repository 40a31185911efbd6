"""A second organisation at a post where one stands is refused, naming the one standing; the page
then offers a second branch on purpose (a large compound may split its members), and founding is
free again once the first is dissolved."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from grassroots.core.models import Role
from grassroots.party import services
from grassroots.party.models import PartyOrganisation

from .conftest import client_for


@pytest.mark.django_db
def test_the_service_refuses_and_names_the_one_standing(grid, party):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    post = party.org_a.post
    with pytest.raises(ValidationError) as refused:
        services.organisation_found(by=party.hq, name="甲第二支部", post=post, founded_on=today)
    assert refused.value.message_dict == {
        "post": [f"甲站已有甲临时党支部（{party.founded}成立）：请先将其撤销，或确认另设第二个支部。"]
    }
    assert refused.value.error_dict["post"][0].code == "post_taken"
    branch = services.organisation_found(
        by=party.hq, name="甲第二支部", post=post, founded_on=today, second_branch=True
    )
    assert branch.post == post

    services.organisation_dissolve(by=party.hq, organisation=party.org_b, dissolved_on=today)
    again = services.organisation_found(by=party.hq, name="乙新支部", post=party.org_b.post, founded_on=today)
    assert again.dissolved_on is None
    # A founding dated before the old one was dissolved would overlap its life.
    with pytest.raises(ValidationError):
        services.organisation_found(
            by=party.hq, name="乙补录支部", post=party.org_b.post, founded_on=today - timedelta(days=1)
        )


@pytest.mark.django_db
def test_the_page_refuses_then_offers_a_second_branch(grid, make_user, party):  # type: ignore[no-untyped-def]
    community = client_for(make_user("community", Role.COMMUNITY, grid.community))
    url = reverse("party-organisation-found")
    sent = {"name": "甲第二支部", "post": party.org_a.post.pk, "founded_on": timezone.localdate()}
    refused = community.post(url, sent)
    html = refused.content.decode()
    assert refused.status_code == 200 and "已有甲临时党支部" in html
    assert 'name="second_branch"' in html and 'value="甲第二支部"' in html
    assert not PartyOrganisation.objects.filter(name="甲第二支部").exists()
    assert 'name="second_branch"' not in community.get(url).content.decode()

    founded = community.post(url, {**sent, "second_branch": "on"})
    assert founded.status_code == 302
    assert PartyOrganisation.objects.filter(post=party.org_a.post, dissolved_on__isnull=True).count() == 2
