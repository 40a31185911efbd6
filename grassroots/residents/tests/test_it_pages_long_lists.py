"""Lists longer than a page are paged, never cut: every row can be reached and counts are whole."""

from django.contrib.auth.models import Permission
from django.test import Client

from grassroots.core.models import AuditLog
from grassroots.residents.models import Household, Resident
from grassroots.residents.services import resident_create, resident_update


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def history(page) -> str:  # type: ignore[no-untyped-def]
    """The history table of a page, newest first, with its pager."""
    return str(page.content.decode().split('id="history"')[1])


def test_it_pages_the_care_gaps_and_counts_them_all(make_user, grid, household: Household):  # type: ignore[no-untyped-def]
    for i in range(61):
        resident_create(by=None, household=household, name=f"待帮{i:02d}", care_tags=["独居老人"])
    client = logged_in(make_user("co", "community", grid.community))
    first = client.get("/ledger/care/").content.decode()
    assert "(61)" in first
    assert "待帮00" in first and "待帮49" in first and "待帮50" not in first
    second = client.get("/ledger/care/?gaps_page=2").content.decode()
    assert "待帮50" in second and "待帮60" in second and "待帮49" not in second
    assert "gaps_page=1#gaps" in second


def test_it_pages_a_residents_history(make_user, grid, head: Resident):  # type: ignore[no-untyped-def]
    for i in range(55):
        head = resident_update(by=None, resident=head, changes={"notes": f"第{i}次"})
    client = logged_in(make_user("co", "community", grid.community))
    first = history(client.get(f"/ledger/residents/{head.pk}/"))
    assert "第54次" in first and "第3次" not in first and "history_page=2#history" in first
    oldest = history(client.get(f"/ledger/residents/{head.pk}/?history_page=2"))
    assert "第3次" in oldest and "第54次" not in oldest


def test_it_refuses_an_unmasking_reason_too_long_to_audit_whole(api, make_user, grid, head):  # type: ignore[no-untyped-def]
    clerk = make_user("clerk", "community", grid.community)
    clerk.user_permissions.add(Permission.objects.get(codename="unmask_resident"))
    got = api(clerk).post(
        f"/api/v1/residents/{head.pk}/unmask", {"reason": "核" * 301}, content_type="application/json"
    )
    assert got.status_code == 400
    assert got.json()["errors"][0]["field"] == "reason" and "300" in got.json()["errors"][0]["message"]
    assert not AuditLog.objects.filter(action="resident_unmask").exists()
