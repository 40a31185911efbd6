"""A birth date in the future and a work log outside the service period are refused, naming the field."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ..models import Call, Instructor, Method, WorkLog
from ..services_matching import matching_propose
from ..services_work import work_log_write


@pytest.mark.django_db
def test_a_future_birth_date_is_refused(rural):
    call = rural.call()
    with pytest.raises(ValidationError) as refused:
        rural.candidate(call, birth_date=timezone.localdate() + timedelta(days=1))
    assert "birth_date" in refused.value.message_dict
    assert not Instructor.objects.exists()
    user = rural.make_user("future")
    c = Client()
    c.force_login(user)
    got = c.post(
        reverse("instructors-apply", args=[call.pk]),
        {
            "name": "未来人",
            "gender": "male",
            "birth_date": (timezone.localdate() + timedelta(days=400)).isoformat(),
            "phone": "13911112222",
            "source": "self",
            "department": rural.department.pk,
            "post": "科员",
            "familiar_fields": ["culture"],
            "party_work_years": "4",
            "service_years": "6",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert got.status_code == 200 and "The date of birth is in the future." in got.content.decode()
    assert 'value="未来人"' in got.content.decode()


@pytest.mark.django_db
def test_a_log_before_the_service_starts_is_refused_naming_the_date(rural):
    call = rural.call()
    me = rural.approved(call)
    rural.profile(call, [["industry"]] * 6)
    rural.place(matching_propose(by=rural.committee, call=call, method=Method.OPTIMAL))
    me.refresh_from_db()
    early = call.serves_from - timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        work_log_write(by=me.user, instructor=me, village=me.village, day=early, done="提前走访")
    assert early.isoformat() in refused.value.message_dict["day"][0]
    Call.objects.filter(pk=call.pk).update(serves_from=timezone.localdate())
    me = Instructor.objects.select_related("call", "village").get(pk=me.pk)
    assert me.village is not None
    with pytest.raises(ValidationError):
        work_log_write(
            by=me.user,
            instructor=me,
            village=me.village,
            day=timezone.localdate() - timedelta(days=1),
            done="x",
        )
    work_log_write(by=me.user, instructor=me, village=me.village, day=timezone.localdate(), done="入户")
    assert WorkLog.objects.count() == 1
