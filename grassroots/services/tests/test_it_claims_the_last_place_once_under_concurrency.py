"""Two people tap "claim" on the last place at the same moment, on separate connections: one wins."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from grassroots.core.models import AccessGrant, User
from grassroots.places.services import area_create
from grassroots.services.models import Claim, Task
from grassroots.services.task_services import Conflict, task_claim


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_claims_for_one_place_give_exactly_one(grid) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    building = area_create(name="并发楼", kind="building", parent=grid.compound, code="77")
    people = []
    for i in range(6):
        user = User.objects.create_user(username=f"racer{i}", password="pw-12345678")
        AccessGrant.objects.create(user=user, area=grid.compound, role="volunteer")
        people.append(user)
    for places in (1, 2):
        task = Task.objects.create(
            title=f"最后{places}个名额",
            kind="delivery",
            area=building,
            places=places,
            deadline=timezone.now() + timedelta(hours=1),
            created_at=timezone.now(),
        )
        barrier = threading.Barrier(len(people))
        outcomes: list[str] = []

        def claim(
            user: User,
            task: Task = task,
            barrier: threading.Barrier = barrier,
            outcomes: list[str] = outcomes,
        ) -> None:
            try:
                barrier.wait()
                task_claim(by=User.objects.get(pk=user.pk), task=task)
                outcomes.append("won")
            except Conflict:
                outcomes.append("full")
            finally:
                connections.close_all()

        threads = [threading.Thread(target=claim, args=(p,)) for p in people]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["full"] * (len(people) - places) + ["won"] * places
        assert Claim.objects.filter(task=task).count() == places
