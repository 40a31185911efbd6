"""Jobs run by `manage.py db_worker`. They only remind and escalate; lateness is derived from stored times."""

from django.tasks import task

from . import orders, services


@task()
def report_progress_check(report_id: int) -> int:
    return services.progress_check(report_id=report_id)


@task()
def order_remind(order_id: int) -> int:
    return orders.order_remind(order_id=order_id)


@task()
def order_escalate(order_id: int) -> int:
    return orders.order_escalate(order_id=order_id)
