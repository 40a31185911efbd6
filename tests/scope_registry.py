"""What the scope matrix (tests/test_scope_matrix.py) needs to know about each app.

The matrix plants "canary" records, named with a marker, in a compound outside each demo role's
scope, then walks every URL pattern (pages, API and admin lists) as every role and fails if a
marker shows up or an out-of-scope object can be read or written.

When an app adds models, pages or endpoints it adds here, in the same change:
- a canary planter: `def plant(area, marker) -> None` creating its records in `area` (a compound
  with one building and one unit) whose text includes `marker`;
- for every URL keyword argument its patterns use, a resolver `(area, marker) -> value` giving
  the id (or reference) of one of its canary records, so the matrix can ask for it;
- public pages (no login, by design reachable for any place) in PUBLIC, with the reason.
"""

from collections.abc import Callable
from typing import Any

from grassroots.people.models import Gender, Staff, StaffKind
from grassroots.places.models import Area, Post, PostKind


def plant_people(area: Area, marker: str) -> None:
    Staff.objects.create(
        name=marker, gender=Gender.FEMALE, kind=StaffKind.CADRE, area=area, phone="13900000000"
    )
    Post.objects.create(name=f"{marker}指挥站", kind=PostKind.STATION, area=area)


def plant_party(area: Area, marker: str) -> None:
    from datetime import date

    from grassroots.party.models import Activity, PartyMember, PartyOrganisation, SquadCase, VanguardTeam

    post = Post.objects.get(name=f"{marker}指挥站")
    org = PartyOrganisation.objects.create(name=marker, post=post, area=area, founded_on=date(2022, 3, 1))
    person = Staff.objects.create(
        name=f"{marker}党员", gender=Gender.MALE, kind=StaffKind.CADRE, area=area, is_party_member=True
    )
    member = PartyMember.objects.create(
        organisation=org, staff=person, area=area, duty=marker, pledge=marker, joined_on=date(2022, 3, 1)
    )
    squad = VanguardTeam.objects.create(
        name=marker, area=area, organisation=org, leader=member, is_squad=True
    )
    SquadCase.objects.create(team=squad, area=area, title=marker)
    Activity.objects.create(organisation=org, area=area, kind="study", title=marker, held_on=date(2022, 3, 2))


def plant_reporting(area: Area, marker: str) -> None:
    """A report with its chain step and a finding, an order sent to the canary station, a meeting with a
    task, a decision, and a failed message delivery, all in the compound."""
    from datetime import UTC, datetime, timedelta

    from grassroots.core.models import Delivery, DeliveryStatus, User
    from grassroots.meetings import models as mm
    from grassroots.reporting import models as rm

    user = User.objects.create(username=f"reporting-canary-{area.pk}")
    post = Post.objects.get(name=f"{marker}指挥站")
    person = Staff.objects.get(name=marker)
    at = datetime(2022, 3, 1, 8, tzinfo=UTC)
    report = rm.Report.objects.create(
        area=area,
        post=post,
        filed_by=user,
        category="emergency",
        severity="major",
        discovered_at=at,
        reported_at=at + timedelta(hours=2),
        text=marker,
        deadline=at + timedelta(hours=1),
        update_every=timedelta(hours=4),
        holder=area.parent,
    )
    rm.ReportStep.objects.create(report=report, level=area.parent)
    rm.TimelinessFinding.objects.create(
        kind="late", area=area, post=post, report=report, occurred_at=at, evidence=marker, commander=person
    )
    order = rm.Order.objects.create(
        area=area,
        issued_by=user,
        title=marker,
        text=marker,
        issued_at=at,
        ack_deadline=at + timedelta(hours=1),
    )
    rm.Acknowledgement.objects.create(order=order, post=post, area=area)
    meeting = mm.Meeting.objects.create(
        post=post, area=area, kind="morning", day=at.date(), held_at=at, notes=marker, recorded_by=user
    )
    mm.ActionItem.objects.create(meeting=meeting, area=area, title=marker, owner=person, deadline=at)
    decision = mm.Decision.objects.create(post=post, area=area, matter=marker, quorum=1, opened_by=user)
    decision.members.set([person])
    Delivery.objects.create(
        channel="wecom",
        address="http://127.0.0.1:9/",
        post=post,
        area_path=area.path,
        title=marker,
        status=DeliveryStatus.FAILED,
        attempts=5,
        last_error=marker,
    )


def _reporting(app: str, model: str, **lookup: str) -> int:
    from django.apps import apps

    return int(apps.get_model(app, model).objects.get(**lookup).pk)


def plant_deployment(area: Area, marker: str) -> None:
    """An assignment, training and leave for the canary person, a rota at the canary station with a
    shift and a swap request, and a rebalancing proposal with a move, all in the compound."""
    from datetime import date

    from grassroots.deployment import models as dm

    person = Staff.objects.get(name=marker)
    other = Staff.objects.create(name=f"{marker}乙", gender=Gender.MALE, kind=StaffKind.CADRE, area=area)
    post = Post.objects.get(name=f"{marker}指挥站")
    day = date(2022, 3, 1)
    dm.Assignment.objects.create(
        staff=person, area=area, post=post, role="commander", starts_on=day, note=marker
    )
    dm.Training.objects.create(staff=person, held_on=day, topic=marker)
    dm.Leave.objects.create(staff=person, starts_on=day, ends_on=day, reason=marker)
    rota = dm.Rota.objects.create(post=post, area=area, starts_on=day, days=1, min_kinds={marker: 1})
    shift = dm.Shift.objects.create(rota=rota, staff=person, day=day, slot="day")
    dm.SwapRequest.objects.create(shift=shift, taker=other, reason=marker)
    proposal = dm.RebalanceProposal.objects.create(area=area, compounds=[{"name": marker}])
    dm.RebalanceMove.objects.create(
        proposal=proposal, staff=person, from_area=area, to_area=area, reason=marker
    )


def _deployment(model: str, **lookup: str) -> int:
    from django.apps import apps

    return int(apps.get_model("deployment", model).objects.get(**lookup).pk)


PLANTERS: list[Callable[[Area, str], None]] = [plant_people, plant_party, plant_reporting, plant_deployment]


def _party(model: str, **lookup: str) -> int:
    from django.apps import apps

    return int(apps.get_model("party", model).objects.get(**lookup).pk)


def _poster_token(area: Area) -> str:
    from grassroots.party.selectors import poster_token

    return poster_token(Area.objects.filter(parent=area).first() or area)


def _party_card(marker: str) -> str:
    from grassroots.party.models import PartyMember

    return str(PartyMember.objects.get(duty=marker).card)


PARAMS: dict[str, Callable[[Area, str], Any]] = {
    "organisation_id": lambda area, marker: _party("PartyOrganisation", name=marker),
    "squad_id": lambda area, marker: _party("VanguardTeam", name=marker),
    "squad_case_id": lambda area, marker: _party("SquadCase", title=marker),
    "poster": lambda area, marker: _poster_token(area),
    "card": lambda area, marker: _party_card(marker),
    "report_id": lambda area, marker: _reporting("reporting", "Report", text=marker),
    "finding_id": lambda area, marker: _reporting("reporting", "TimelinessFinding", evidence=marker),
    "order_id": lambda area, marker: _reporting("reporting", "Order", title=marker),
    "meeting_id": lambda area, marker: _reporting("meetings", "Meeting", notes=marker),
    "item_id": lambda area, marker: _reporting("meetings", "ActionItem", title=marker),
    "decision_id": lambda area, marker: _reporting("meetings", "Decision", matter=marker),
    "delivery_id": lambda area, marker: _reporting("core", "Delivery", title=marker),
    "proposal_id": lambda area, marker: _deployment("RebalanceProposal", moves__reason=marker),
    "rota_id": lambda area, marker: _deployment("Rota", post__name=f"{marker}指挥站"),
    "swap_id": lambda area, marker: _deployment("SwapRequest", reason=marker),
    "shift_id": lambda area, marker: _deployment("Shift", staff__name=marker),
    "area_id": lambda area, marker: area.pk,
    "staff_id": lambda area, marker: Staff.objects.get(name=marker).pk,
    "post_id": lambda area, marker: Post.objects.get(name=f"{marker}指挥站").pk,
}

# URL names (pages) or API paths that are public by design: not walked with out-of-scope ids.
PUBLIC: dict[str, str] = {
    "party-building-public": "a building's QR poster page: on-duty party members' cards, shown to any resident by design",
    "party-card-public": "a party member's public card (亮身份、亮职责、亮承诺): only what the member chose to show",
}
