from grassroots.places.models import Area, AreaKind
from grassroots.places.selectors import ancestors, descendant_counts, with_descendant_counts


def test_it_counts_descendants_by_kind(grid) -> None:  # type: ignore[no-untyped-def]
    assert descendant_counts(grid.district) == {
        "street": 2,
        "community": 4,
        "compound": 8,
        "building": 16,
        "unit": 32,
    }
    assert descendant_counts(grid.compound) == {"building": 2, "unit": 4}
    assert descendant_counts(grid.unit) == {}


def test_it_annotates_children_in_one_query(grid, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(1):
        streets = list(with_descendant_counts(grid.district.children.all(), ["compound", "unit"]))
    assert [(s.n_compound, s.n_unit) for s in streets] == [(4, 16), (4, 16)]  # type: ignore[attr-defined]


def test_it_does_not_confuse_siblings_sharing_an_id_prefix(grid) -> None:  # type: ignore[no-untyped-def]
    # Paths end in "/", so area 1 is never taken for a prefix of area 12.
    subtree = Area.objects.filter(path__startswith=grid.streets[0].path)
    assert not subtree.filter(pk__in=[a.pk for a in grid.compounds[4:]]).exists()
    assert subtree.filter(kind=AreaKind.COMPOUND).count() == 4


def test_it_lists_ancestors_top_first(grid) -> None:  # type: ignore[no-untyped-def]
    names = [a.name for a in ancestors(grid.unit)]
    assert names == ["示范市", "示范区", "街道1", "社区1-1", "小区1-1-1", "1号楼"]
