"""The demo's first instructor call is finished through call_finish, not by writing its status: every
village placed, every applicant decided, so nobody is marked not selected and no village was unfilled."""

from grassroots.core.models import AuditLog
from grassroots.instructors.models import Call, CallStatus, Instructor, MatchingStatus, Status


def test_the_first_call_is_finished_by_the_committee_with_every_village_placed(demo) -> None:  # type: ignore[no-untyped-def]
    call = Call.objects.get(name="双辽市乡村振兴党建指导员选派")
    assert call.status == CallStatus.FINISHED and call.finished_by is not None and call.finish_reason
    finished = AuditLog.objects.get(action="instructor_call_finish", object_id=str(call.pk))
    villages = call.villages.count()
    assert villages == 144
    assert finished.detail == {
        "matched": villages,
        "unfilled": [],
        "not_selected": 0,
        "proposals_rejected": 0,
    }
    assert not Instructor.objects.filter(call=call, status=Status.NOT_SELECTED).exists()
    assert not call.matchings.filter(status=MatchingStatus.PROPOSED).exists()
    # Placed to the village: those serving now and those who left since, one per village.
    served = Instructor.objects.filter(call=call, status__in=[Status.APPROVED, Status.LEFT])
    assert served.count() == villages
