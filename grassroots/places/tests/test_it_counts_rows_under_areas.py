from grassroots.places.models import Area
from grassroots.places.selectors import count_under


def test_each_area_gets_the_places_of_its_subtree(grid) -> None:  # type: ignore[no-untyped-def]
    # Areas themselves serve as the counted rows: each compound holds itself, 2 buildings and 4 units.
    rows = Area.objects.filter(path__startswith=grid.district.path)
    assert count_under(grid.compounds, rows, "path") == {c.pk: 7 for c in grid.compounds}


def test_rows_outside_every_area_are_left_out_and_empty_areas_count_zero(grid) -> None:  # type: ignore[no-untyped-def]
    rows = Area.objects.filter(pk__in=[u.pk for u in grid.units[:3]] + [grid.street.pk])
    counts = count_under([grid.compounds[0], grid.compounds[-1]], rows, "path")
    assert counts == {grid.compounds[0].pk: 3, grid.compounds[-1].pk: 0}
