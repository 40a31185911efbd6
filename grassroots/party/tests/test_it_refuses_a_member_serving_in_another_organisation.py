"""A person serving in one standing organisation is refused by another, which names the first; once
they have left it (a transfer) or it is dissolved, they may join. A secretary named at founding is
held to the same rule, on the secretary field."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from grassroots.core.models import Role
from grassroots.party import services
from grassroots.party.models import PartyOrganisation
from grassroots.places.models import Post, PostKind
from grassroots.residents.models import Household, Resident

from .conftest import client_for


@pytest.mark.django_db
def test_it_refuses_a_member_serving_in_another_organisation(grid, make_user, party):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    wang = party.wang.staff
    with pytest.raises(ValidationError) as refused:
        services.member_add(by=party.hq, organisation=party.org_b, staff=wang, joined_on=today)
    assert refused.value.message_dict == {
        "staff": [
            "王先锋已是甲临时党支部的成员：请先在该组织登记其离开（组织关系转接即在原组织离开、在此加入）。"
        ]
    }

    services.member_remove(by=party.hq, member=party.wang, left_on=today)
    moved = services.member_add(by=party.hq, organisation=party.org_b, staff=wang, joined_on=today)
    assert moved.organisation == party.org_b

    services.organisation_dissolve(by=party.hq, organisation=party.org_b, dissolved_on=today)
    back = services.member_add(by=party.hq, organisation=party.org_a, staff=wang, joined_on=today)
    assert back.pk == party.wang.pk and back.left_on is None


@pytest.mark.django_db
def test_a_resident_member_is_held_to_one_organisation(grid, party):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    home = Household.objects.create(area=grid.units[8], room="101")  # in org_b's compound
    resident = Resident.objects.create(household=home, name="孙居民", is_party_member=True)
    services.member_add(by=party.hq, organisation=party.org_b, resident=resident, joined_on=today)
    checkpoint = Post.objects.create(name="乙卡点", kind=PostKind.CHECKPOINT, area=party.org_b.area)
    other = services.organisation_found(by=party.hq, name="乙卡点支部", post=checkpoint, founded_on=today)
    with pytest.raises(ValidationError) as refused:
        services.member_add(by=party.hq, organisation=other, resident=resident, joined_on=today)
    assert "乙临时党支部" in refused.value.message_dict["staff"][0]


@pytest.mark.django_db
def test_the_found_page_says_it_beside_the_secretary(grid, make_user, party):  # type: ignore[no-untyped-def]
    community = client_for(make_user("community", Role.COMMUNITY, grid.community))
    post = Post.objects.create(name="丙站", kind=PostKind.STATION, area=grid.compounds[1])
    page = community.post(
        reverse("party-organisation-found"),
        {
            "name": "丙支部",
            "post": post.pk,
            "secretary": party.li.staff_id,
            "founded_on": timezone.localdate(),
        },
    )
    assert page.status_code == 200
    assert list(page.context["form"].errors) == ["secretary"]
    assert "李示范已是甲临时党支部的成员" in page.content.decode()
    assert not PartyOrganisation.objects.filter(name="丙支部").exists()


@pytest.mark.django_db
def test_the_add_page_offers_only_people_it_would_take(grid, party):  # type: ignore[no-untyped-def]
    """The candidates leave out whoever the service would refuse for serving elsewhere, so any name
    on the list can be added (it used to offer them, then refuse the choice)."""
    from grassroots.party.selectors import member_candidates

    from .conftest import staff

    today = timezone.localdate()
    qian = staff(party.org_a.area, "钱党员")  # based at org_a's compound, serving at org_b's
    serving = services.member_add(by=party.hq, organisation=party.org_b, staff=qian, joined_on=today)
    offered, _residents = member_candidates(user=party.hq, organisation=party.org_a)
    assert qian not in offered
    services.member_remove(by=party.hq, member=serving, left_on=today)
    offered, _residents = member_candidates(user=party.hq, organisation=party.org_a)
    assert qian in offered
