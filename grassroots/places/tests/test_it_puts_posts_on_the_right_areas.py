import pytest
from django.core.exceptions import ValidationError

from grassroots.places.models import PostKind
from grassroots.places.services import post_create


def test_it_puts_a_station_on_a_compound_only(grid) -> None:  # type: ignore[no-untyped-def]
    station = post_create(name="指挥站", kind=PostKind.STATION, area=grid.compound, phone="0434-3000000")
    assert station.area == grid.compound
    with pytest.raises(ValidationError) as err:
        post_create(name="错站", kind=PostKind.STATION, area=grid.community)
    assert "area" in err.value.error_dict


def test_it_groups_streets_of_its_own_district_in_a_zone(grid) -> None:  # type: ignore[no-untyped-def]
    zone = post_create(name="第一作战区", kind=PostKind.ZONE, area=grid.district, covers=grid.streets)
    assert set(zone.covers.all()) == set(grid.streets)
    with pytest.raises(ValidationError) as err:
        post_create(name="错作战区", kind=PostKind.ZONE, area=grid.district, covers=[grid.community])
    assert "covers" in err.value.error_dict
