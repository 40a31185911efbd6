"""Someone who left the ledger (moved away) and is registered again by hand, in their new community or
back home: their own record returns, moved into the household being filled in, rather than the number
being refused for good."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from grassroots.core.models import AuditLog
from grassroots.residents.departures import resident_leave
from grassroots.residents.models import CarePair, Household, LedgerChange, Resident
from grassroots.residents.services import household_create, resident_create

from .conftest import HEAD_ID
from .test_it_adds_residents_by_hand import form, logged_in


@pytest.fixture
def elsewhere(grid: Any) -> Household:
    """A household in another community than the head's."""
    other = grid.units[8]
    assert not other.path.startswith(grid.community.path)
    return household_create(by=None, area=other, room="502")


@pytest.fixture
def newcomers_station(make_user: Any, grid: Any) -> Any:
    return make_user("station-b", "station", grid.units[8].parent.parent.parent)


def test_the_number_is_refused_until_the_form_says_it_is_them(
    head: Resident, elsewhere: Household, newcomers_station: Any
) -> None:
    resident_leave(by=None, resident=head, reason="moved_away", note="搬到女儿家")
    with pytest.raises(ValidationError) as refused:
        resident_create(by=newcomers_station, household=elsewhere, name="王建国", id_number=HEAD_ID)
    (error,) = refused.value.error_dict["id_number"]
    assert error.code == "left_ledger"
    assert "王建国" in refused.value.message_dict["id_number"][0]
    assert "恢复到本户" in refused.value.message_dict["id_number"][0]
    assert Resident.everyone.get(pk=head.pk).household_id == head.household_id


def test_it_brings_their_own_record_into_the_new_household(
    head: Resident, elsewhere: Household, newcomers_station: Any
) -> None:
    old_home = head.household
    resident_leave(by=None, resident=head, reason="moved_away")
    back = resident_create(
        by=newcomers_station,
        household=elsewhere,
        name="王建国",
        id_number=HEAD_ID,
        phone="13900005555",
        relation="head",
        bring_back=True,
    )
    assert back.pk == head.pk
    back.refresh_from_db()
    assert back.household_id == elsewhere.pk and back.left_at is None and back.left_reason == ""
    assert back.phone == "13900005555"
    assert [t.name for t in back.care_tags.all()] == ["独居老人"]  # the form's empty tags keep theirs
    elsewhere.refresh_from_db()
    old_home.refresh_from_db()
    assert elsewhere.head_id == head.pk and old_home.head_id is None
    assert Resident.everyone.filter(id_digest=head.id_digest).count() == 1
    fields = set(
        LedgerChange.objects.filter(resident=head, household=elsewhere).values_list("field", flat=True)
    )
    assert {"household", "returned"} <= fields
    assert AuditLog.objects.filter(action="resident_return", actor=newcomers_station).exists()


def test_someone_current_is_refused_even_when_ticked(
    head: Resident, elsewhere: Household, newcomers_station: Any
) -> None:
    with pytest.raises(ValidationError, match="已在台账中"):
        resident_create(
            by=newcomers_station, household=elsewhere, name="王建国", id_number=HEAD_ID, bring_back=True
        )
    head.refresh_from_db()
    assert head.household_id != elsewhere.pk
    assert not CarePair.objects.filter(resident=head, ended_at__isnull=False).exists()


def test_the_page_offers_the_box_then_brings_them_back(
    head: Resident, elsewhere: Household, newcomers_station: Any
) -> None:
    resident_leave(by=None, resident=head, reason="moved_away")
    newcomers_station.last_name, newcomers_station.first_name = "钱", "站长"
    newcomers_station.save()
    client = logged_in(newcomers_station)
    url = f"/ledger/households/{elsewhere.pk}/residents/new/"
    blank = client.get(url).content.decode()
    assert 'name="bring_back"' not in blank
    building = elsewhere.area.parent
    assert (
        building is not None and f">{building.name}</a><a" in blank
    )  # the breadcrumbs name the building too
    refused = client.post(url, form(id_number=HEAD_ID))
    assert refused.status_code == 400
    page = refused.content.decode()
    assert 'name="bring_back"' in page and "王建国" in page
    assert page.index('name="id_number"') < page.index('name="bring_back"') < page.index('name="phone"')
    again = client.post(url, form(id_number=HEAD_ID))  # not ticked: refused again, the box still there
    assert again.status_code == 400 and 'name="bring_back"' in again.content.decode()
    done = client.post(url, form(id_number=HEAD_ID, bring_back="on"), follow=True)
    assert done.redirect_chain[-1][0] == f"/ledger/households/{elsewhere.pk}/"
    assert "王建国已登记在本户" in done.content.decode()
    # The history says where they came from (both compounds named) and that they are 在册 again.
    history = done.context["history"]
    assert {(c.field, c.old, c.new) for c in history if c.field == "returned"} == {
        ("returned", "moved_away", "")
    }
    assert '迁出</td><td data-label="新值">在册' in done.content.decode()
    # Who did it, by their name rather than their login, in the history and the menu.
    assert '<td data-label="操作人">钱站长</td>' in done.content.decode()
    assert "station-b" not in done.content.decode()
    head.refresh_from_db()
    assert head.household_id == elsewhere.pk and head.left_at is None
