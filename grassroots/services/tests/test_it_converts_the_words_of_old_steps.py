"""The migration turns the steps the system wrote as words (in either language) into codes, and
leaves anything else, such as a note a person typed, as it is."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from grassroots.services.models import RequestEvent
from grassroots.services.services import green_channel_file

BEFORE = [("services", "0001_initial")]
AFTER = [("services", "0002_request_steps_say_system_notes_when_read")]


def _migrate(target):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_old_words_become_codes_and_typed_notes_stay(place) -> None:  # type: ignore[no-untyped-def]
    green = green_channel_file(
        by=place.staff,
        area=place.building,
        emergency="dialysis",
        name="李",
        phone="13911112222",
        details="透析",
    )
    try:
        old = _migrate(BEFORE)
        Event = old.get_model("services", "RequestEvent")
        now = timezone.now()
        Event.objects.filter(request_id=green.pk).delete()
        made = {
            "told_zh": Event.objects.create(
                request_id=green.pk, action="notified", at=now, note="小区指挥站、社区指挥中心和街道"
            ),
            "told_en": Event.objects.create(
                request_id=green.pk, action="notified", at=now, note="station, community centre and street"
            ),
            "level_zh": Event.objects.create(request_id=green.pk, action="escalated", at=now, note="街道"),
            "level_en": Event.objects.create(
                request_id=green.pk, action="escalated", at=now, note="community centre"
            ),
            "typed": Event.objects.create(
                request_id=green.pk, action="closed", at=now + timedelta(minutes=1), note="街道"
            ),
            "other": Event.objects.create(
                request_id=green.pk, action="notified", at=now, note="社区书记电话告知"
            ),
        }
        _migrate(AFTER)
        got = {key: RequestEvent.objects.get(pk=e.pk) for key, e in made.items()}
        assert (got["told_zh"].note, got["told_zh"].params) == ("", {"levels": [0, 1, 2]})
        assert (got["told_en"].note, got["told_en"].params) == ("", {"levels": [0, 1, 2]})
        assert (got["level_zh"].note, got["level_zh"].params) == ("", {"level": 2})
        assert (got["level_en"].note, got["level_en"].params) == ("", {"level": 1})
        assert (got["typed"].note, got["typed"].params) == ("街道", {})
        assert (got["other"].note, got["other"].params) == ("社区书记电话告知", {})
    finally:
        _migrate(AFTER)
