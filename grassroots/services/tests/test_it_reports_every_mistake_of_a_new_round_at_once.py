"""Creating a delivery round reports every mistake at once, each under its field and in the round's own
words: it used to stop at the first, and to speak of the task it publishes ("give the task a title")
where the page asks for the round's name and helpers."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from grassroots.services.models import DeliveryRound, Task
from grassroots.services.task_services import delivery_round_create

from .test_it_reports_every_mistake_of_a_new_task_at_once import under

PAST = "2000-01-01T09:00"


@pytest.mark.parametrize(
    ("language", "said", "task_words"),
    [
        (
            "zh-hans",
            {
                "name": "请填写配送批次名称。",
                "area": "配送批次须针对一个小区或楼栋。",
                "items": "请填写每户配送的物资。",
                "helpers": "配送人数须在1到500之间。",
                "deadline": "送达时限须晚于现在。",
            },
            "任务",
        ),
        (
            "en",
            {
                "name": "Give the round a name.",
                "area": "A delivery round covers a compound or a building.",
                "items": "List what each household gets.",
                "helpers": "A round needs between 1 and 500 helpers.",
                "deadline": "The delivery time must be in the future.",
            },
            "task",
        ),
    ],
)
def test_every_mistake_is_under_its_field_in_the_round_s_words(place, client, language, said, task_words):  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)

    response = client.post(
        reverse("services-rounds"),
        {"name": " ", "area": place.unit.pk, "items": "", "helpers": "0", "deadline": PAST},
        headers={"accept-language": language},
    )

    page = response.content.decode()
    assert response.status_code == 400
    for field, message in said.items():
        assert message in under(page, field), field
    errors = " ".join(str(e) for texts in response.context["form"].errors.values() for e in texts)
    assert task_words not in errors.lower()
    assert not DeliveryRound.objects.exists() and not Task.objects.exists()
    # Sent to the form's own place: below the list of rounds, the errors would be off a phone's screen.
    assert 'action="#round-form"' in page and 'id="round-form"' in page


def test_an_unreadable_number_and_date_come_with_the_other_mistakes(place, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)

    response = client.post(
        reverse("services-rounds"),
        {
            "name": "第三轮",
            "area": place.compound.pk,
            "items": "",
            "helpers": "两",
            "deadline": "2099-13-45T09:00",
        },
    )

    page = response.content.decode()
    assert "请输入整数。" in under(page, "helpers")
    assert "请填写日期和时间。" in under(page, "deadline")
    assert "请填写每户配送的物资。" in under(page, "items")
    assert not DeliveryRound.objects.exists()


def test_the_service_names_every_mistake_by_the_round_s_fields(place) -> None:  # type: ignore[no-untyped-def]
    empty = place.grid.compounds[1]

    with pytest.raises(ValidationError) as err:
        delivery_round_create(
            by=place.community_user,
            name="",
            area=empty,
            items=" ",
            helpers=501,
            deadline=timezone.now() - timedelta(minutes=1),
        )

    assert set(err.value.message_dict) == {"name", "area", "items", "helpers", "deadline"}
    assert err.value.message_dict["area"] == ["这里没有在住的住户。"]
