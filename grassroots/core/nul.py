"""Refusing NUL characters (U+0000) before anything reads them.

PostgreSQL cannot store or compare text holding a NUL, so one typed or pasted into a search box or an
API field reached the database as a 500. Forms already refuse it field by field (Django's CharField
does); query strings and JSON bodies have no form, so they are checked here, once, for every view.
"""

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"


def nul_field(data: Any, at: str = "") -> str | None:
    """Where in parsed JSON (`changes.phone`, `items[2]`) the first text holding a NUL is, or None."""
    if isinstance(data, str):
        return at if NUL in data else None
    if isinstance(data, dict):
        for key, value in data.items():
            where = f"{at}.{key}" if at else str(key)
            if NUL in str(key):
                return where
            if (found := nul_field(value, where)) is not None:
                return found
    elif isinstance(data, list):
        for i, value in enumerate(data):
            if (found := nul_field(value, f"{at}[{i}]")) is not None:
                return found
    return None


def _field_with_nul(request: HttpRequest) -> str | None:
    if NUL in request.path:
        return _("web address")
    for key, values in request.GET.lists():
        if NUL in key or any(NUL in v for v in values):
            return key
    if request.content_type == "application/json" and request.body:
        try:
            return nul_field(json.loads(request.body))
        except ValueError:
            return None  # not JSON at all: the API says so itself
    return None


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = _field_with_nul(request)
        if field is None:
            return self.get_response(request)
        message = _("%(field)s: contains a NUL character (U+0000), which cannot be stored; remove it.") % {
            "field": field
        }
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": message, "errors": [{"field": field, "message": message}]}, status=400
            )
        return render(request, "400.html", {"message": message}, status=400)
