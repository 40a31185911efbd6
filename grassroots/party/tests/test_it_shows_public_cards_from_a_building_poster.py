import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from grassroots.deployment.models import Leave
from grassroots.party import services
from grassroots.party.selectors import building_cards, poster_token


@pytest.mark.django_db
def test_a_building_poster_lists_on_duty_members_answering_for_it_first(grid, party):  # type: ignore[no-untyped-def]
    building = grid.buildings[0]  # in the first compound, where 王 and 李 serve
    services.responsibility_area_assign(by=party.hq, member=party.li, covers=[grid.units[1]])
    assert [m.name for m in building_cards(building)] == ["李示范", "王先锋"]
    today = timezone.localdate()
    Leave.objects.create(staff=party.li.staff, starts_on=today, ends_on=today)  # 李 is off today
    assert [m.name for m in building_cards(building)] == ["王先锋"]


@pytest.mark.django_db
def test_the_public_pages_show_only_what_the_member_chose(grid, party):  # type: ignore[no-untyped-def]
    anonymous = Client()
    url = reverse("party-building-public", args=[poster_token(grid.buildings[0])])
    page = anonymous.get(url).content.decode()
    assert "王先锋" in page and "卡口值守" in page
    assert "13800000001" not in page  # not chosen: the post's phone stands in
    assert "0434-3000001" in page

    services.card_update(
        by=party.member_user,
        member=party.wang,
        pledge="有困难找我",
        shows_phone=True,
        shows_department=False,
        shows_card=True,
    )
    card = anonymous.get(reverse("party-card-public", args=[party.wang.card])).content.decode()
    assert "13800000001" in card and "有困难找我" in card
    assert "13800000002" not in card


@pytest.mark.django_db
def test_a_forged_poster_code_finds_nothing(grid, party):  # type: ignore[no-untyped-def]
    token = poster_token(grid.buildings[0])
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert Client().get(reverse("party-building-public", args=[forged])).status_code == 404


@pytest.mark.django_db
def test_only_the_member_chooses_what_their_card_shows(grid, party):  # type: ignore[no-untyped-def]
    with pytest.raises(Exception) as exc:
        services.card_update(
            by=party.hq,
            member=party.wang,
            pledge="",
            shows_phone=True,
            shows_department=True,
            shows_card=True,
        )
    assert exc.type.__name__ == "PermissionDenied"
