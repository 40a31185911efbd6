from typing import Any

from django.contrib.auth.models import Group, Permission
from django.test import Client

from grassroots.core.models import Role
from grassroots.residents.departures import resident_leave
from grassroots.residents.models import Resident


def test_the_admin_reads_people_who_left_and_deletes_nobody(
    head: Resident, grid: Any, make_user: Any
) -> None:
    resident_leave(by=None, resident=head, reason="deceased")
    user = make_user("community", Role.COMMUNITY, grid.community, is_staff=True)
    group = Group.objects.create(name="ledger-admin")
    group.permissions.set(Permission.objects.filter(content_type__app_label="residents"))
    user.groups.add(group)
    client = Client()
    client.force_login(user)

    listed = client.get("/admin/residents/resident/?left_reason__exact=deceased").content.decode()
    assert "王建国" in listed
    assert client.get(f"/admin/residents/resident/{head.pk}/change/").status_code == 200
    # Taken out of the ledger, never deleted: the delete page is refused, the row stays.
    assert client.get(f"/admin/residents/resident/{head.pk}/delete/").status_code == 403
    assert Resident.everyone.filter(pk=head.pk).exists()
