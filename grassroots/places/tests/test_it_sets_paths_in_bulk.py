from grassroots.places.models import Area, AreaKind
from grassroots.places.services import PATH_BATCH, areas_bulk_create


def test_it_stores_each_new_areas_path_and_depth_under_its_parent(grid) -> None:  # type: ignore[no-untyped-def]
    # More than one UPDATE's worth, under parents at two depths.
    buildings = [
        Area(name=f"{n}号楼", kind=AreaKind.BUILDING, parent=compound, code=f"{n:03d}")
        for compound in grid.compounds[:2]
        for n in range(100, 100 + PATH_BATCH // 2 + 7)
    ]
    made = areas_bulk_create(buildings)
    units = areas_bulk_create([Area(name="1单元", kind=AreaKind.UNIT, parent=b, code="01") for b in made[:3]])
    for area in [*made, *units]:
        stored = Area.objects.get(pk=area.pk)
        assert stored.path == f"{area.parent.path}{area.pk}/" == area.path  # type: ignore[union-attr]
        assert stored.depth == area.parent.depth + 1 == area.depth  # type: ignore[union-attr]
    assert Area.objects.filter(path__startswith=grid.compounds[0].path, kind=AreaKind.UNIT).count() == 4 + 3


def test_it_starts_a_new_tree_at_the_top(db) -> None:  # type: ignore[no-untyped-def]
    (city,) = areas_bulk_create([Area(name="新市", kind=AreaKind.CITY, parent=None, code="990200")])
    stored = Area.objects.get(pk=city.pk)
    assert (stored.path, stored.depth) == (f"/{city.pk}/", 1) == (city.path, city.depth)
