"""Filing queues one worker job for the moment the level would rise; the job runs the escalation service."""

from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from grassroots.services.models import RequestChannel
from grassroots.services.services import green_channel_file, request_file
from grassroots.services.tasks import request_escalate


def test_a_green_case_queues_a_check_at_its_acceptance_deadline(
    place, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        req = green_channel_file(
            by=place.staff,
            area=place.building,
            emergency="dialysis",
            name="李",
            phone="13911112222",
            details="透析",
        )
    job = DBTaskResult.objects.get(task_path__endswith="request_escalate")
    assert job.run_after == req.accept_by and job.args_kwargs["args"] == [req.pk]


def test_an_ordinary_request_queues_a_check_just_after_its_deadline(
    place, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        req = request_file(
            by=place.staff,
            area=place.building,
            category="repairs",
            channel=RequestChannel.PHONE,
            name="王",
            phone="13911112222",
            details="水管漏水",
        )
    job = DBTaskResult.objects.get(task_path__endswith="request_escalate")
    assert req.deadline < job.run_after <= req.deadline + timedelta(seconds=1)


def test_the_job_body_runs_the_escalation(place) -> None:  # type: ignore[no-untyped-def]
    req = green_channel_file(
        by=place.staff,
        area=place.building,
        emergency="childbirth",
        name="陈",
        phone="13911112222",
        details="临产",
        now=timezone.now() - timedelta(hours=1),
    )
    assert request_escalate.call(req.pk) == 3
