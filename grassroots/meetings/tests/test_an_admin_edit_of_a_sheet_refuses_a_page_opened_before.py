"""A member's view added, changed or deleted in the admin raises the decision sheet's version with it,
so a recorder whose page was opened before is told the sheet was saved meanwhile and does not save
over it. A sealed decision's views cannot be changed in the admin, nor the decision deleted."""

from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from grassroots.core.models import Role
from grassroots.meetings.models import Decision, Opinion
from grassroots.meetings.services import decision_open, decision_opinions, decision_seal

from .test_it_refuses_a_sheet_saved_since_it_was_opened import STALE
from .test_it_seals_what_the_sheet_shows import sheet


@pytest.fixture
def admin(team, grid, make_user) -> Client:  # type: ignore[no-untyped-def]
    user = make_user("meetings-admin", Role.COMMUNITY, grid.community, is_staff=True)
    group = Group.objects.create(name="meetings")
    group.permissions.set(Permission.objects.filter(content_type__app_label="meetings"))
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


def change_form(decision: Decision, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The admin's change form of `decision` as sent: its fields as stored and one inline row per dict
    (member, present, vote, view; id for a stored row, DELETE to delete it)."""
    decision.refresh_from_db()
    stored = sum(1 for r in rows if "id" in r)
    data: dict[str, Any] = {
        "post": decision.post_id,
        "area": decision.area_id,
        "matter": decision.matter,
        "members": ",".join(str(pk) for pk in decision.members.values_list("pk", flat=True)),
        "quorum": decision.quorum,
        "decision": decision.decision,
        "amends": "",
        "opened_by": decision.opened_by_id,
        "opinions-TOTAL_FORMS": len(rows),
        "opinions-INITIAL_FORMS": stored,
        "opinions-MIN_NUM_FORMS": 0,
        "opinions-MAX_NUM_FORMS": 1000,
    }
    for i, row in enumerate(rows):
        for name, value in {"decision": decision.pk, **row}.items():
            if name == "present" and not value:
                continue
            data[f"opinions-{i}-{name}"] = "on" if value is True else value
    return data


def url(decision: Decision) -> str:
    return reverse("admin:meetings_decision_change", args=[decision.pk])


def version(decision: Decision) -> int:
    return Decision.objects.get(pk=decision.pk).version


def test_a_page_opened_before_an_admin_edit_is_refused(client, team, admin):  # type: ignore[no-untyped-def]
    decision = decision_open(
        by=team.user, post=team.post, matter="值班安排", member_ids=[s.pk for s in team.staff]
    )
    a, b = team.staff[:2]
    decision_opinions(
        by=team.user, decision=decision, opinions=[{"member": a, "present": True, "vote": "for"}]
    )
    client.force_login(team.user)
    opened = sheet(decision, {b.pk: "for"}, do="save")  # the recorder's page, showing version 2
    mine = Opinion.objects.get(decision=decision, member=a)

    edited = admin.post(
        url(decision),
        change_form(
            decision, [{"id": mine.pk, "member": a.pk, "present": True, "vote": "against", "view": "改"}]
        ),
    )

    assert edited.status_code == 302, edited.context["errors"] if edited.context else edited
    assert version(decision) == 3
    response = client.post(reverse("decision-detail", args=[decision.pk]), opened)
    assert response.context["seal"].errors["version"] == [STALE]
    assert dict(Opinion.objects.filter(decision=decision).values_list("member", "vote")) == {a.pk: "against"}


def test_adding_and_deleting_a_view_in_the_admin_raise_the_version(team, admin):  # type: ignore[no-untyped-def]
    decision = decision_open(
        by=team.user, post=team.post, matter="值班安排", member_ids=[s.pk for s in team.staff]
    )
    a = team.staff[0]

    admin.post(url(decision), change_form(decision, [{"member": a.pk, "present": True, "vote": "for"}]))
    assert version(decision) == 2 and Opinion.objects.filter(decision=decision).count() == 1

    mine = Opinion.objects.get(decision=decision)
    admin.post(
        url(decision),
        change_form(
            decision, [{"id": mine.pk, "member": a.pk, "present": True, "vote": "for", "DELETE": "on"}]
        ),
    )
    assert version(decision) == 3 and not Opinion.objects.filter(decision=decision).exists()

    admin.post(url(decision), change_form(decision, []))
    assert version(decision) == 3, "a save changing no view leaves the version alone"


def test_a_sealed_decisions_views_stay_as_sealed(team, admin):  # type: ignore[no-untyped-def]
    decision = decision_open(
        by=team.user, post=team.post, matter="值班安排", member_ids=[s.pk for s in team.staff]
    )
    decision_seal(
        by=team.user,
        decision=decision,
        text="两班倒",
        opinions=[{"member": m, "present": True, "vote": "for"} for m in team.staff[:3]],
    )
    sealed = version(decision)
    first = Opinion.objects.get(decision=decision, member=team.staff[0])

    admin.post(
        url(decision),
        change_form(
            decision, [{"id": first.pk, "member": first.member_id, "present": True, "vote": "against"}]
        ),
    )
    deleting = admin.post(reverse("admin:meetings_decision_delete", args=[decision.pk]), {"post": "yes"})

    assert Opinion.objects.get(pk=first.pk).vote == "for" and version(decision) == sealed
    assert deleting.status_code == 403 and Decision.objects.filter(pk=decision.pk).exists()
