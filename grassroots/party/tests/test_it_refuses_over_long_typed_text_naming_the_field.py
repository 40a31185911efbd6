"""Text a user types is kept whole or refused, naming the field and its limit (a pledge, a duty and a
squad case's title used to be cut to their columns without a word; the other names, titles, tasks and
notes reached the database unchecked). A case title the code makes from a request is shortened, with
an ellipsis."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from grassroots.party import services
from grassroots.party.models import ActivityKind, PartyMember, SquadCase
from grassroots.places.models import Post, PostKind
from grassroots.services.models import Request


def refusal(call: Callable[[], object]) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as exc:
        call()
    return exc.value.message_dict


@pytest.mark.django_db
def test_a_pledge_and_a_duty_too_long_are_refused_not_cut(party):  # type: ignore[no-untyped-def]
    def card(pledge: str) -> PartyMember:
        return services.card_update(
            by=party.member_user,
            member=party.wang,
            pledge=pledge,
            shows_phone=True,
            shows_department=False,
            shows_card=True,
        )

    assert refusal(lambda: card("诺" * 201)) == {"pledge": ["承诺：最多200个字，已输入201个字。"]}
    assert refusal(lambda: services.member_set_duty(by=party.hq, member=party.wang, duty="值" * 101)) == {
        "duty": ["职责：最多100个字，已输入101个字。"]
    }
    wang = PartyMember.objects.get(pk=party.wang.pk)
    assert (wang.pledge, wang.duty, wang.shows_phone) == ("", "卡口值守", False), "nothing written"
    assert card(f" {'诺' * 200} ").pledge == "诺" * 200, "at the limit it is kept whole"


@pytest.mark.django_db
def test_a_typed_case_title_is_refused_and_a_made_one_shortened(grid, party):  # type: ignore[no-untyped-def]
    squad = services.team_create(by=party.hq, name="突击队", area=grid.street, is_squad=True)
    place = grid.compounds[1]
    assert refusal(
        lambda: services.squad_case_route(by=party.hq, team=squad, area=place, title="事" * 201)
    ) == {"title": ["事项：最多200个字，已输入201个字。"]}
    assert not SquadCase.objects.exists()
    now = timezone.now()
    request = Request.objects.create(
        reference="R1",
        category="medicine",
        channel="phone",
        area=place,
        name="居民",
        phone="13800000000",
        details="药" * 300,
        created_at=now,
        deadline=now + timedelta(days=1),
    )
    case = services.squad_case_route(by=party.hq, team=squad, request=request)
    # Django's Chinese ellipsis is three dots, inside the 80 characters of details.
    assert case.title == "R1 " + "药" * 77 + "..."


@pytest.mark.django_db
def test_every_other_typed_text_is_checked_against_its_column(grid, party):  # type: ignore[no-untyped-def]
    hq, org, wang = party.hq, party.org_a, party.wang
    post = Post.objects.create(name="丙站", kind=PostKind.STATION, area=grid.compounds[1])
    today = timezone.localdate()
    calls: list[tuple[Callable[[], object], str, int]] = [
        (
            lambda: services.organisation_found(by=hq, name="支" * 101, post=post, founded_on=today),
            "name",
            100,
        ),
        (lambda: services.team_create(by=hq, name="队" * 101, area=grid.street), "name", 100),
        (lambda: services.team_create(by=hq, name="先锋队", area=grid.street, task="任" * 201), "task", 200),
        (
            lambda: services.responsibility_area_assign(by=hq, member=wang, covers=[], note="注" * 201),
            "note",
            200,
        ),
        (
            lambda: services.demonstration_post_create(
                by=hq, member=wang, post=org.post, title="岗" * 101, pledge="诺"
            ),
            "title",
            100,
        ),
        (
            lambda: services.demonstration_post_create(
                by=hq, member=wang, post=org.post, title="示范岗", pledge="诺" * 201
            ),
            "pledge",
            200,
        ),
        (
            lambda: services.activity_record(
                by=hq, organisation=org, kind=ActivityKind.STUDY, title="学" * 101, held_on=today
            ),
            "title",
            100,
        ),
    ]
    for call, field, limit in calls:
        [(named, [message])] = refusal(call).items()
        assert named == field and f"最多{limit}个字，已输入{limit + 1}个字" in message


@pytest.mark.django_db
def test_a_member_added_with_a_long_duty_or_pledge_is_refused(grid, party):  # type: ignore[no-untyped-def]
    from .conftest import staff

    person = staff(grid.compounds[0], "孙新员")

    def add(duty: str = "", pledge: str = "") -> PartyMember:
        return services.member_add(
            by=party.hq,
            organisation=party.org_a,
            staff=person,
            joined_on=party.founded,
            duty=duty,
            pledge=pledge,
        )

    assert list(refusal(lambda: add(duty="值" * 101))) == ["duty"]
    assert list(refusal(lambda: add(pledge="诺" * 201))) == ["pledge"]
    assert not PartyMember.objects.filter(staff=person).exists()
