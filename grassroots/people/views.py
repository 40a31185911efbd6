from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from grassroots.core.scope import area_or_404
from grassroots.core.services import audit_record

from .models import StaffKind
from .selectors import staff_list


@login_required
def staff_directory(request: HttpRequest) -> HttpResponse:
    user = request.user
    area = area_or_404(user, request.GET.get("area"))
    kind = request.GET.get("kind", "")
    q = request.GET.get("q", "").strip()
    page = Paginator(staff_list(user=user, area=area, kind=kind, q=q), 50).get_page(request.GET.get("page"))
    audit_record(actor=user, action="view_staff", area=area, detail={"q": q, "kind": kind})
    template = "people/_staff_rows.html" if request.htmx else "people/staff_directory.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {"page": page, "area": area, "kind": kind, "q": q, "kinds": StaffKind.choices},
    )
