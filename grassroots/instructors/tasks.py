"""Jobs run by `manage.py db_worker`: thin wrappers over the instructor services."""

from django.tasks import task

from .services_work import missing_log_remind


@task()
def missing_log_reminders(call_id: int, days: int = 3) -> int:
    return missing_log_remind(call_id=call_id, days=days)
