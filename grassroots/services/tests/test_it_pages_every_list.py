"""Lists a person reads go on past their first page instead of stopping at a fixed number of rows:
the board's sections (each paged on its own), open tasks, stock, plans, rounds and posters."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from grassroots.services import rules
from grassroots.services.models import Request, StockItem, Task
from grassroots.services.task_services import task_create


def _overdue(place, n):  # type: ignore[no-untyped-def]
    filed = timezone.now() - timedelta(days=3)
    Request.objects.bulk_create(
        Request(
            reference=f"OLD{i:05d}",
            category="food",
            channel="phone",
            area=place.building,
            name=f"居民{i:03d}",
            phone="13911112222",
            details="要菜",
            created_at=filed,
            deadline=filed + timedelta(hours=12),
        )
        for i in range(n)
    )


def test_the_board_pages_each_section_and_counts_all(place, client) -> None:  # type: ignore[no-untyped-def]
    _overdue(place, 53)
    client.force_login(place.station_user)

    first = client.get(reverse("services-board")).content.decode()
    assert '<span class="muted">53</span>' in first
    assert first.count("OLD") == 50
    assert "overdue_page=2#overdue" in first

    second = client.get(reverse("services-board") + "?overdue_page=2").content.decode()
    assert second.count("OLD") == 3 and "OLD00052" in second


def test_the_dashboard_count_is_not_capped(place) -> None:  # type: ignore[no-untyped-def]
    from grassroots.services.selectors import request_board

    _overdue(place, 120)
    assert len(request_board(user=place.station_user).overdue) == 120


def test_open_tasks_go_on_to_a_second_page(place, client) -> None:  # type: ignore[no-untyped-def]
    deadline = timezone.now() + timedelta(days=1)
    for i in range(32):
        task_create(
            by=place.station_user,
            title=f"任务{i:03d}",
            kind="other",
            area=place.building,
            places=1,
            deadline=deadline,
        )
    client.force_login(place.volunteer)

    first = client.get(reverse("services-tasks")).content.decode()
    second = client.get(reverse("services-tasks") + "?page=2").content.decode()
    shown = [f"任务{i:03d}" for i in range(32)]
    assert sum(t in first for t in shown) == 30 and sum(t in second for t in shown) == 2
    assert Task.objects.count() == 32


def test_stock_goes_on_to_a_second_page(place, client) -> None:  # type: ignore[no-untyped-def]
    StockItem.objects.bulk_create(
        StockItem(post=place.station, name=f"物资{i:03d}", category="office") for i in range(55)
    )
    client.force_login(place.station_user)
    second = client.get(reverse("services-stock") + "?page=2").content.decode()
    assert sum(f"物资{i:03d}" in second for i in range(55)) == 5


def test_posters_go_on_to_a_second_page(place, client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from grassroots.services import public_views

    monkeypatch.setattr(public_views, "POSTERS_PAGE", 3)
    client.force_login(place.street_user)
    buildings = [b for b in place.grid.buildings if b.path.startswith(place.grid.street.path)]
    url = reverse("services-posters", args=[place.grid.street.pk])
    seen = set()
    for n in (1, 2, 3):
        page = client.get(f"{url}?page={n}").content.decode()
        seen |= {b.pk for b in buildings if rules.building_token(b) in page}
    assert len(buildings) == 8 and len(seen) == 8
