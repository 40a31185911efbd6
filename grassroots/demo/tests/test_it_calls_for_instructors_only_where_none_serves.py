"""A village has one instructor at a time: the demo's supplementary call (补充选派) is for the villages
whose instructors left their posts, not for villages an instructor still serves."""

from grassroots.core.models import AuditLog
from grassroots.instructors.models import Call, CallStatus
from grassroots.instructors.selectors import served_elsewhere


def test_the_supplementary_call_covers_only_villages_nobody_serves(demo) -> None:  # type: ignore[no-untyped-def]
    call = Call.objects.get(name__endswith="补充选派")
    villages = set(call.villages.values_list("pk", flat=True))
    assert villages and call.status == CallStatus.OPEN
    assert not served_elsewhere(
        serves_from=call.serves_from, serves_until=call.serves_until, village_ids=[*villages]
    )
    created = AuditLog.objects.get(action="instructor_call_create", object_id=str(call.pk))
    assert created.detail["already_served"] == []
    # They are the villages instructors of the finished call left, through the service that says why.
    left = AuditLog.objects.filter(action="instructor_leave")
    assert sorted(r.detail["village"] for r in left) == sorted(call.villages.values_list("name", flat=True))
