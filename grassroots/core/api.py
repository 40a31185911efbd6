"""Tokens, and the grid as the caller may see it."""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from grassroots.places.models import Area
from grassroots.places.selectors import descendant_counts

from .apikit import ErrorOut, page
from .scope import scoped_areas
from .services import api_token_issue

router = Router(tags=["grid"])


class Credentials(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


@router.post("/auth/token", auth=None, response={200: TokenOut, 401: ErrorOut}, tags=["auth"])
def token(request: HttpRequest, body: Credentials):
    issued = api_token_issue(username=body.username, password=body.password)
    if issued is None:
        return Status(401, {"detail": _("Wrong username or password.")})
    return Status(200, {"token": issued})


class AreaOut(Schema):
    id: int
    name: str
    kind: str
    code: str
    parent: int | None

    @staticmethod
    def resolve_parent(obj: Area) -> int | None:
        return obj.parent_id


class AreaPage(Schema):
    items: list[AreaOut]
    count: int


class AreaDetail(AreaOut):
    path: str
    land_area_m2: int | None
    difficulty: int | None
    counts: dict[str, int]


@router.get("/areas", response=AreaPage)
def areas(
    request: HttpRequest,
    kind: str = "",
    parent: int | None = None,
    q: str = "",
    limit: int = 100,
    offset: int = 0,
):
    found = scoped_areas(request.user)
    if kind:
        found = found.filter(kind=kind)
    if parent is not None:
        found = found.filter(parent_id=parent)
    if q:
        found = found.filter(name__contains=q)
    items, count = page(found, limit, offset)
    return {"items": items, "count": count}


@router.get("/areas/{area_id}", response={200: AreaDetail, 404: ErrorOut})
def area(request: HttpRequest, area_id: int):
    found = scoped_areas(request.user).filter(pk=area_id).first()
    if found is None:
        raise Http404
    found.counts = descendant_counts(found)  # type: ignore[attr-defined]
    return found
