from django.http import Http404, HttpRequest
from ninja import Router, Schema

from grassroots.core.apikit import page
from grassroots.core.scope import scoped_areas
from grassroots.core.services import audit_record

from .models import Staff
from .selectors import staff_list

router = Router(tags=["people"])


class StaffOut(Schema):
    id: int
    name: str
    phone: str
    gender: str
    kind: str
    rank: str
    department: str | None
    area: int
    is_party_member: bool
    party_post: str

    @staticmethod
    def resolve_department(obj: Staff) -> str | None:
        return obj.department.name if obj.department else None

    @staticmethod
    def resolve_area(obj: Staff) -> int:
        return obj.area_id


class StaffPage(Schema):
    items: list[StaffOut]
    count: int


@router.get("/staff", response=StaffPage)
def staff(
    request: HttpRequest,
    area: int | None = None,
    kind: str = "",
    q: str = "",
    limit: int = 100,
    offset: int = 0,
):
    user = request.user
    within = None
    if area is not None:
        within = scoped_areas(user).filter(pk=area).first()
        if within is None:
            raise Http404
    items, count = page(staff_list(user=user, area=within, kind=kind, q=q), limit, offset)
    audit_record(
        actor=user, action="view_staff", area=within, detail={"q": q, "kind": kind, "rows": len(items)}
    )
    return {"items": items, "count": count}
