"""A resident party member who moves away or dies leaves the ledger; the organisation's roll keeps
them until it records their leaving, but nothing counts them, shows their card or lets them take
on work meanwhile."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from grassroots.core.models import Role
from grassroots.party import services
from grassroots.party.selectors import (
    building_cards,
    members_out_of_ledger,
    organisation_list,
    organisation_members,
    party_stats,
    public_card,
)
from grassroots.residents.departures import resident_leave, resident_return
from grassroots.residents.models import Household, LeftReason, Resident

from .conftest import client_for


@pytest.fixture
def sun(grid, party):  # type: ignore[no-untyped-def]
    home = Household.objects.create(area=grid.units[0], room="101")
    resident = Resident.objects.create(household=home, name="孙居民", is_party_member=True)
    member = services.member_add(
        by=party.hq, organisation=party.org_a, resident=resident, joined_on=party.founded, duty="楼道值守"
    )
    services.demonstration_post_create(
        by=party.hq, member=member, post=party.org_a.post, title="楼道示范岗", pledge="随叫随到"
    )
    return member


def n_members(party) -> int:  # type: ignore[no-untyped-def]
    return organisation_list(user=party.hq).get(pk=party.org_a.pk).n_members  # type: ignore[attr-defined, no-any-return]


@pytest.mark.django_db
def test_a_member_who_left_the_ledger_is_no_longer_counted_or_shown(grid, party, sun):  # type: ignore[no-untyped-def]
    building = grid.buildings[0]
    assert "孙居民" in [m.name for m in building_cards(building)]
    assert n_members(party) == 3
    assert party_stats(user=party.hq, area=grid.compounds[0]).demonstration_posts == 1

    resident_leave(by=party.hq, resident=sun.resident, reason=LeftReason.DECEASED)

    assert "孙居民" not in [m.name for m in building_cards(building)]
    assert public_card(str(sun.card)) is None
    assert n_members(party) == 2
    assert sun not in organisation_members(party.org_a)
    assert party_stats(user=party.hq, area=grid.compounds[0]).demonstration_posts == 0
    assert list(members_out_of_ledger(user=party.hq, organisation=party.org_a)) == [sun]

    # Brought back into the ledger, they serve again: nothing was recorded on the party side.
    resident_return(by=party.hq, resident=Resident.everyone.get(pk=sun.resident_id))
    assert n_members(party) == 3
    assert public_card(str(sun.card)) == sun
    assert not members_out_of_ledger(user=party.hq, organisation=party.org_a).exists()


@pytest.mark.django_db
def test_a_member_who_left_the_ledger_takes_on_no_work(grid, party, sun):  # type: ignore[no-untyped-def]
    resident_leave(by=party.hq, resident=sun.resident, reason=LeftReason.MOVED_AWAY, note="迁往长春")
    sun.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.organisation_set_secretary(by=party.hq, organisation=party.org_a, member=sun)
    assert "secretary" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.demonstration_post_create(
            by=party.hq, member=sun, post=party.org_a.post, title="另一岗", pledge="承诺"
        )
    assert "孙居民" in refused.value.message_dict["member"][0]


@pytest.mark.django_db
def test_the_pages_ask_the_organisation_to_record_the_leaving(grid, party, sun, make_user):  # type: ignore[no-untyped-def]
    services.team_create(
        by=party.hq,
        name="楼道先锋队",
        area=grid.compounds[0],
        organisation=party.org_a,
        members=[sun, party.li],
    )
    resident_leave(by=party.hq, resident=sun.resident, reason=LeftReason.MOVED_AWAY, note="迁往长春")
    station = client_for(make_user("station-a", Role.STATION, grid.compounds[0]))
    home = station.get("/").content.decode()
    organisation_url = reverse("party-organisation", args=[party.org_a.pk])
    assert "1 名党员已移出居民台账" in home and f'href="{organisation_url}"' in home
    elsewhere = client_for(make_user("station-b", Role.STATION, grid.compounds[2]))
    assert "已移出居民台账" not in elsewhere.get("/").content.decode()

    page = station.get(reverse("party-organisation", args=[party.org_a.pk])).content.decode()
    listed, _, rest = page.partition('id="out-of-ledger"')
    assert rest and "孙居民" in rest and "迁出" in rest
    assert "孙居民" not in listed  # not among the serving members above
    team = rest.split("楼道先锋队")[1].split("</li>")[0]
    assert "李示范" in team and "孙居民" not in team  # nor on the team's roster

    url = reverse("party-member", args=[sun.pk])
    page = station.get(url).content.decode()
    assert 'id="out-of-ledger"' in page
    today = timezone.localdate().isoformat()
    assert f'value="{today}"' in page  # the leaving is offered on the day they left the ledger

    response = station.post(url, {"action": "leave", "left_on": today})
    assert response.status_code == 302
    sun.refresh_from_db()
    assert sun.left_on == timezone.localdate()
    assert not members_out_of_ledger(user=party.hq, organisation=party.org_a).exists()
    page = station.get(reverse("party-organisation", args=[party.org_a.pk])).content.decode()
    assert 'id="out-of-ledger"' not in page
    assert "已移出居民台账" not in station.get("/").content.decode()
