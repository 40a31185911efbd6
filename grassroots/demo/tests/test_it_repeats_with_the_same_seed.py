from django.db import transaction

from grassroots.demo import grid, people
from grassroots.demo.context import DemoContext
from grassroots.people.models import Staff
from grassroots.places.models import Area


class _Rollback(Exception):
    pass


def _build_and_snapshot(seed: int) -> tuple[list[tuple[str, str, int | None, str]], list[tuple[str, str]]]:
    try:
        with transaction.atomic():
            # What is compared is the grid and its staff, which these two steps make.
            ctx = DemoContext(seed=seed, scale=0.1)
            for step in (grid.build, people.build):
                step(ctx)
            # Ids differ between builds, so compare what the areas are, not where they sort.
            areas = sorted(Area.objects.values_list("name", "code", "difficulty", "parent__code"), key=str)
            staff = list(Staff.objects.order_by("pk").values_list("name", "phone"))
            raise _Rollback
    except _Rollback:
        return areas, staff


def test_same_seed_same_district(db) -> None:  # type: ignore[no-untyped-def]
    first = _build_and_snapshot(3)
    assert _build_and_snapshot(3) == first
    assert _build_and_snapshot(4) != first
