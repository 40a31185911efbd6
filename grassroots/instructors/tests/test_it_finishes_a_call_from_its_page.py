"""The call's page offers the committee a confirmed finish showing what it will do, and once finished
says so and lists the villages still without an instructor, with the call that covers each."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ..models import CallStatus, Instructor, Status
from ..services import call_create


def client(user) -> Client:  # type: ignore[no-untyped-def]
    c = Client(HTTP_ACCEPT_LANGUAGE="en")
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_the_committee_sees_what_finishing_will_do_and_others_see_no_button(rural):
    call, made = rural.in_matching()
    url = reverse("instructors-call", args=[call.pk])
    page = client(rural.committee).get(url).content.decode()
    assert 'id="finish-call"' in page
    for counted, n in (("matched", 5), ("unfilled", 1), ("waiting", 3), ("proposals", 1)):
        assert f'id="finish-{counted}">{n}</b>' in page
    assert made["vacated"].name in page and "marked not selected" in page
    for other in (rural.unit, rural.township_user):
        seen = client(other).get(url)
        assert seen.status_code == 200 and 'id="finish-call"' not in seen.content.decode()
        assert client(other).post(url, {"reason": "越权"}).status_code == 403
    assert call.instructors.filter(status=Status.APPLIED).exists()


@pytest.mark.django_db
def test_a_missing_reason_is_named_beside_its_field_and_nothing_changes(rural):
    call, made = rural.in_matching()
    got = client(rural.committee).post(reverse("instructors-call", args=[call.pk]), {"reason": " "})
    assert got.status_code == 400
    form = got.context["finish_form"]
    assert form.has_error("reason") and 'id="finish-call" open' in got.content.decode()
    assert Instructor.objects.get(pk=made["applied"].pk).status == Status.APPLIED


@pytest.mark.django_db
def test_once_finished_the_page_says_so_and_lists_the_unfilled_villages_with_their_cover(rural):
    call, made = rural.in_matching()
    c = client(rural.committee)
    url = reverse("instructors-call", args=[call.pk])
    got = c.post(url, {"reason": "选派工作完成"}, follow=True)
    page = got.content.decode()
    assert got.status_code == 200 and "The call is finished." in page
    call.refresh_from_db()
    assert call.status == CallStatus.FINISHED
    assert 'id="finish-call"' not in page and 'id="finished"' in page and "选派工作完成" in page
    assert made["vacated"].name in page and "no call covers it yet" in page
    today = timezone.localdate()
    cover = call_create(
        by=rural.committee,
        name="样板市补充选派",
        area=rural.county,
        villages=[made["vacated"]],
        opens_on=today,
        closes_on=today + timedelta(days=10),
        serves_from=today + timedelta(days=30),
        serves_until=today + timedelta(days=400),
        rules={"health": None},
    )
    page = c.get(url).content.decode()
    assert reverse("instructors-call", args=[cover.pk]) in page and "no call covers it yet" not in page
    # The candidate reads why on their own page; the matching page runs nothing any more.
    mine = client(made["applied"].user).get(reverse("instructors-mine")).content.decode()
    assert "not selected" in mine and "before the sending unit decided" in mine
    matching = c.get(reverse("instructors-matching", args=[call.pk])).content.decode()
    assert 'name="method"' not in matching and "This call is finished" in matching
    refused = c.post(reverse("instructors-matching", args=[call.pk]), {"method": "optimal"}, follow=True)
    assert "is finished" in refused.content.decode()
    proposal = c.get(reverse("instructors-matching-detail", args=[made["proposal"].pk])).content.decode()
    assert "rejected when the call was finished" in proposal and 'name="approve"' not in proposal
