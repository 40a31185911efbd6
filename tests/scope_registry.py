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


def plant_instructors(area: Area, marker: str) -> None:
    """A whole programme on the compound: call, instructor serving it, needs, matching, training, log,
    meeting, unit review, survey answer, cadre review and assessment, each carrying the marker. The
    call is finished: open calls are announced to every logged-in user by design (self-nomination)."""
    from datetime import date

    from grassroots.core.models import User
    from grassroots.instructors import models as m
    from grassroots.people.models import Department, DepartmentLevel

    user = User.objects.create(username=f"canary-{area.pk}")
    unit = Department.objects.create(name=f"{marker}单位", level=DepartmentLevel.DISTRICT, area=area)
    call = m.Call.objects.create(
        name=f"{marker}选派",
        area=area,
        opens_on=date(2022, 1, 1),
        closes_on=date(2022, 1, 2),
        serves_from=date(2022, 2, 1),
        serves_until=date(2030, 1, 1),
        status=m.CallStatus.FINISHED,
    )
    call.villages.set([area])
    person = m.Instructor.objects.create(
        call=call,
        user=user,
        name=marker,
        gender="male",
        birth_date=date(1990, 1, 1),
        phone="13900000001",
        source=m.Source.SELF,
        department=unit,
        post=marker,
        strengths=marker,
        fields=["industry"],
        status=m.Status.APPROVED,
        village=area,
    )
    m.VillageNeed.objects.create(call=call, village=area, focus=["industry"], special_needs=marker)
    matching = m.Matching.objects.create(call=call, method=m.Method.OPTIMAL, reason=marker, created_by=user)
    m.MatchPair.objects.create(matching=matching, instructor=person, village=area, fit=1)
    m.TrainingSession.objects.create(
        call=call, title=marker, kind="theory", held_on=date(2022, 2, 2)
    ).attendees.add(person)
    m.WorkLog.objects.create(
        instructor=person, village=area, day=date(2022, 2, 3), done=marker, problems=marker
    )
    m.DispatchMeeting.objects.create(
        call=call, township=area, year=2022, quarter=1, held_on=date(2022, 2, 15), minutes=marker
    )
    m.UnitReview.objects.create(
        instructor=person,
        month=date(2022, 2, 1),
        log_days=1,
        villages_logged=1,
        problems_raised=1,
        notes=marker,
        by=user,
    )
    m.SurveyAnswer.objects.create(
        instructor=person,
        village=area,
        year=2022,
        phone_digest=marker,
        ip_digest=marker,
        score=5,
        comment=marker,
    )
    m.CadreReview.objects.create(
        instructor=person, village=area, year=2022, by=user, score=90, comment=marker
    )
    m.Assessment.objects.create(
        instructor=person,
        period="year",
        year=2022,
        work_score=1,
        survey_score=1,
        cadre_score=1,
        total=1,
        grade="incompetent",
        inputs={"note": marker},
        by=user,
    )


def _instructors(model: str, **lookup: str) -> int:
    from django.apps import apps

    return int(apps.get_model("instructors", model).objects.get(**lookup).pk)


def _survey_code(marker: str) -> str:
    from grassroots.instructors.models import Instructor
    from grassroots.instructors.services_assessment import survey_token

    person = Instructor.objects.select_related("call", "village").get(name=marker)
    assert person.village is not None
    return survey_token(person.call, person.village)


def plant_reporting(area: Area, marker: str) -> None:
    """A report with its chain step and a finding, an order sent to the canary station, a meeting with a
    task, a decision, and a failed message delivery, all in the compound."""
    from datetime import UTC, datetime, timedelta

    from django.core.files.base import ContentFile

    from grassroots.core.models import Delivery, DeliveryStatus, User
    from grassroots.meetings import models as mm
    from grassroots.reporting import models as rm

    user = User.objects.create(username=f"reporting-canary-{area.pk}")
    community = area.parent
    assert community is not None
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
        holder=community,
    )
    rm.ReportStep.objects.create(report=report, level=community)
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
    rm.OrderAttachment.objects.create(
        order=order, name=marker, file=ContentFile(marker.encode(), name="canary.txt")
    )
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


PLANTERS: list[Callable[[Area, str], None]] = [
    plant_people,
    plant_party,
    plant_instructors,
    plant_reporting,
    plant_deployment,
]


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
    "member_id": lambda area, marker: _party("PartyMember", duty=marker),
    "call_id": lambda area, marker: _instructors("Call", name=f"{marker}选派"),
    "instructor_id": lambda area, marker: _instructors("Instructor", name=marker),
    "need_id": lambda area, marker: _instructors("VillageNeed", special_needs=marker),
    "matching_id": lambda area, marker: _instructors("Matching", reason=marker),
    "assessment_id": lambda area, marker: _instructors("Assessment", instructor__name=marker),
    "village_code": lambda area, marker: _survey_code(marker),
    "report_id": lambda area, marker: _reporting("reporting", "Report", text=marker),
    "finding_id": lambda area, marker: _reporting("reporting", "TimelinessFinding", evidence=marker),
    "order_id": lambda area, marker: _reporting("reporting", "Order", title=marker),
    "attachment_id": lambda area, marker: _reporting("reporting", "OrderAttachment", name=marker),
    "meeting_id": lambda area, marker: _reporting("meetings", "Meeting", notes=marker),
    "item_id": lambda area, marker: _reporting("meetings", "ActionItem", title=marker),
    "decision_id": lambda area, marker: _reporting("meetings", "Decision", matter=marker),
    "delivery_id": lambda area, marker: _reporting("core", "Delivery", title=marker),
    "proposal_id": lambda area, marker: _deployment("RebalanceProposal", moves__reason=marker),
    "assignment_id": lambda area, marker: _deployment("Assignment", note=marker),
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
    "instructors-survey": "the villager survey 村民测评 opened from a village's QR code: anyone may answer, one answer per phone",
    "party-card-public": "a party member's public card (亮身份、亮职责、亮承诺): only what the member chose to show",
}


def plant_services(area: Area, marker: str) -> None:
    """A request, a green-channel case and plan, a claimed task, a delivery round and stock, all marked."""
    from datetime import time, timedelta

    from django.utils import timezone

    from grassroots.core.models import User
    from grassroots.residents.models import Household, Resident
    from grassroots.services import models as sv

    now = timezone.now()
    building = Area.objects.get(parent=area, kind="building")
    unit = Area.objects.get(parent=building)
    household = Household.objects.create(area=unit, room="S-1", notes=marker)
    resident = Resident.objects.create(household=household, name=marker, phone="13900000000")
    common = {"area": building, "name": marker, "phone": "13900000000", "details": marker, "created_at": now}
    request = sv.Request.objects.create(
        reference=f"S{area.pk:07d}"[:8], category="food", channel="phone", deadline=now, **common
    )
    sv.RequestEvent.objects.create(request=request, action="filed", at=now, actor_name=marker, note=marker)
    sv.Request.objects.create(
        reference=f"G{area.pk:07d}"[:8],
        kind="green_channel",
        category="medical_visit",
        emergency="dialysis",
        channel="phone",
        deadline=now,
        accept_by=now,
        hospital=marker,
        **common,
    )
    sv.GreenChannelPlan.objects.create(
        resident=resident, emergency="dialysis", hospital=marker, weekdays=[1], depart_time=time(8)
    )
    task = sv.Task.objects.create(
        title=marker,
        kind="delivery",
        area=building,
        places=2,
        deadline=now + timedelta(days=1),
        created_at=now,
    )
    helper = User.objects.create(username=f"{marker}志愿者", first_name=marker)
    sv.Claim.objects.create(task=task, user=helper, claimed_at=now, completed_at=now, note=marker, points=10)
    rnd = sv.DeliveryRound.objects.create(name=marker, area=area, items=marker, task=task, created_at=now)
    sv.DeliveryStop.objects.create(
        round=rnd, household=household, building=building, status="failed", reason=marker
    )
    post = Post.objects.create(name=f"{marker}物资站", kind=PostKind.STATION, area=area)
    item = sv.StockItem.objects.create(post=post, name=marker, category="protective", quantity=5)
    sv.StockMove.objects.create(item=item, kind="receipt", quantity=5, balance=5, note=marker, at=now)


def _services(model: str, **lookup: str) -> int:
    from django.apps import apps

    return int(apps.get_model("services", model).objects.get(**lookup).pk)


PLANTERS.append(plant_services)
PARAMS.update(
    {
        "request_id": lambda area, marker: _services("Request", details=marker, kind="ordinary"),
        "task_id": lambda area, marker: _services("Task", title=marker),
        "round_id": lambda area, marker: _services("DeliveryRound", name=marker),
        "stop_id": lambda area, marker: _services("DeliveryStop", reason=marker),
        "stock_item_id": lambda area, marker: _services("StockItem", name=marker),
        "plan_id": lambda area, marker: _services("GreenChannelPlan", hospital=marker),
    }
)
PUBLIC["public-request"] = (
    "a building's request page reached from its QR poster: residents file without logging in, by design; "
    "the link carries a keyed check so buildings cannot be enumerated"
)


def plant_evaluation(area: Area, marker: str) -> None:
    """A period over the compound with a score, a rating, a nomination and honour, an accountability
    record and a selection candidate, all for the marker staff member."""
    from datetime import date

    from grassroots.core.models import User
    from grassroots.evaluation import models as ev

    person = Staff.objects.get(name=marker)
    user = User.objects.create(username=f"evaluation-canary-{area.pk}")
    scheme = ev.Scheme.objects.create(name=f"{marker}考核办法", area=area)
    ev.SchemeIndicator.objects.create(scheme=scheme, code="conduct", weight=1)
    period = ev.AssessmentPeriod.objects.create(
        name=f"{marker}考核",
        kind="month",
        starts_on=date(2022, 3, 1),
        ends_on=date(2022, 3, 31),
        area=area,
        scheme=scheme,
    )
    rating = ev.Rating.objects.create(
        period=period, code="conduct", person=person, area=area, rater=user, value=50, note=marker
    )
    ev.Score.objects.create(
        period=period,
        person=person,
        area=area,
        total=50,
        indicators={
            "conduct": {
                "numerator": 50,
                "denominator": 100,
                "ids": [str(rating.pk)],
                "model": "evaluation.Rating",
                "weight": 1,
                "target": None,
                "points": 50.0,
            }
        },
    )
    nomination = ev.Nomination.objects.create(
        period=period, person=person, area=area, title=marker, reason=marker, nominated_by=user
    )
    ev.Honour.objects.create(
        person=person,
        area=area,
        period=period,
        nomination=nomination,
        title=marker,
        awarded_on=date(2022, 4, 1),
    )
    ev.Accountability.objects.create(
        person=person,
        area=area,
        period=period,
        source="manual",
        title=marker,
        evidence=marker,
        opened_by=user,
    )
    ev.SelectionCandidate.objects.create(
        period=period, person=person, area=area, score=50, decision_reason=marker
    )


def _evaluation(model: str, **lookup: str) -> int:
    from django.apps import apps

    return int(apps.get_model("evaluation", model).objects.get(**lookup).pk)


PLANTERS.append(plant_evaluation)
PARAMS.update(
    {
        "period_id": lambda area, marker: _evaluation("AssessmentPeriod", name=f"{marker}考核"),
        "scheme_id": lambda area, marker: _evaluation("Scheme", name=f"{marker}考核办法"),
        "score_id": lambda area, marker: _evaluation("Score", person__name=marker),
        "indicator": lambda area, marker: "conduct",
        "nomination_id": lambda area, marker: _evaluation("Nomination", title=marker),
        "accountability_id": lambda area, marker: _evaluation("Accountability", title=marker),
        "candidate_id": lambda area, marker: _evaluation("SelectionCandidate", decision_reason=marker),
    }
)


def plant_residents(area: Area, marker: str) -> None:
    """A household with a care resident, her helper pairing and a contact, a campaign run on the compound
    with a visit, a change-history entry and an uploaded ledger file, all marked."""
    from datetime import date

    from django.utils import timezone

    from grassroots.residents import models as rs

    unit = Area.objects.get(path__startswith=area.path, kind="unit")
    household = rs.Household.objects.create(area=unit, room="R-1", notes=marker)
    resident = rs.Resident.objects.create(household=household, name=f"{marker}居民", phone="13900000002")
    resident.care_tags.set(rs.CareTag.objects.filter(name="独居老人"))
    pair = rs.CarePair.objects.create(resident=resident, helper=Staff.objects.get(name=marker))
    rs.CareContact.objects.create(pair=pair, channel="phone", note=marker, contacted_at=timezone.now())
    campaign = rs.Campaign.objects.create(
        name=marker, area=area, starts_on=date(2022, 1, 1), ends_on=date(2030, 1, 1)
    )
    visit = rs.Visit.objects.create(
        household=household, campaign=campaign, visited_at=timezone.now(), channel="visit", outcome="verified",
        note=marker, fingerprint=marker,
    )  # fmt: skip
    rs.LedgerChange.objects.create(
        household=household, resident=resident, field="phone", old=marker, new=marker, via="visit", visit=visit,
        at=timezone.now(),
    )  # fmt: skip
    rs.LedgerImport.objects.create(area=area, filename=f"{marker}.xlsx", errors=[{"reason": marker}])


def _residents(model: str, **lookup: str) -> Any:
    from django.apps import apps

    return apps.get_model("residents", model).objects.get(**lookup).pk


PLANTERS.append(plant_residents)
PARAMS.update(
    {
        "household_id": lambda area, marker: _residents("Household", notes=marker, room="R-1"),
        "resident_id": lambda area, marker: _residents("Resident", name=f"{marker}居民"),
        "campaign_id": lambda area, marker: _residents("Campaign", name=marker),
        "import_id": lambda area, marker: _residents("LedgerImport", filename=f"{marker}.xlsx"),
        "pair_id": lambda area, marker: _residents("CarePair", resident__name=f"{marker}居民"),
    }
)
