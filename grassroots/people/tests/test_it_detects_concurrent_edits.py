import pytest
from django.core.exceptions import ValidationError

from grassroots.people.models import StaffKind
from grassroots.people.services import staff_create, staff_update


def test_it_refuses_an_edit_based_on_a_stale_version(grid) -> None:  # type: ignore[no-untyped-def]
    staff = staff_create(by=None, name="赵磊", gender="male", kind=StaffKind.CADRE, area=grid.compound)
    staff_update(by=None, staff=staff, version=1, phone="13800001111")
    assert staff.version == 2
    with pytest.raises(ValidationError) as err:
        staff_update(by=None, staff=staff, version=1, phone="13800002222")
    assert "version" in err.value.error_dict
    staff.refresh_from_db()
    assert staff.phone == "13800001111"
