"""The ledger API: households, residents (masked IDs), campaigns and their progress, visits."""

import datetime
import uuid
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from grassroots.core.apikit import ErrorOut, page
from grassroots.core.scope import area_or_404, in_scope, role_at_least, top_areas
from grassroots.core.services import audit_record

from .departures import resident_leave, resident_return
from .ledger_import import ledger_import
from .ledger_io import discard_upload, store_upload
from .models import Household, ImportStatus, Resident, Visit
from .selectors import (
    campaign_get,
    campaign_list,
    household_get,
    household_list,
    progress_rows,
    resident_get,
    resident_list,
)
from .services import can_unmask, resident_unmask
from .visits import VisitConflict, visit_record

router = Router(tags=["residents"])


class HouseholdOut(Schema):
    id: int
    area: int
    area_name: str
    room: str
    status: str
    no_smartphone: bool
    head: int | None
    head_name: str | None
    notes: str
    version: int

    @staticmethod
    def resolve_area(obj: Household) -> int:
        return obj.area_id

    @staticmethod
    def resolve_area_name(obj: Household) -> str:
        return obj.area.name

    @staticmethod
    def resolve_head(obj: Household) -> int | None:
        return obj.head_id

    @staticmethod
    def resolve_head_name(obj: Household) -> str | None:
        return obj.head.name if obj.head else None


class HouseholdPage(Schema):
    items: list[HouseholdOut]
    count: int


class ResidentOut(Schema):
    id: int
    household: int
    area: int
    room: str
    name: str
    gender: str
    id_type: str
    id_number: str
    birth_date: datetime.date | None
    phone: str
    relation: str
    residence_type: str
    care_tags: list[str]
    is_party_member: bool
    version: int
    # When and why they left the ledger (null and "" for everyone it lists).
    left_at: datetime.datetime | None
    left_reason: str

    @staticmethod
    def resolve_household(obj: Resident) -> int:
        return obj.household_id

    @staticmethod
    def resolve_area(obj: Resident) -> int:
        return obj.household.area_id

    @staticmethod
    def resolve_room(obj: Resident) -> str:
        return obj.household.room

    @staticmethod
    def resolve_id_number(obj: Resident) -> str:
        return obj.id_masked

    @staticmethod
    def resolve_care_tags(obj: Resident) -> list[str]:
        return [t.name for t in obj.care_tags.all()]


class ResidentPage(Schema):
    items: list[ResidentOut]
    count: int


class UnmaskIn(Schema):
    reason: str


class LeaveIn(Schema):
    reason: str  # moved_away, deceased, duplicate or other
    note: str = ""
    version: int | None = None


class ReturnIn(Schema):
    note: str = ""


class UnmaskOut(Schema):
    id: int
    id_number: str


class CampaignOut(Schema):
    id: int
    name: str
    area: int
    area_name: str
    starts_on: datetime.date
    ends_on: datetime.date

    @staticmethod
    def resolve_area(obj: Any) -> int:
        return obj.area_id

    @staticmethod
    def resolve_area_name(obj: Any) -> str:
        return obj.area.name


class CampaignPage(Schema):
    items: list[CampaignOut]
    count: int


class ProgressRow(Schema):
    area: int
    name: str
    kind: str
    households: int
    visited: int
    verified: int
    vacant: int
    not_visited: int


class ProgressOut(Schema):
    campaign: int
    area: int
    total: ProgressRow
    items: list[ProgressRow]


class VisitIn(Schema):
    id: uuid.UUID
    household: int
    campaign: int | None = None
    channel: str
    outcome: str
    changes: dict[str, Any] = {}
    note: str = ""


class VisitOut(Schema):
    id: uuid.UUID
    household: int
    campaign: int | None
    visitor: str | None
    visited_at: datetime.datetime
    channel: str
    outcome: str
    changes: dict[str, Any]
    note: str

    @staticmethod
    def resolve_household(obj: Visit) -> int:
        return obj.household_id

    @staticmethod
    def resolve_campaign(obj: Visit) -> int | None:
        return obj.campaign_id

    @staticmethod
    def resolve_visitor(obj: Visit) -> str | None:
        return obj.visitor.get_username() if obj.visitor else None


@router.get("/households", response=HouseholdPage)
def households(
    request: HttpRequest,
    area: int | None = None,
    status: str = "",
    q: str = "",
    limit: int = 100,
    offset: int = 0,
):
    within = area_or_404(request.user, area)
    items, count = page(household_list(user=request.user, area=within, status=status, q=q), limit, offset)
    return {"items": items, "count": count}


@router.get("/households/{household_id}", response=HouseholdOut)
def household(request: HttpRequest, household_id: int):
    found = household_get(user=request.user, household_id=household_id)
    if found is None:
        raise Http404
    return found


@router.get("/residents", response=ResidentPage)
def residents(
    request: HttpRequest,
    area: int | None = None,
    tag: str = "",
    q: str = "",
    limit: int = 100,
    offset: int = 0,
):
    within = area_or_404(request.user, area)
    items, count = page(resident_list(user=request.user, area=within, tag=tag, q=q), limit, offset)
    audit_record(
        actor=request.user,
        action="view_residents",
        area=within,
        detail={"q": q, "tag": tag, "rows": len(items)},
    )
    return {"items": items, "count": count}


def _resident_or_404(request: HttpRequest, resident_id: int) -> Resident:
    found = resident_get(user=request.user, resident_id=resident_id)
    if found is None:
        raise Http404
    return found


@router.get("/residents/{resident_id}", response=ResidentOut)
def resident(request: HttpRequest, resident_id: int):
    return _resident_or_404(request, resident_id)


@router.post("/residents/{resident_id}/unmask", response={200: UnmaskOut, 403: ErrorOut})
def resident_unmask_endpoint(request: HttpRequest, resident_id: int, body: UnmaskIn):
    found = _resident_or_404(request, resident_id)
    if not can_unmask(request.user):
        return Status(403, {"detail": _("You may not see full ID numbers.")})
    number = resident_unmask(by=request.user, resident=found, reason=body.reason)
    return Status(200, {"id": found.pk, "id_number": number})


@router.post("/residents/{resident_id}/leave", response=ResidentOut)
def resident_leave_endpoint(request: HttpRequest, resident_id: int, body: LeaveIn):
    """Take a resident out of the ledger (moved away, deceased, registered twice, other with a note)."""
    found = _resident_or_404(request, resident_id)
    return resident_leave(
        by=request.user, resident=found, reason=body.reason, note=body.note, version=body.version
    )


@router.post("/residents/{resident_id}/return", response=ResidentOut)
def resident_return_endpoint(request: HttpRequest, resident_id: int, body: ReturnIn):
    found = _resident_or_404(request, resident_id)
    return resident_return(by=request.user, resident=found, note=body.note)


@router.get("/campaigns", response=CampaignPage)
def campaigns(request: HttpRequest, area: int | None = None, limit: int = 100, offset: int = 0):
    within = area_or_404(request.user, area)
    items, count = page(campaign_list(user=request.user, area=within), limit, offset)
    return {"items": items, "count": count}


@router.get("/campaigns/{campaign_id}/progress", response=ProgressOut)
def campaign_progress(request: HttpRequest, campaign_id: int, area: int | None = None):
    campaign = campaign_get(user=request.user, campaign_id=campaign_id)
    if campaign is None:
        raise Http404
    parent = area_or_404(request.user, area)
    if parent is None:
        # Without an area: the campaign's own, or where the caller's scope meets it.
        visible = [a for a in top_areas(request.user) if a.path.startswith(campaign.area.path)]
        parent = campaign.area if in_scope(request.user, campaign.area) else (visible[0] if visible else None)
    if parent is None or not parent.path.startswith(campaign.area.path):
        raise Http404
    rows = progress_rows(campaign=campaign, parent=parent, children=parent.children.all())
    return {"campaign": campaign.pk, "area": parent.pk, "total": rows[-1], "items": rows[:-1]}


@router.post("/visits", response={200: VisitOut, 201: VisitOut, 409: ErrorOut})
def visit_create(request: HttpRequest, body: VisitIn):
    household = household_get(user=request.user, household_id=body.household)
    if household is None:
        raise Http404
    campaign = None
    if body.campaign is not None:
        campaign = campaign_get(user=request.user, campaign_id=body.campaign)
        if campaign is None:
            raise Http404
    try:
        visit, created = visit_record(
            by=request.user,
            id=body.id,
            household=household,
            campaign=campaign,
            channel=body.channel,
            outcome=body.outcome,
            changes=body.changes,
            note=body.note,
        )
    except VisitConflict:
        return Status(409, {"detail": _("This visit id was already used for a different visit.")})
    return Status(201 if created else 200, visit)


class ImportError_(Schema):
    sheet: str = ""  # empty in errors kept from before imports read every sheet
    row: int
    column: str
    value: str
    reason: str


class ImportOut(Schema):
    id: uuid.UUID
    status: str
    dry_run: bool
    counts: dict[str, Any]
    errors: list[ImportError_]


@router.post("/ledger/imports", response={200: ImportOut, 403: ErrorOut})
def ledger_import_endpoint(
    request: HttpRequest, file: File[UploadedFile], area: Form[int], dry_run: Form[bool] = True
):
    """Upload a ledger workbook: checked whole; written (all or nothing) unless dry_run or any error."""
    within = area_or_404(request.user, area)
    if within is None or not role_at_least(request.user, "station"):
        return Status(403, {"detail": _("You may not import a ledger here.")})
    job = store_upload(user=request.user, area=within, name=file.name or "ledger.xlsx", chunks=file.chunks())
    result = ledger_import(by=request.user, area=within, path=job.stored_path, dry_run=dry_run)
    job.dry_run = dry_run
    job.total_rows = job.done_rows = result.total
    job.counts, job.errors = result.counts(), result.errors
    job.status = (
        ImportStatus.FAILED if result.errors else ImportStatus.CHECKED if dry_run else ImportStatus.DONE
    )
    job.save()
    if job.status == ImportStatus.DONE:
        discard_upload(job)
    return Status(
        200,
        {"id": job.pk, "status": job.status, "dry_run": dry_run, "counts": job.counts, "errors": job.errors},
    )
