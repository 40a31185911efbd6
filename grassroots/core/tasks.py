"""Jobs run by `manage.py db_worker`: thin wrappers over the notification services."""

from django.tasks import task

from .notify import delivery_attempt


@task()
def delivery_send(delivery_id: int) -> str:
    return delivery_attempt(delivery_id=delivery_id)
