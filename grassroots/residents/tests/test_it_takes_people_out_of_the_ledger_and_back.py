"""Someone who moved away, died or was registered twice leaves the ledger: kept with their history,
care record and plans, but no longer listed, counted, exported or cared for; and can be brought back."""

import datetime
import io
import uuid
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from openpyxl import load_workbook

from grassroots.core.models import AuditLog
from grassroots.people.models import Gender, Staff, StaffKind
from grassroots.residents.care import care_pair_assign
from grassroots.residents.departures import resident_leave, resident_return
from grassroots.residents.idnumbers import compose
from grassroots.residents.ledger_export import export_ledger
from grassroots.residents.models import CarePair, Household, LedgerChange, Resident, Visit
from grassroots.residents.selectors import household_list, resident_list
from grassroots.residents.services import resident_create, resident_update
from grassroots.services.models import GreenChannelPlan
from grassroots.services.plan_services import green_channel_plan_create
from grassroots.services.selectors import plan_list

from .conftest import HEAD_ID

SPOUSE_ID = compose("220303", datetime.date(1960, 5, 6), 124)  # even sequence: female


@pytest.fixture
def station(make_user: Any, grid: Any) -> Any:
    return make_user("station", "station", grid.community)


def test_it_keeps_the_person_out_of_every_list(head: Resident, station: Any, grid: Any) -> None:
    resident_leave(by=station, resident=head, reason="moved_away", note="随子女去大连")
    assert not resident_list(user=station).filter(pk=head.pk).exists()
    assert not household_list(user=station, q="王建国").exists()
    assert not Resident.objects.filter(pk=head.pk).exists()
    kept = Resident.everyone.get(pk=head.pk)
    assert kept.left_reason == "moved_away" and kept.left_at is not None
    out = io.BytesIO()
    export_ledger(by=station, area=grid.compound, kind="residents", out=out)
    names = [row[6] for row in load_workbook(out).active.iter_rows(values_only=True)]  # type: ignore[union-attr]
    assert "王建国" not in names
    entry = LedgerChange.objects.get(resident=head, field="left")
    assert (entry.new, entry.via, entry.actor_name) == ("moved_away:随子女去大连", "edit", "station")
    assert AuditLog.objects.filter(action="resident_leave", reason="随子女去大连").exists()


def test_a_head_who_leaves_hands_over_to_another_head(household: Household, head: Resident) -> None:
    resident_leave(by=None, resident=head, reason="deceased")
    household.refresh_from_db()
    assert household.head is None
    entry = LedgerChange.objects.get(household=household, field="head", old="王建国")
    assert entry.new == ""
    # Brought back, they head the household again, which has no other head.
    resident_return(by=None, resident=head, note="登记错误")
    household.refresh_from_db()
    assert household.head_id == head.pk
    back = LedgerChange.objects.get(resident=head, field="returned")
    assert (back.old, back.new) == ("deceased", "登记错误")


def test_their_care_ends_and_their_plans_are_no_longer_listed(
    head: Resident, station: Any, grid: Any
) -> None:
    helper = Staff.objects.create(
        name="李帮扶", gender=Gender.FEMALE, kind=StaffKind.CADRE, area=grid.compound
    )
    pair = care_pair_assign(by=None, resident=head, helper=helper)
    plan = green_channel_plan_create(
        by=station, resident=head, emergency="dialysis", hospital="市中心医院",
        weekdays=[1, 4], depart_time=datetime.time(7, 0),
    )  # fmt: skip
    assert list(plan_list(user=station)) == [plan]
    resident_leave(by=station, resident=head, reason="deceased")
    pair.refresh_from_db()
    assert pair.ended_at is not None
    assert not CarePair.objects.filter(resident=head, ended_at__isnull=True).exists()
    assert not plan_list(user=station).exists()
    assert GreenChannelPlan.objects.filter(pk=plan.pk).exists()  # kept with its trips


def test_it_refuses_what_does_not_hold(head: Resident, make_user: Any, grid: Any) -> None:
    with pytest.raises(ValidationError) as no_reason:
        resident_leave(by=None, resident=head, reason="gone")
    assert "reason" in no_reason.value.message_dict
    with pytest.raises(ValidationError) as no_note:
        resident_leave(by=None, resident=head, reason="other")
    assert "note" in no_note.value.message_dict
    volunteer = make_user("vol", "volunteer", grid.community)
    with pytest.raises(PermissionDenied):
        resident_leave(by=volunteer, resident=head, reason="moved_away")
    far = make_user("far", "station", grid.communities[3])
    with pytest.raises(PermissionDenied):
        resident_leave(by=far, resident=head, reason="moved_away")
    resident_leave(by=None, resident=head, reason="duplicate")
    with pytest.raises(ValidationError, match="此前已移出台账"):
        resident_leave(by=None, resident=head, reason="duplicate")
    with pytest.raises(ValidationError, match="请先恢复"):
        resident_update(by=None, resident=head, changes={"phone": "13900002222"})


def test_their_id_number_stays_theirs(household: Household, head: Resident) -> None:
    resident_leave(by=None, resident=head, reason="moved_away")
    with pytest.raises(ValidationError) as taken:
        resident_create(by=None, household=household, name="王建国", id_number=HEAD_ID)
    assert "王建国" in taken.value.message_dict["id_number"][0]
    assert "恢复到本户" in taken.value.message_dict["id_number"][0]
    other = resident_create(
        by=None, household=household, name="李秀英", id_number=SPOUSE_ID, relation="spouse"
    )
    assert other.pk


def test_pages_take_someone_out_and_bring_them_back(head: Resident, station: Any) -> None:
    client = Client()
    client.force_login(station)
    assert 'id="leave-form"' in client.get(f"/ledger/residents/{head.pk}/").content.decode()
    refused = client.post(f"/ledger/residents/{head.pk}/leave/", {"leave-reason": "other", "leave-note": ""})
    assert refused.status_code == 400
    assert Resident.objects.filter(pk=head.pk).exists()
    done = client.post(
        f"/ledger/residents/{head.pk}/leave/",
        {"leave-reason": "moved_away", "leave-note": "", "leave-version": head.version},
    )
    assert done.status_code == 302 and done["Location"] == f"/ledger/households/{head.household_id}/"
    household = client.get(done["Location"]).content.decode()
    assert f'href="/ledger/residents/{head.pk}/"' in household  # under "left the ledger", to bring them back
    assert 'id="emptied"' in household  # nobody registered here any more: vacant, perhaps?
    gone = client.get(f"/ledger/residents/{head.pk}/").content.decode()
    assert 'id="left"' in gone and 'id="leave-form"' not in gone and 'id="resident-form"' not in gone
    assert client.post(f"/ledger/residents/{head.pk}/", {"name": "改名"}).status_code == 403
    back = client.post(f"/ledger/residents/{head.pk}/return/", {"return-note": "搬回来了"})
    assert back.status_code == 302
    assert Resident.objects.filter(pk=head.pk).exists()
    assert 'id="emptied"' not in client.get(f"/ledger/households/{head.household_id}/").content.decode()


def test_the_api_takes_someone_out_and_back(head: Resident, station: Any, api: Any) -> None:
    client = api(station)
    bad = client.post(
        f"/api/v1/residents/{head.pk}/leave", {"reason": "left"}, content_type="application/json"
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "reason"
    left = client.post(
        f"/api/v1/residents/{head.pk}/leave", {"reason": "deceased"}, content_type="application/json"
    )
    assert left.status_code == 200 and left.json()["left_reason"] == "deceased" and left.json()["left_at"]
    assert client.get("/api/v1/residents").json()["count"] == 0
    assert client.get(f"/api/v1/residents/{head.pk}").json()["left_reason"] == "deceased"
    back = client.post(f"/api/v1/residents/{head.pk}/return", {}, content_type="application/json")
    assert back.status_code == 200 and back.json()["left_at"] is None
    assert client.get("/api/v1/residents").json()["count"] == 1


def test_a_visit_finds_someone_moved_away(head: Resident, make_user: Any, grid: Any, api: Any) -> None:
    """Door-knocking is where the ledger learns who no longer lives there: whoever knocked says so."""
    volunteer = make_user("vol", "volunteer", grid.compound)
    payload = {
        "id": str(uuid.uuid4()), "household": head.household_id, "channel": "visit", "outcome": "corrected",
        "changes": {f"resident.{head.pk}.phone": "13811112222", f"resident.{head.pk}.left": "moved_away"},
        "note": "邻居说已搬去女儿家",
    }  # fmt: skip
    client = api(volunteer)
    assert client.post("/api/v1/visits", payload, content_type="application/json").status_code == 201
    assert client.post("/api/v1/visits", payload, content_type="application/json").status_code == 200
    kept = Resident.everyone.get(pk=head.pk)
    assert (kept.left_reason, kept.phone) == ("moved_away", "13811112222")
    entry = LedgerChange.objects.get(resident=head, field="left")
    assert (entry.new, entry.via, str(entry.visit_id)) == (
        "moved_away:邻居说已搬去女儿家",
        "visit",
        payload["id"],
    )
    spouse = resident_create(
        by=None, household=head.household, name="李秀英", id_number=SPOUSE_ID, relation="spouse"
    )
    unclear = str(uuid.uuid4())
    body = {**payload, "id": unclear, "changes": {f"resident.{spouse.pk}.left": "other"}, "note": ""}
    refused = client.post("/api/v1/visits", body, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "note"
    assert Resident.objects.filter(pk=spouse.pk).exists() and not Visit.objects.filter(pk=unclear).exists()


def test_a_late_visit_about_someone_already_taken_out(
    head: Resident, make_user: Any, grid: Any, api: Any
) -> None:
    """A visit kept on a phone offline arrives after staff took the person out: that they left is on
    record already, the rest of the visit counts; a correction to their record is refused, naming them."""
    resident_leave(by=None, resident=head, reason="moved_away")
    client = api(make_user("vol", "volunteer", grid.compound))
    late = {
        "id": str(uuid.uuid4()), "household": head.household_id, "channel": "visit", "outcome": "corrected",
        "changes": {f"resident.{head.pk}.left": "deceased", "no_smartphone": True}, "note": "邻居说搬走了",
    }  # fmt: skip
    assert client.post("/api/v1/visits", late, content_type="application/json").status_code == 201
    assert Resident.everyone.get(pk=head.pk).left_reason == "moved_away"
    assert Household.objects.get(pk=head.household_id).no_smartphone
    phone = {**late, "id": str(uuid.uuid4()), "changes": {f"resident.{head.pk}.phone": "13811112222"}}
    refused = client.post("/api/v1/visits", phone, content_type="application/json")
    assert refused.status_code == 400
    error = refused.json()["errors"][0]
    assert error["field"] == f"resident.{head.pk}" and "王建国" in error["message"]


def test_a_visits_refusal_names_the_person_and_their_field(
    head: Resident, make_user: Any, grid: Any, api: Any
) -> None:
    client = api(make_user("vol", "volunteer", grid.compound))
    body = {
        "id": str(uuid.uuid4()), "household": head.household_id, "channel": "visit", "outcome": "corrected",
        "changes": {f"resident.{head.pk}.left": "gone"}, "note": "",
    }  # fmt: skip
    refused = client.post("/api/v1/visits", body, content_type="application/json")
    assert refused.status_code == 400
    error = refused.json()["errors"][0]
    assert error["field"] == f"resident.{head.pk}.left" and error["message"].startswith("王建国")
    page = Client()
    page.force_login(make_user("station", "station", grid.compound))
    said = page.post("/ledger/visits/", body, content_type="application/json")
    assert said.status_code == 400 and "王建国" in said.json()["detail"]


def test_nobody_is_paired_with_a_helper_after_leaving(head: Resident, grid: Any) -> None:
    helper = Staff.objects.create(
        name="李帮扶", gender=Gender.FEMALE, kind=StaffKind.CADRE, area=grid.compound
    )
    resident_leave(by=None, resident=head, reason="deceased")
    with pytest.raises(ValidationError) as refused:
        care_pair_assign(by=None, resident=head, helper=helper)
    assert "resident" in refused.value.message_dict
    assert not CarePair.objects.filter(resident=head).exists()


def test_a_leave_someone_else_made_first_is_said_on_the_page(head: Resident, station: Any) -> None:
    client = Client()
    client.force_login(station)
    resident_leave(by=None, resident=head, reason="deceased")  # another office, a moment earlier
    late = client.post(
        f"/ledger/residents/{head.pk}/leave/",
        {"leave-reason": "moved_away", "leave-note": "", "leave-version": head.version},
        follow=True,
    )
    assert "此前已移出台账" in late.content.decode()
