"""On duty is read from rota shifts, assignments and leave; the member only chooses to show the card."""

from datetime import timedelta

import pytest
from django.utils import timezone

from grassroots.deployment import models as deployment
from grassroots.party import services
from grassroots.party.selectors import building_cards, public_card
from grassroots.places.models import Post, PostKind
from grassroots.residents.models import Household, Resident

from .conftest import staff


def names(grid) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.name for m in building_cards(grid.buildings[0])]


@pytest.mark.django_db
def test_an_assignment_at_the_compound_puts_a_staff_member_on_duty(grid, party):  # type: ignore[no-untyped-def]
    assert names(grid) == ["王先锋", "李示范"]
    today = timezone.localdate()
    deployment.Assignment.objects.filter(staff=party.li.staff).update(ends_on=today)
    assert names(grid) == ["王先锋"]  # the assignment ended today: no longer on duty
    deployment.Assignment.objects.create(
        staff=party.li.staff, area=grid.buildings[1], role=deployment.Role.BUILDING_MANAGER, starts_on=today
    )
    assert names(grid) == ["王先锋", "李示范"]  # a building of the same compound counts
    deployment.Assignment.objects.filter(staff=party.wang.staff).update(area=grid.compounds[1])
    assert names(grid) == ["李示范"]  # serving in another compound today


@pytest.mark.django_db
def test_a_published_rota_decides_who_works_and_who_rests_today(grid, party):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    rota = deployment.Rota.objects.create(
        post=party.org_a.post, area=grid.compound, starts_on=today - timedelta(days=1), days=7
    )
    deployment.Shift.objects.create(rota=rota, staff=party.wang.staff, day=today, slot=deployment.Slot.DAY)
    deployment.Shift.objects.create(
        rota=rota, staff=party.li.staff, day=today + timedelta(days=1), slot=deployment.Slot.NIGHT
    )
    assert names(grid) == ["王先锋", "李示范"]  # a draft rota changes nothing yet
    rota.status = deployment.RotaStatus.PUBLISHED
    rota.save()
    assert names(grid) == ["王先锋"]  # 李 rests today
    deployment.Assignment.objects.filter(staff=party.wang.staff).update(ends_on=today)
    assert names(grid) == ["王先锋"]  # a shift today is enough
    deployment.Leave.objects.create(
        staff=party.wang.staff, starts_on=today, ends_on=today + timedelta(days=2)
    )
    assert names(grid) == []


@pytest.mark.django_db
def test_a_shift_at_another_station_is_not_duty_here(grid, party):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    elsewhere = Post.objects.create(name="他站", kind=PostKind.STATION, area=grid.compounds[1])
    rota = deployment.Rota.objects.create(
        post=elsewhere,
        area=grid.compounds[1],
        starts_on=today,
        days=7,
        status=deployment.RotaStatus.PUBLISHED,
    )
    deployment.Shift.objects.create(rota=rota, staff=party.wang.staff, day=today, slot=deployment.Slot.DAY)
    assert names(grid) == ["李示范"]  # 王 works at the other compound's station today
    rota.area = grid.compound
    rota.save()
    assert names(grid) == ["王先锋", "李示范"]  # a rota for a compound inside the organisation's area


@pytest.mark.django_db
def test_a_resident_member_is_on_duty_while_given_a_duty(grid, party):  # type: ignore[no-untyped-def]
    home = Household.objects.create(area=grid.units[0], room="101")
    resident = Resident.objects.create(household=home, name="孙居民", is_party_member=True)
    sun = services.member_add(
        by=party.hq, organisation=party.org_a, resident=resident, joined_on=party.founded
    )
    assert "孙居民" not in names(grid)
    services.member_set_duty(by=party.hq, member=sun, duty="楼道值守")
    assert "孙居民" in names(grid)


@pytest.mark.django_db
def test_a_checkpoint_member_is_on_duty_when_assigned_to_that_post(grid, party):  # type: ignore[no-untyped-def]
    checkpoint = Post.objects.create(name="东卡口", kind=PostKind.CHECKPOINT, area=grid.community)
    org = services.organisation_found(
        by=party.hq, name="东卡口临时党支部", post=checkpoint, founded_on=party.founded
    )
    guard = services.member_add(
        by=party.hq, organisation=org, staff=staff(grid.compound, "郑卡口"), joined_on=party.founded
    )
    assert guard.staff is not None
    # Serving somewhere in the community is not serving at the checkpoint.
    deployment.Assignment.objects.create(
        staff=guard.staff,
        area=grid.compound,
        role=deployment.Role.MEMBER,
        work_group=deployment.WorkGroup.LIVELIHOOD,
        starts_on=party.founded,
    )
    assert public_card(str(guard.card)) is None
    deployment.Assignment.objects.create(
        staff=guard.staff,
        area=grid.community,
        post=checkpoint,
        role=deployment.Role.DEPUTY_COMMANDER,
        starts_on=party.founded,
    )
    assert public_card(str(guard.card)) == guard


@pytest.mark.django_db
def test_a_member_on_duty_may_still_hide_the_card(grid, party):  # type: ignore[no-untyped-def]
    services.card_update(
        by=party.member_user,
        member=party.wang,
        pledge="",
        shows_phone=False,
        shows_department=False,
        shows_card=False,
    )
    assert names(grid) == ["李示范"]
    assert public_card(str(party.wang.card)) is None
