"""Shared pieces for every app's API router: bearer auth, paging, the error shape."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.security import HttpBearer

from .api_messages import schema_errors
from .models import User
from .services import api_token_user


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


class FieldError(Schema):
    field: str
    message: str
    row: int | None = None


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = []


def validation_errors(exc: ValidationError) -> list[dict[str, Any]]:
    if hasattr(exc, "error_dict"):
        return [
            {"field": field, "message": str(message)}
            for field, errors in exc.error_dict.items()
            for error in errors
            for message in error.messages
        ]
    return [{"field": "__all__", "message": str(m)} for m in exc.messages]


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        # Outside the caller's scope looks exactly like absent: nothing tells them it exists.
        return api.create_response(request, {"detail": _("Not found, or outside your area.")}, status=404)

    @api.exception_handler(PermissionDenied)
    def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(
            request, {"detail": str(exc) or _("You do not have permission to do this.")}, status=403
        )

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = validation_errors(exc)
        return api.create_response(
            request,
            {"detail": errors[0]["message"] if errors else _("Invalid input."), "errors": errors},
            status=400,
        )

    @api.exception_handler(SchemaError)
    def on_schema_error(request: HttpRequest, exc: SchemaError) -> HttpResponse:
        return api.create_response(request, schema_errors(exc.errors), status=422)

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja's own refusals, in the caller's language; the cause of a body that is not JSON.
        if isinstance(exc, AuthenticationError):
            detail = _("Sign in first: send a valid token as Authorization: Bearer <token>.")
        elif exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            detail = _("The request body is not valid JSON.")
        else:
            detail = str(exc)
        return api.create_response(request, {"detail": detail}, status=exc.status_code)


def page(queryset: Any, limit: int, offset: int) -> tuple[list[Any], int]:
    """One page of a queryset and the total count; limit is capped so one call cannot read everything."""
    limit = max(1, min(limit, 500))
    offset = max(0, offset)
    return list(queryset[offset : offset + limit]), queryset.count()
