from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from grassroots.core.scope import role_at_least, top_areas
from grassroots.reporting.selectors import TIMELINESS_DAYS

from .attention import attention
from .figures import child_rows


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role's landing page: what needs its action now, then its areas' figures, worst first."""
    user = request.user
    areas = list(top_areas(user)[:4])
    # Volunteers and staff act on their own tasks; the figures of places are for those who run them.
    sections = (
        [(area, child_rows(user, area)) for area in areas if area.children.exists()]
        if role_at_least(user, "station")
        else []
    )
    return render(
        request,
        "dashboard/home.html",
        {"items": attention(user), "areas": areas, "sections": sections, "days": TIMELINESS_DAYS},
    )
