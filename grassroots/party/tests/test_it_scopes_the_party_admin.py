import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from grassroots.core.models import AuditLog, Role


@pytest.mark.django_db
def test_the_admin_lists_only_organisations_and_members_in_scope(grid, make_user, party):  # type: ignore[no-untyped-def]
    # 甲 stands in the first community, 乙 in the second: a community office sees only its own.
    user = make_user("community", Role.COMMUNITY, grid.community, is_staff=True)
    group = Group.objects.create(name="party-admin")
    group.permissions.set(Permission.objects.filter(content_type__app_label="party"))
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    orgs = client.get("/admin/party/partyorganisation/").content.decode()
    assert "甲临时党支部" in orgs and "乙临时党支部" not in orgs
    members = client.get("/admin/party/partymember/").content.decode()
    assert "王先锋" in members and "赵责任" not in members
    assert client.get(f"/admin/party/partyorganisation/{party.org_b.pk}/change/").status_code == 302

    change = f"/admin/party/partymember/{party.wang.pk}/change/"
    form = client.get(change)
    assert form.status_code == 200
    data = {
        "organisation": party.org_a.pk,
        "staff": party.wang.staff_id,
        "resident": "",
        "area": party.wang.area_id,
        "duty": "卡口值守",
        "pledge": "冲锋在前",
        "shows_card": "on",
        "joined_on": party.founded.isoformat(),
        "left_on": "",
    }
    assert client.post(change, data).status_code == 302
    party.wang.refresh_from_db()
    assert party.wang.pledge == "冲锋在前"
    assert AuditLog.objects.filter(action="admin_update", object_id=str(party.wang.pk)).exists()
