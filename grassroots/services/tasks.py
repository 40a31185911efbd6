"""Jobs run by `manage.py db_worker`: they only send escalation messages; levels are derived from times."""

from django.tasks import task

from .services import request_escalate as escalate


@task()
def request_escalate(request_id: int) -> int:
    return escalate(request_id=request_id)
