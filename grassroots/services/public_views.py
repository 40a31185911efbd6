"""The pages residents reach without logging in (a building's request page, the status page) and the
printable QR posters that lead to them."""

import io
from urllib.parse import urlencode

import segno
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from grassroots.core.middleware import client_ip
from grassroots.core.qr import qr_svg
from grassroots.core.scope import area_or_404
from grassroots.places.models import Area, AreaKind
from grassroots.places.selectors import ancestors

from . import rules, selectors
from .forms import posted_int
from .models import Category, RequestStatus
from .public_services import RateLimited, public_request_file, public_request_find
from .services import request_confirm, request_rate


def _rate_limited(request: HttpRequest) -> HttpResponse:
    return render(request, "services/public_limited.html", status=429)


@never_cache
@require_http_methods(["GET", "POST"])
def public_request(request: HttpRequest, token: str) -> HttpResponse:
    building = rules.building_from_token(token)
    if building is None:
        raise Http404
    sent = request.GET.get("sent")
    if sent and request.method == "GET":
        filed = rules.filed_from_token(sent, building)
        if filed is None:
            raise Http404
        return render(request, "services/public_filed.html", {"req": filed, "building": building})
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            req = public_request_file(
                building=building,
                ip=client_ip(request),
                name=request.POST.get("name", ""),
                room=request.POST.get("room", ""),
                phone=request.POST.get("phone", ""),
                category=request.POST.get("category", ""),
                details=request.POST.get("details", ""),
            )
        except RateLimited:
            return _rate_limited(request)
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            # Redirected, so reloading the page that shows the reference does not file the request again.
            return redirect(f"{request.path}?{urlencode({'sent': rules.filed_token(req)})}")
    compound = building.parent
    return render(
        request,
        "services/public_request.html",
        {
            "building": building,
            "compound": compound,
            "categories": Category.choices,
            "values": request.POST,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def public_status(request: HttpRequest) -> HttpResponse:
    """Look up a request by reference and phone; confirm and rate a finished one."""
    source = request.POST if request.method == "POST" else request.GET
    reference, phone = source.get("reference", "").strip(), source.get("phone", "").strip()
    req, error, errors = None, "", {}
    if reference and phone:
        try:
            req = public_request_find(ip=client_ip(request), reference=reference, phone=phone)
        except RateLimited:
            return _rate_limited(request)
        if req is None:
            error = _("No request matches this reference and phone number.")
    if req is not None and request.method == "POST":
        try:
            # Confirming and rating are one answer: a refused comment undoes the confirmation too, so
            # the resident sees the same form again with what they typed.
            with transaction.atomic():
                if request.POST.get("action") == "confirm" and req.status == RequestStatus.DONE:
                    req = request_confirm(by=None, request=req)
                rating = posted_int(request, "rating", 0)
                if rating:
                    req = request_rate(request=req, rating=rating, comment=request.POST.get("comment", ""))
        except ValidationError as exc:
            errors = exc.message_dict
            error = " ".join(m for field, said in errors.items() if field != "comment" for m in said)
            req.refresh_from_db()
    if req is not None:
        req = selectors.with_times([req])[0]
    return render(
        request,
        "services/public_status.html",
        {
            "req": req,
            "events": selectors.request_timeline(req) if req else [],
            "reference": reference,
            "phone": phone,
            "error": error,
            "errors": errors,
            "values": request.POST,
        },
        status=400 if errors else 200,
    )


def _public_url(request: HttpRequest, building: Area) -> str:
    return request.build_absolute_uri(reverse("public-request", args=[rules.building_token(building)]))


POSTERS_PAGE = 60  # a community's buildings on one page, to print at once


@login_required
def posters(request: HttpRequest, area_id: int) -> HttpResponse:
    """One printable A4 poster per building under the area, each with the QR code of its request page,
    a page of posters at a time: a community has dozens of buildings, a street hundreds."""
    area = area_or_404(request.user, area_id)
    assert area is not None
    buildings = Paginator(
        Area.objects.filter(path__startswith=area.path, kind=AreaKind.BUILDING).order_by("path"), POSTERS_PAGE
    ).get_page(request.GET.get("page"))
    sheets = []
    for building in buildings:
        url = _public_url(request, building)
        sheets.append(
            {
                "building": building,
                "trail": " ".join(a.name for a in ancestors(building)[-2:]),
                "url": url,
                "svg": qr_svg(url),
            }
        )
    return render(request, "services/posters.html", {"area": area, "sheets": sheets, "page": buildings})


@login_required
def poster_png(request: HttpRequest, area_id: int) -> HttpResponse:
    """The QR code of one building's request page as a PNG, for pasting into other documents."""
    building = area_or_404(request.user, area_id)
    if building is None or building.kind != AreaKind.BUILDING:
        raise Http404
    out = io.BytesIO()
    segno.make(_public_url(request, building), error="m").save(out, kind="png", scale=10, border=2)
    response = HttpResponse(out.getvalue(), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="qr-{building.pk}.png"'
    return response
