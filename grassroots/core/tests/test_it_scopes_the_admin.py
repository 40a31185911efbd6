from django.contrib.auth.models import Group, Permission
from django.test import Client

from grassroots.core.models import Role
from grassroots.people.models import Gender, Staff, StaffKind


def test_it_lists_only_rows_in_scope_for_a_staff_user(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    Staff.objects.create(name="界内人员", gender=Gender.MALE, kind=StaffKind.CADRE, area=grid.compounds[0])
    Staff.objects.create(name="界外人员", gender=Gender.MALE, kind=StaffKind.CADRE, area=grid.compounds[7])
    user = make_user("hq", Role.STREET, grid.streets[0], is_staff=True)
    group = Group.objects.create(name="hq")
    group.permissions.set(Permission.objects.filter(content_type__app_label="people"))
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    page = client.get("/admin/people/staff/").content.decode()
    assert "界内人员" in page and "界外人员" not in page
    outside = Staff.objects.get(name="界外人员")
    assert client.get(f"/admin/people/staff/{outside.pk}/change/").status_code == 302
