"""The home page names the user as the menu and every page does: their staff record's name first."""

from django.test import Client

from grassroots.people.models import Gender, Staff, StaffKind


def test_the_welcome_uses_the_staff_name_not_the_account_name(offices, grid):  # type: ignore[no-untyped-def]
    user = offices.station_user
    user.last_name, user.first_name = "何", "博"
    user.save()
    Staff.objects.create(name="郑亮", gender=Gender.MALE, kind=StaffKind.CADRE, area=grid.compound, user=user)
    client = Client()
    client.force_login(user)
    home = client.get("/").content.decode()
    assert "欢迎，郑亮" in home and "何博" not in home
