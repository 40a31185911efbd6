from django.test import Client

from grassroots.core.models import AuditLog
from grassroots.residents.models import CareTag


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_it_lets_district_hq_add_and_change_care_tags(make_user, grid):  # type: ignore[no-untyped-def]
    hq = make_user("hq", "district_hq", grid.district)
    client = logged_in(hq)
    assert "/ledger/care-tags/" in client.get("/ledger/").content.decode()
    assert "独居老人" in client.get("/ledger/care-tags/").content.decode()
    assert (
        client.post("/ledger/care-tags/", {"name": "失能老人", "contact_every_days": "7"}).status_code == 302
    )
    tag = CareTag.objects.get(name="独居老人")
    changed = client.post(
        "/ledger/care-tags/", {"tag": tag.pk, "name": "独居老人", "contact_every_days": "3"}
    )
    assert changed.status_code == 302
    assert CareTag.objects.get(pk=tag.pk).contact_every_days == 3
    assert CareTag.objects.get(name="失能老人").contact_every_days == 7
    assert set(
        AuditLog.objects.filter(actor=hq, action__startswith="care_tag").values_list("action", flat=True)
    ) == {
        "care_tag_create",
        "care_tag_update",
    }


def test_it_names_a_duplicate_tag_and_keeps_others_out(make_user, grid):  # type: ignore[no-untyped-def]
    client = logged_in(make_user("hq", "district_hq", grid.district))
    twice = client.post("/ledger/care-tags/", {"name": "高龄老人", "contact_every_days": "7"})
    assert twice.status_code == 400 and "该重点人群类别已存在" in twice.content.decode()
    zero = client.post("/ledger/care-tags/", {"name": "新类别", "contact_every_days": "0"})
    assert zero.status_code == 400 and 'id="id_contact_every_days_error"' in zero.content.decode()
    community = logged_in(make_user("c", "community", grid.community))
    assert community.get("/ledger/care-tags/").status_code == 403
    assert "/ledger/care-tags/" not in community.get("/ledger/").content.decode()
