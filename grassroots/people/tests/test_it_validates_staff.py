import pytest
from django.core.exceptions import ValidationError

from grassroots.core.models import AuditLog
from grassroots.people.models import StaffKind
from grassroots.people.services import staff_create


def test_it_normalises_phones_and_audits(grid) -> None:  # type: ignore[no-untyped-def]
    staff = staff_create(
        by=None,
        name=" 王芳 ",
        gender="female",
        kind=StaffKind.MEDIC,
        area=grid.compound,
        phone="１３９ 0000 1111",
    )
    assert staff.name == "王芳" and staff.phone == "13900001111"
    assert AuditLog.objects.filter(action="create", object_id=str(staff.pk)).exists()


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        ({"name": " "}, "name"),
        ({"phone": "12345"}, "phone"),
        ({"kind": "astronaut"}, "kind"),
        ({"party_post": "支部书记", "is_party_member": False}, "party_post"),
    ],
)
def test_it_names_the_bad_field(grid, fields, bad) -> None:  # type: ignore[no-untyped-def]
    base = {"name": "李强", "gender": "male", "kind": StaffKind.CADRE, "area": grid.compound}
    with pytest.raises(ValidationError) as err:
        staff_create(by=None, **{**base, **fields})
    assert bad in err.value.error_dict
