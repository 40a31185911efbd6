"""The reporting chain over JSON: reports, the timeliness roll-up, orders and their acknowledgements."""

import uuid
from datetime import date, datetime

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status

from grassroots.core.apikit import ErrorOut, page
from grassroots.core.scope import area_or_404, top_areas

from . import orders, services
from .models import Acknowledgement, Order, Report
from .selectors import (
    days_window,
    order_get,
    order_receipts,
    recent_days,
    report_get,
    report_list,
    timeliness,
)

router = Router(tags=["reporting"])


class ReportIn(Schema):
    category: str
    severity: str
    discovered_at: datetime
    area: int
    text: str
    location: str = ""
    measures: str = ""
    client_id: uuid.UUID | None = None


class ReportOut(Schema):
    id: int
    area: int
    category: str
    severity: str
    source: str
    discovered_at: datetime
    reported_at: datetime
    deadline: datetime
    timeliness: str
    late_by_minutes: int | None
    holder: int
    status: str
    text: str
    measures: str
    outcome: str

    @staticmethod
    def resolve_area(obj: Report) -> int:
        return obj.area_id

    @staticmethod
    def resolve_holder(obj: Report) -> int:
        return obj.holder_id

    @staticmethod
    def resolve_timeliness(obj: Report) -> str:
        return "late" if obj.late_by else "on_time"

    @staticmethod
    def resolve_late_by_minutes(obj: Report) -> int | None:
        return int(obj.late_by.total_seconds() // 60) if obj.late_by else None


class ReportPage(Schema):
    items: list[ReportOut]
    count: int


class ProgressIn(Schema):
    measures: str
    status: str = ""
    client_id: uuid.UUID | None = None


class CloseIn(Schema):
    outcome: str


class StepOut(Schema):
    level: int
    acknowledged_at: datetime | None
    action: str
    note: str


class TimelinessRow(Schema):
    id: int
    name: str
    kind: str
    reports: int
    on_time: int
    late: int
    missed: int
    concealed: int
    missed_updates: int
    on_time_rate: float | None


class TimelinessOut(TimelinessRow):
    children: list[TimelinessRow]


def _report(request: HttpRequest, report_id: int) -> Report:
    found = report_get(user=request.user, report_id=report_id)
    if found is None:
        raise Http404
    return found


@router.post("/reports", response={201: ReportOut, 400: ErrorOut, 404: ErrorOut})
def report_create(request: HttpRequest, body: ReportIn):
    area = area_or_404(request.user, body.area)
    data = body.dict(exclude={"area"})
    return Status(201, services.report_file(by=request.user, area=area, **data))  # type: ignore[arg-type]


@router.get("/reports", response=ReportPage)
def reports(
    request: HttpRequest, area: int | None = None, status: str = "", limit: int = 100, offset: int = 0
):
    within = area_or_404(request.user, area)
    items, count = page(report_list(user=request.user, area=within, status=status), limit, offset)
    return {"items": items, "count": count}


class PeriodIn(Schema):
    area: int | None = None
    start: date | None = Field(None, alias="from")
    end: date | None = Field(None, alias="to")


@router.get("/reports/timeliness", response={200: TimelinessOut, 404: ErrorOut})
def report_timeliness(request: HttpRequest, period: Query[PeriodIn]):
    """Counts for reports discovered from `from` to `to` (local days, inclusive; default: the last 14 days)."""
    area, start, end = period.area, period.start, period.end
    within = area_or_404(request.user, area) or top_areas(request.user).first()
    if within is None:
        raise Http404
    first, last = recent_days()
    window = days_window(start or first, end or last)
    return Status(200, timeliness(user=request.user, area=within, start=window[0], end=window[1]))


@router.get("/reports/{report_id}", response={200: ReportOut, 404: ErrorOut})
def report_detail(request: HttpRequest, report_id: int):
    return Status(200, _report(request, report_id))


@router.post("/reports/{report_id}/acknowledge", response={200: StepOut, 400: ErrorOut, 404: ErrorOut})
def report_acknowledge(request: HttpRequest, report_id: int):
    step = services.report_acknowledge(by=request.user, report=_report(request, report_id))  # type: ignore[arg-type]
    return Status(
        200,
        {
            "level": step.level_id,
            "acknowledged_at": step.acknowledged_at,
            "action": step.action,
            "note": step.note,
        },
    )


@router.post("/reports/{report_id}/progress", response={201: ReportOut, 400: ErrorOut, 404: ErrorOut})
def report_progress(request: HttpRequest, report_id: int, body: ProgressIn):
    report = _report(request, report_id)
    services.report_progress(
        by=request.user,  # type: ignore[arg-type]
        report=report,
        measures=body.measures,
        status_text=body.status,
        client_id=body.client_id,
    )
    return Status(201, _report(request, report_id))


@router.post("/reports/{report_id}/close", response={200: ReportOut, 400: ErrorOut, 404: ErrorOut})
def report_close(request: HttpRequest, report_id: int, body: CloseIn):
    report = services.report_close(by=request.user, report=_report(request, report_id), outcome=body.outcome)  # type: ignore[arg-type]
    return Status(200, report)


class OrderIn(Schema):
    area: int
    title: str
    text: str
    ack_deadline: datetime
    carry_out_deadline: datetime | None = None
    posts: list[int] = []
    client_id: uuid.UUID | None = None


class ReceiptOut(Schema):
    post: int
    post_name: str
    acknowledged_at: datetime | None
    acknowledged_name: str
    carried_out_at: datetime | None

    @staticmethod
    def resolve_post(obj: Acknowledgement) -> int:
        return obj.post_id

    @staticmethod
    def resolve_post_name(obj: Acknowledgement) -> str:
        return obj.post.name


class OrderOut(Schema):
    id: int
    area: int
    title: str
    text: str
    issued_at: datetime
    ack_deadline: datetime
    carry_out_deadline: datetime | None
    acknowledged: list[ReceiptOut]
    not_acknowledged: list[ReceiptOut]


class AcknowledgeIn(Schema):
    name: str = ""


def _order_out(request: HttpRequest, order: Order) -> dict[str, object]:
    receipts = list(order_receipts(user=request.user, order=order))
    return {
        "id": order.pk,
        "area": order.area_id,
        "title": order.title,
        "text": order.text,
        "issued_at": order.issued_at,
        "ack_deadline": order.ack_deadline,
        "carry_out_deadline": order.carry_out_deadline,
        "acknowledged": [r for r in receipts if r.acknowledged_at],
        "not_acknowledged": [r for r in receipts if not r.acknowledged_at],
    }


def _order(request: HttpRequest, order_id: int) -> Order:
    found = order_get(user=request.user, order_id=order_id)
    if found is None:
        raise Http404
    return found


@router.post("/orders", response={201: OrderOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut})
def order_create(request: HttpRequest, body: OrderIn):
    area = area_or_404(request.user, body.area)
    order = orders.order_issue(
        by=request.user,  # type: ignore[arg-type]
        area=area,  # type: ignore[arg-type]
        title=body.title,
        text=body.text,
        ack_deadline=body.ack_deadline,
        carry_out_deadline=body.carry_out_deadline,
        post_ids=body.posts or None,
        client_id=body.client_id,
    )
    return Status(201, _order_out(request, order))


@router.get("/orders/{order_id}", response={200: OrderOut, 404: ErrorOut})
def order_detail(request: HttpRequest, order_id: int):
    return Status(200, _order_out(request, _order(request, order_id)))


@router.post("/orders/{order_id}/acknowledge", response={200: OrderOut, 400: ErrorOut, 404: ErrorOut})
def order_acknowledge(request: HttpRequest, order_id: int, body: AcknowledgeIn):
    order = _order(request, order_id)
    orders.order_acknowledge(by=request.user, order=order, name=body.name)  # type: ignore[arg-type]
    return Status(200, _order_out(request, order))
