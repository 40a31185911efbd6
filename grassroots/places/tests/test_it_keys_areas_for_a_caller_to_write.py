import pytest
from django.core.exceptions import ValidationError

from grassroots.places.models import Area, AreaKind
from grassroots.places.services import areas_keyed


def test_it_gives_each_area_its_key_and_the_path_that_follows(grid) -> None:  # type: ignore[no-untyped-def]
    building = Area(name="88号楼", kind=AreaKind.BUILDING, parent=grid.compound, code="88")
    (keyed,) = areas_keyed([building], [987654])
    assert (keyed.pk, keyed.path, keyed.depth) == (
        987654,
        f"{grid.compound.path}987654/",
        grid.compound.depth + 1,
    )
    unit = Area(name="1单元", kind=AreaKind.UNIT, parent=keyed, code="01")
    (under,) = areas_keyed([unit], [987655])
    assert under.path == f"{keyed.path}987655/" and under.depth == keyed.depth + 1
    assert not Area.objects.filter(pk__in=[987654, 987655]).exists()  # the caller writes them


def test_it_refuses_an_area_under_the_wrong_kind_of_parent(grid) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as raised:
        areas_keyed([Area(name="1单元", kind=AreaKind.UNIT, parent=grid.compound, code="01")], [5])
    assert "parent" in raised.value.message_dict
