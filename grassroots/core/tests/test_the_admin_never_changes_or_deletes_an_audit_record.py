"""The audit log is append-only: the admin shows a record to read, and refuses to add, change or
delete one, singly or in bulk, even for a superuser."""

from django.test import Client

from grassroots.core.models import AuditLog
from grassroots.core.services import audit_record


def test_the_admin_only_reads_audit_records(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("root", is_staff=True, is_superuser=True)
    record = audit_record(actor=admin, action="resident_unmask", obj=grid.compound, reason="核对身份")
    client = Client()
    client.force_login(admin)
    kept = list(AuditLog.objects.values())

    page = client.get(f"/admin/core/auditlog/{record.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode() and "<textarea" not in page.content.decode()
    assert "delete_selected" not in client.get("/admin/core/auditlog/").content.decode()

    assert client.get("/admin/core/auditlog/add/").status_code == 403
    assert client.post("/admin/core/auditlog/add/", {"action": "login"}).status_code == 403
    assert client.post(f"/admin/core/auditlog/{record.pk}/change/", {"reason": "改过"}).status_code == 403
    assert client.get(f"/admin/core/auditlog/{record.pk}/delete/").status_code == 403
    assert client.post(f"/admin/core/auditlog/{record.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(
        "/admin/core/auditlog/", {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"}
    )
    assert list(AuditLog.objects.values()) == kept
