"""What a volunteer's phone shows of their claims: one message on a second claim, "My claims" kept
up to date after a one-tap claim, a finished claim said to be done, deadlines said as deadlines, and
the round's households only for those who claimed it, never a bare "None"."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from grassroots.services.models import Claim
from grassroots.services.task_services import claim_complete, delivery_round_create, task_claim, task_create

HTMX = {"HX-Request": "true"}


def _task(place, title="探视独居老人"):  # type: ignore[no-untyped-def]
    return task_create(
        by=place.station_user,
        title=title,
        kind="family",
        area=place.building,
        places=3,
        deadline=timezone.localtime() + timedelta(days=1),
    )


def test_claiming_again_says_once_that_the_place_is_held(place, client) -> None:  # type: ignore[no-untyped-def]
    task = _task(place)
    task_claim(by=place.volunteer, task=task)
    client.force_login(place.volunteer)

    card = client.post(reverse("services-task-claim", args=[task.pk]), headers=HTMX).content.decode()

    assert "您已认领。" in card
    assert "您已认领该任务。" not in card and 'role="alert"' not in card
    assert Claim.objects.filter(task=task).count() == 1


def test_a_one_tap_claim_updates_my_claims_with_its_deadline(place, client) -> None:  # type: ignore[no-untyped-def]
    task = _task(place)
    client.force_login(place.volunteer)
    assert 'id="my-claims"' in client.get(reverse("services-tasks")).content.decode()

    got = client.post(reverse("services-task-claim", args=[task.pk]), headers=HTMX).content.decode()

    assert f'id="task-{task.pk}"' in got and "认领成功！" in got
    mine = got[got.index('id="my-claims"') :]
    assert 'hx-swap-oob="true"' in mine and "我的认领" in mine and task.title in mine
    assert f"截止 {timezone.localtime(task.deadline):%m-%d %H:%M}" in mine


def test_my_claims_on_the_board_says_deadline(place, client) -> None:  # type: ignore[no-untyped-def]
    task = _task(place)
    task_claim(by=place.volunteer, task=task)
    client.force_login(place.volunteer)

    page = client.get(reverse("services-tasks")).content.decode()

    held = page[page.index('id="my-claims"') : page.index("身边待认领任务")]
    assert f"{place.building.name} · 截止 {timezone.localtime(task.deadline):%m-%d %H:%M}" in held


def test_a_finished_claim_is_said_to_be_done(place, client) -> None:  # type: ignore[no-untyped-def]
    task = _task(place)
    claim = task_claim(by=place.volunteer, task=task)
    claim_complete(by=place.volunteer, claim=claim, note="已探视")
    client.force_login(place.volunteer)

    for url in (reverse("services-tasks"), reverse("services-task", args=[task.pk])):
        page = client.get(url).content.decode()
        assert "您已完成此任务。" in page and "您已认领。" not in page
    assert task.title not in client.get(reverse("services-tasks")).content.decode().split("身边待认领任务")[0]


def test_only_a_claimant_is_shown_their_households_and_never_none(place, client) -> None:  # type: ignore[no-untyped-def]
    rnd = delivery_round_create(
        by=place.station_user,
        name="第三轮配送",
        area=place.compound,
        items="蔬菜包",
        helpers=2,
        deadline=timezone.now() + timedelta(hours=5),
    )
    url = reverse("services-task", args=[rnd.task.pk])
    client.force_login(place.volunteer)

    before = client.get(url).content.decode()
    assert "我负责的配送住户" not in before and "?mine=1" not in before

    task_claim(by=place.volunteer, task=rnd.task)
    after = client.get(url).content.decode()
    assert "我负责的配送住户" in after and "还没有分给您的住户" in after
    mine = client.get(reverse("services-round", args=[rnd.pk]) + "?mine=1").content.decode()
    assert "还没有分给您的住户" in mine
    for body in (after, mine):
        assert "None" not in body and "无。" not in body
