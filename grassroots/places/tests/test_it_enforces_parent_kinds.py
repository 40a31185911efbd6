import pytest
from django.core.exceptions import ValidationError

from grassroots.places.models import AreaKind
from grassroots.places.services import area_create


def test_it_rejects_a_compound_directly_under_a_street(grid) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        area_create(name="错位小区", kind=AreaKind.COMPOUND, parent=grid.street, code="999")
    assert "parent" in err.value.error_dict


def test_it_allows_the_rural_branch(grid) -> None:  # type: ignore[no-untyped-def]
    county = area_create(name="县级市", kind=AreaKind.COUNTY, parent=grid.city, code="990182")
    township = area_create(name="镇", kind=AreaKind.TOWNSHIP, parent=county, code="990182001000")
    village = area_create(name="村", kind=AreaKind.VILLAGE, parent=township, code="990182001201")
    assert village.path == f"{township.path}{village.pk}/"
    with pytest.raises(ValidationError):
        area_create(name="错村", kind=AreaKind.VILLAGE, parent=grid.street, code="990101001201")


def test_it_keeps_compound_fields_to_compounds(grid) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        area_create(name="楼", kind=AreaKind.BUILDING, parent=grid.compound, code="09", difficulty=3)
    assert "difficulty" in err.value.error_dict
    with pytest.raises(ValidationError):
        area_create(name="难小区", kind=AreaKind.COMPOUND, parent=grid.community, code="998", difficulty=6)


def test_it_refuses_a_duplicate_code_under_one_parent(grid) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        area_create(name="重复", kind=AreaKind.BUILDING, parent=grid.compound, code="01")
    assert "code" in err.value.error_dict
