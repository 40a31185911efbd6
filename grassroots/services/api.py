"""The services API: requests and the green channel, tasks and claims, stock."""

import uuid
from datetime import datetime

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from grassroots.core.apikit import ErrorOut, page
from grassroots.core.scope import area_or_404, scoped
from grassroots.residents.models import Household

from . import selectors
from .models import Request, RequestEvent, RequestKind, Task
from .services import (
    green_channel_file,
    request_accept,
    request_close,
    request_confirm,
    request_file,
    request_finish,
    request_start,
)
from .stock_services import stock_issue, stock_receive
from .task_services import Conflict, task_claim, task_create

router = Router(tags=["services"])


class RequestIn(Schema):
    kind: str = RequestKind.ORDINARY
    area: int
    category: str = "other"
    channel: str
    urgency: str = "normal"
    name: str
    phone: str
    details: str
    room: str = ""
    household: int | None = None
    emergency: str = ""
    hospital: str = ""


class RequestOut(Schema):
    id: int
    reference: str
    kind: str
    category: str
    emergency: str
    channel: str
    urgency: str
    status: str
    area: int
    household: int | None
    name: str
    room: str
    details: str
    created_at: datetime
    deadline: datetime
    accept_by: datetime | None
    accepted_at: datetime | None
    done_at: datetime | None
    confirmed_at: datetime | None
    closed_at: datetime | None
    close_reason: str
    result: str
    escort: str
    vehicle: str
    hospital: str
    rating: int | None
    overdue: bool
    level: int
    level_label: str

    @staticmethod
    def resolve_area(obj: Request) -> int:
        return obj.area_id

    @staticmethod
    def resolve_household(obj: Request) -> int | None:
        return obj.household_id


class RequestPage(Schema):
    items: list[RequestOut]
    count: int


class EventOut(Schema):
    """One step of a request's timeline, said in the caller's language (Accept-Language)."""

    id: int
    action: str
    action_label: str
    at: datetime
    who: str
    note: str

    @staticmethod
    def resolve_action_label(obj: RequestEvent) -> str:
        return obj.action_said

    @staticmethod
    def resolve_who(obj: RequestEvent) -> str:
        return selectors.person_name(obj.actor) or obj.actor_said

    @staticmethod
    def resolve_note(obj: RequestEvent) -> str:
        return obj.note_said


class FinishIn(Schema):
    result: str = ""


class CloseIn(Schema):
    reason: str


def _request(request: HttpRequest, request_id: int) -> Request:
    return selectors.request_get(user=request.user, pk=request_id)


def _fresh(request: HttpRequest, req: Request) -> Request:
    return selectors.request_get(user=request.user, pk=req.pk)


@router.post("/requests", response={201: RequestOut})
def request_create(request: HttpRequest, payload: RequestIn):  # type: ignore[no-untyped-def]
    user = request.user
    area = area_or_404(user, payload.area)
    assert area is not None
    household = None
    if payload.household is not None:
        household = scoped(Household.objects.all(), user, "area__path").filter(pk=payload.household).first()
        if household is None:
            raise Http404
    if payload.kind == RequestKind.GREEN_CHANNEL:
        req = green_channel_file(
            by=user,
            area=area,
            emergency=payload.emergency,
            name=payload.name,
            phone=payload.phone,
            details=payload.details,
            room=payload.room,
            channel=payload.channel,
            hospital=payload.hospital,
        )
    else:
        req = request_file(
            by=user,
            area=area,
            category=payload.category,
            channel=payload.channel,
            urgency=payload.urgency,
            name=payload.name,
            phone=payload.phone,
            details=payload.details,
            room=payload.room,
            household=household,
        )
    return Status(201, _fresh(request, req))


@router.get("/requests", response=RequestPage)
def request_index(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    area: int | None = None,
    status: str = "",
    kind: str = "",
    limit: int = 100,
    offset: int = 0,
):
    within = area_or_404(request.user, area)
    items, count = page(
        selectors.request_list(user=request.user, area=within, status=status, kind=kind), limit, offset
    )
    return {"items": selectors.with_times(items), "count": count}


@router.get("/requests/{request_id}", response=RequestOut)
def request_detail(request: HttpRequest, request_id: int):  # type: ignore[no-untyped-def]
    return _request(request, request_id)


@router.get("/requests/{request_id}/events", response=list[EventOut])
def request_events(request: HttpRequest, request_id: int):  # type: ignore[no-untyped-def]
    return selectors.request_timeline(_request(request, request_id))


@router.post("/requests/{request_id}/accept", response=RequestOut)
def request_accept_api(request: HttpRequest, request_id: int):  # type: ignore[no-untyped-def]
    return _fresh(request, request_accept(by=request.user, request=_request(request, request_id)))


@router.post("/requests/{request_id}/start", response=RequestOut)
def request_start_api(request: HttpRequest, request_id: int):  # type: ignore[no-untyped-def]
    return _fresh(request, request_start(by=request.user, request=_request(request, request_id)))


@router.post("/requests/{request_id}/finish", response=RequestOut)
def request_finish_api(request: HttpRequest, request_id: int, payload: FinishIn | None = None):  # type: ignore[no-untyped-def]
    result = payload.result if payload else ""
    return _fresh(
        request, request_finish(by=request.user, request=_request(request, request_id), result=result)
    )


@router.post("/requests/{request_id}/confirm", response=RequestOut)
def request_confirm_api(request: HttpRequest, request_id: int):  # type: ignore[no-untyped-def]
    return _fresh(request, request_confirm(by=request.user, request=_request(request, request_id)))


@router.post("/requests/{request_id}/close", response=RequestOut)
def request_close_api(request: HttpRequest, request_id: int, payload: CloseIn):  # type: ignore[no-untyped-def]
    return _fresh(
        request, request_close(by=request.user, request=_request(request, request_id), reason=payload.reason)
    )


class TaskIn(Schema):
    title: str
    kind: str
    area: int
    places: int
    deadline: datetime
    details: str = ""
    points: int = 10


class TaskOut(Schema):
    id: int
    title: str
    kind: str
    area: int
    area_name: str
    places: int
    claimed: int
    deadline: datetime
    points: int
    details: str
    closed_at: datetime | None

    @staticmethod
    def resolve_area(obj: Task) -> int:
        return obj.area_id

    @staticmethod
    def resolve_area_name(obj: Task) -> str:
        return obj.area.name

    @staticmethod
    def resolve_claimed(obj: Task) -> int:
        return obj.n_claims  # type: ignore[attr-defined]


class TaskPage(Schema):
    items: list[TaskOut]
    count: int


class ClaimOut(Schema):
    id: int
    task: int
    user: int
    claimed_at: datetime

    @staticmethod
    def resolve_task(obj) -> int:  # type: ignore[no-untyped-def]
        return obj.task_id

    @staticmethod
    def resolve_user(obj) -> int:  # type: ignore[no-untyped-def]
        return obj.user_id


@router.post("/tasks", response={201: TaskOut})
def task_create_api(request: HttpRequest, payload: TaskIn):  # type: ignore[no-untyped-def]
    area = area_or_404(request.user, payload.area)
    assert area is not None
    task = task_create(
        by=request.user,
        title=payload.title,
        kind=payload.kind,
        area=area,
        places=payload.places,
        deadline=payload.deadline,
        details=payload.details,
        points=payload.points,
    )
    return Status(201, selectors.task_get(user=request.user, pk=task.pk))


@router.get("/tasks", response=TaskPage)
def task_index(  # type: ignore[no-untyped-def]
    request: HttpRequest, area: int | None = None, status: str = "", limit: int = 100, offset: int = 0
):
    within = area_or_404(request.user, area)
    items, count = page(selectors.task_list(user=request.user, area=within, status=status), limit, offset)
    return {"items": items, "count": count}


@router.post("/tasks/{task_id}/claim", response={200: ClaimOut, 409: ErrorOut})
def task_claim_api(request: HttpRequest, task_id: int):  # type: ignore[no-untyped-def]
    task = selectors.task_get(user=request.user, pk=task_id)
    try:
        return Status(200, task_claim(by=request.user, task=task))
    except Conflict as exc:
        return Status(409, {"detail": exc.message})


class StockOut(Schema):
    id: int
    post: int
    post_name: str
    name: str
    category: str
    unit: str
    quantity: int
    low_threshold: int
    is_low: bool

    @staticmethod
    def resolve_post(obj) -> int:  # type: ignore[no-untyped-def]
        return obj.post_id

    @staticmethod
    def resolve_post_name(obj) -> str:  # type: ignore[no-untyped-def]
        return obj.post.name


class StockPage(Schema):
    items: list[StockOut]
    count: int


class MoveIn(Schema):
    item: int
    quantity: int
    to_whom: str = ""
    note: str = ""
    client_id: uuid.UUID | None = None


class MoveOut(Schema):
    id: int
    item: int
    kind: str
    quantity: int
    balance: int
    at: datetime

    @staticmethod
    def resolve_item(obj) -> int:  # type: ignore[no-untyped-def]
        return obj.item_id


@router.get("/stock", response=StockPage)
def stock_index(  # type: ignore[no-untyped-def]
    request: HttpRequest, post: int | None = None, low: bool = False, limit: int = 200, offset: int = 0
):
    at = None
    if post is not None:
        at = get_object_or_404(selectors.stock_posts(user=request.user), pk=post)
    items, count = page(selectors.stock_list(user=request.user, post=at, low=low), limit, offset)
    return {"items": items, "count": count}


@router.post("/stock/issue", response={200: MoveOut, 409: ErrorOut})
def stock_issue_api(request: HttpRequest, payload: MoveIn):  # type: ignore[no-untyped-def]
    item = selectors.stock_item_get(user=request.user, pk=payload.item)
    try:
        return Status(
            200,
            stock_issue(
                by=request.user,
                item=item,
                quantity=payload.quantity,
                to_whom=payload.to_whom,
                note=payload.note,
                client_id=payload.client_id,
            ),
        )
    except Conflict as exc:
        return Status(409, {"detail": exc.message})


@router.post("/stock/receive", response=MoveOut)
def stock_receive_api(request: HttpRequest, payload: MoveIn):  # type: ignore[no-untyped-def]
    item = selectors.stock_item_get(user=request.user, pk=payload.item)
    return stock_receive(
        by=request.user, item=item, quantity=payload.quantity, note=payload.note, client_id=payload.client_id
    )
