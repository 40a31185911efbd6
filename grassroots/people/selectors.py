from django.db.models import Q, QuerySet

from grassroots.core.models import AnyUser
from grassroots.core.scope import scoped
from grassroots.places.models import Area

from .models import Staff


def staff_list(*, user: AnyUser, area: Area | None = None, kind: str = "", q: str = "") -> QuerySet[Staff]:
    staff = scoped(Staff.objects.select_related("area", "department"), user, "area__path")
    if area is not None:
        staff = staff.filter(area__path__startswith=area.path)
    if kind:
        staff = staff.filter(kind=kind)
    if q:
        staff = staff.filter(Q(name__contains=q) | Q(phone__contains=q) | Q(department__name__contains=q))
    return staff
