"""The green-channel plan page shows a refusal beside the box it is about, every mistake of a submit at
once, with a 400 and what was typed kept in the boxes; nothing is written. It used to say them as
messages at the top of the page and empty the form."""

import pytest
from django.urls import reverse

from grassroots.core.models import AuditLog
from grassroots.residents.models import CareTag
from grassroots.services.models import GreenChannelPlan


def under(page: str, box: str) -> str:
    """What the form shows after the box, up to the next box's label or the form's button (the
    weekdays are a set of boxes, each in its label, so what follows the set)."""
    start = page.index(f'id="{box}"')
    if box == "weekdays":
        start = page.index("</fieldset>", start)
    return page[start : min(page.find(tag, start) % len(page) for tag in ("<label", "<button"))]


@pytest.fixture
def patient(place):  # type: ignore[no-untyped-def]
    resident = place.households[0].residents.get()
    resident.care_tags.add(CareTag.objects.get(name="慢性病需透析"))
    return resident


def test_a_long_hospital_and_a_bad_weekday_are_refused_beside_their_boxes(place, client, patient) -> None:  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)
    hospital = "市" * 101
    response = client.post(
        reverse("services-plans"),
        {
            "resident": patient.pk,
            "emergency": "chemotherapy",
            "hospital": hospital,
            "weekdays": ["2", "9"],
            "depart_time": "07:30",
            "escort": "张三",
            "vehicle": "吉C·12345",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "医院：最多100个字，已输入101个字。" in under(page, "hospital")
    assert "请选择出行的星期（周一至周日）。" in under(page, "weekdays")
    assert f'value="{hospital}"' in page
    assert f'<option value="{patient.pk}" selected>' in page
    assert '<option value="chemotherapy" selected>' in page
    assert '<input type="checkbox" name="weekdays" value="2" checked>' in page
    assert 'value="07:30"' in page and 'value="张三"' in page and 'value="吉C·12345"' in page
    assert not GreenChannelPlan.objects.exists()
    assert not AuditLog.objects.filter(action="green_plan_create").exists()


def test_every_mistake_is_named_at_once_in_english(place, client, patient) -> None:  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)
    response = client.post(
        reverse("services-plans"),
        {"resident": "", "emergency": "flu", "hospital": " ", "depart_time": "7点半", "escort": "张" * 101},
        headers={"accept-language": "en"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose the resident." in under(page, "resident")
    assert "Unknown emergency: flu." in under(page, "emergency")
    assert "Name the hospital." in under(page, "hospital")
    assert "Choose the weekdays of the trip (Monday to Sunday)." in under(page, "weekdays")
    assert "Enter the departure time." in under(page, "depart_time")
    assert "escort: at most 100 characters, 101 typed." in under(page, "escort")
    assert 'value="7点半"' in page
    assert not GreenChannelPlan.objects.exists()


def test_a_good_plan_is_saved(place, client, patient) -> None:  # type: ignore[no-untyped-def]
    client.force_login(place.station_user)
    response = client.post(
        reverse("services-plans"),
        {
            "resident": patient.pk,
            "emergency": "dialysis",
            "hospital": " 市医院 ",
            "weekdays": ["4", "1"],
            "depart_time": "07:30",
        },
    )

    assert response.status_code == 302
    plan = GreenChannelPlan.objects.get()
    assert (plan.resident, plan.hospital, plan.weekdays, f"{plan.depart_time:%H:%M}") == (
        patient,
        "市医院",
        [1, 4],
        "07:30",
    )
    assert "市医院" in client.get(reverse("services-plans")).content.decode()
