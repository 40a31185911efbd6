from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from grassroots.core.models import AuditLog, Role
from grassroots.deployment import models as deployment
from grassroots.residents.models import Household, Resident

from .conftest import client_for, staff


@pytest.mark.django_db
def test_a_station_adds_staff_and_resident_party_members(grid, make_user, party):  # type: ignore[no-untyped-def]
    station = client_for(make_user("station", Role.STATION, grid.compound))
    home = Household.objects.create(area=grid.unit, room="101")
    resident = Resident.objects.create(household=home, name="孙居民", is_party_member=True)
    sent_down = staff(grid.community, "钱下沉")  # based at the community, assigned to the compound
    deployment.Assignment.objects.create(
        staff=sent_down,
        area=grid.compound,
        role=deployment.Role.MEMBER,
        work_group=deployment.WorkGroup.LIVELIHOOD,
        starts_on=party.founded,
    )
    staff(grid.compound, "非党员", member=False)
    url = reverse("party-member-add", args=[party.org_a.pk])
    form = station.get(url).content.decode()
    assert "孙居民" in form and "钱下沉" in form and "非党员" not in form
    assert "王先锋" not in form  # already serving

    today = timezone.localdate()
    assert (
        station.post(
            url, {"person": f"resident:{resident.pk}", "joined_on": today, "duty": "楼道值守"}
        ).status_code
        == 302
    )
    assert station.post(url, {"person": f"staff:{sent_down.pk}", "joined_on": today}).status_code == 302
    names = {m.name for m in party.org_a.members.filter(left_on__isnull=True)}
    assert {"孙居民", "钱下沉", "王先锋", "李示范"} == names
    assert AuditLog.objects.filter(action="party_member_add").count() >= 2


@pytest.mark.django_db
def test_joining_before_the_founding_is_refused_on_the_date_field(grid, make_user, party):  # type: ignore[no-untyped-def]
    station = client_for(make_user("station", Role.STATION, grid.compound))
    person = staff(grid.compound, "吴新人")
    page = station.post(
        reverse("party-member-add", args=[party.org_a.pk]),
        {"person": f"staff:{person.pk}", "joined_on": party.founded - timedelta(days=1)},
    )
    assert page.status_code == 200 and list(page.context["form"].errors) == ["joined_on"]


@pytest.mark.django_db
def test_a_member_leaves_and_may_rejoin_on_the_same_row(grid, make_user, party):  # type: ignore[no-untyped-def]
    station = client_for(make_user("station", Role.STATION, grid.compound))
    community = client_for(make_user("community", Role.COMMUNITY, grid.community))
    url = reverse("party-member", args=[party.li.pk])
    assert community.post(url, {"action": "secretary"}).status_code == 302
    party.org_a.refresh_from_db()
    assert party.org_a.secretary_id == party.li.pk

    today = timezone.localdate()
    assert station.post(url, {"action": "leave", "left_on": today}).status_code == 302
    party.li.refresh_from_db()
    party.org_a.refresh_from_db()
    assert party.li.left_on == today and party.org_a.secretary is None  # a secretary who left is none
    page = station.get(reverse("party-organisation", args=[party.org_a.pk]))
    assert "李示范" not in [m.name for m in page.context["members"]]

    again = station.post(
        reverse("party-member-add", args=[party.org_a.pk]),
        {"person": f"staff:{party.li.staff_id}", "joined_on": today},
    )
    assert again.status_code == 302
    party.li.refresh_from_db()
    assert party.li.left_on is None and party.org_a.members.filter(staff=party.li.staff).count() == 1


@pytest.mark.django_db
def test_only_a_community_names_the_secretary(grid, make_user, party):  # type: ignore[no-untyped-def]
    station = client_for(make_user("station", Role.STATION, grid.compound))
    assert (
        station.post(reverse("party-member", args=[party.li.pk]), {"action": "secretary"}).status_code == 403
    )
