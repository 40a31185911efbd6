import pytest
from django.urls import reverse

from grassroots.core.models import Role
from grassroots.deployment import models as deployment
from grassroots.party.models import DemonstrationPost, ResponsibilityArea, VanguardTeam

from .conftest import client_for, staff


@pytest.mark.django_db
def test_a_station_forms_a_vanguard_team_of_its_members(grid, make_user, party):  # type: ignore[no-untyped-def]
    station = client_for(make_user("station", Role.STATION, grid.compound))
    url = reverse("party-team-create", args=[party.org_a.pk])
    got = station.post(
        url,
        {
            "name": "1号楼先锋队",
            "area": grid.building.pk,
            "task": "楼栋值守",
            "leader": party.wang.pk,
            "members": [party.li.pk],
        },
    )
    assert got.status_code == 302
    team = VanguardTeam.objects.get(name="1号楼先锋队")
    assert team.organisation == party.org_a and team.area == grid.building and team.leader == party.wang
    assert {m.name for m in team.members.all()} == {"王先锋", "李示范"}
    # Another organisation's member is not offered, and naming one is refused on the field.
    foreign = station.post(url, {"name": "混编队", "area": grid.compound.pk, "members": [party.zhao.pk]})
    assert list(foreign.context["form"].errors) == ["members"]


@pytest.mark.django_db
def test_a_station_assigns_a_responsibility_area_with_the_building_manager(grid, make_user, party):  # type: ignore[no-untyped-def]
    manager = staff(grid.compound, "冯楼长", member=False)
    deployment.Assignment.objects.create(
        staff=manager, area=grid.building, role=deployment.Role.BUILDING_MANAGER, starts_on=party.founded
    )
    station = client_for(make_user("station", Role.STATION, grid.compound))
    url = reverse("party-responsibility-areas", args=[party.org_a.pk])
    assert "冯楼长" in station.get(url).content.decode()
    got = station.post(
        url,
        {
            "member": party.li.pk,
            "covers": [grid.units[0].pk, grid.units[1].pk],
            "building_manager": manager.pk,
        },
    )
    assert got.status_code == 302
    row = ResponsibilityArea.objects.get(member=party.li)
    assert row.area == grid.compound and row.building_manager == manager
    assert "李示范" in station.get(url).content.decode()
    empty = station.post(url, {"member": party.li.pk})
    assert list(empty.context["form"].errors) == ["covers"]


@pytest.mark.django_db
def test_a_station_sets_up_a_demonstration_post_with_a_pledge(grid, make_user, party):  # type: ignore[no-untyped-def]
    station = client_for(make_user("station", Role.STATION, grid.compound))
    url = reverse("party-demonstration-posts", args=[party.org_a.pk])
    post = party.org_a.post
    missing = station.post(url, {"member": party.wang.pk, "post": post.pk, "title": "示范岗"})
    assert list(missing.context["form"].errors) == ["pledge"]
    got = station.post(
        url, {"member": party.wang.pk, "post": post.pk, "title": "示范岗", "pledge": "有困难找我"}
    )
    assert got.status_code == 302
    assert DemonstrationPost.objects.get(member=party.wang).pledge == "有困难找我"


@pytest.mark.django_db
def test_a_staff_member_sees_the_organisation_but_no_forms(grid, make_user, party):  # type: ignore[no-untyped-def]
    worker = client_for(make_user("worker", Role.STAFF, grid.compound))
    page = worker.get(reverse("party-organisation", args=[party.org_a.pk])).content.decode()
    assert "王先锋" in page and reverse("party-member-add", args=[party.org_a.pk]) not in page
    assert worker.get(reverse("party-team-create", args=[party.org_a.pk])).status_code == 403
    assert worker.post(reverse("party-demonstration-posts", args=[party.org_a.pk]), {}).status_code == 403
