import pytest
from django.urls import reverse
from django.utils import timezone

from grassroots.core.models import Notification

from ..models import Instructor, Method
from ..selectors import missing_logs
from ..services_matching import matching_propose
from ..services_work import missing_log_remind, work_log_write


@pytest.mark.django_db
def test_it_lists_silent_instructors_per_township_and_reminds_their_office(rural):
    call = rural.call()
    for _ in range(6):
        rural.approved(call)
    rural.profile(call, [["industry"]] * 6)
    rural.place(matching_propose(by=rural.committee, call=call, method=Method.OPTIMAL))
    serving = list(Instructor.objects.filter(call=call).select_related("village").order_by("village__path"))
    today = timezone.localdate()
    diligent = serving[0]
    assert diligent.village is not None
    work_log_write(
        by=diligent.user, instructor=diligent, village=diligent.village, day=today, done="入户走访"
    )
    listed = missing_logs(rural.committee, call, today, today)
    assert [(t.pk, len(people)) for t, people in listed] == [
        (rural.townships[0].pk, 2),
        (rural.townships[1].pk, 3),
    ]
    # The first township's office sees only its own township.
    assert [t.pk for t, _ in missing_logs(rural.township_user, call, today, today)] == [rural.townships[0].pk]
    assert missing_log_remind(call_id=call.pk, days=1) == 1
    note = Notification.objects.get(
        recipient=rural.township_user, link=reverse("instructors-missing", args=[call.pk])
    )
    assert "2" in note.title and serving[1].name in note.body and diligent.name not in note.body
