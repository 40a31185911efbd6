"""Small helpers shared by the page views: reading posted values and showing service errors."""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from grassroots.core.apikit import validation_errors


def show_errors(request: HttpRequest, exc: ValidationError) -> None:
    for error in validation_errors(exc):
        messages.error(request, error["message"])


def errors_beside(
    request: HttpRequest, exc: ValidationError, fields: tuple[str, ...]
) -> dict[str, list[str]]:
    """A service's errors on `fields`, for the page to show beside those fields; the others (the
    request's status, say) as messages, since the page has no field to put them by."""
    beside: dict[str, list[str]] = {}
    for error in validation_errors(exc):
        if error["field"] in fields:
            beside.setdefault(error["field"], []).append(error["message"])
        else:
            messages.error(request, error["message"])
    return beside


def posted_int(request: HttpRequest, name: str, default: int = 0, label: str = "") -> int:
    """`label`: the field's name on the page, said in the error (show_errors shows only messages)."""
    value = request.POST.get(name, "").strip()
    if not value:
        return default
    if not value.lstrip("-").isdigit():
        said = (
            _("%(field)s: enter a whole number.") % {"field": label} if label else _("Enter a whole number.")
        )
        raise ValidationError({name: said})
    return int(value)


def posted_datetime(request: HttpRequest, name: str, label: str) -> datetime:
    """A local date and time from a datetime-local input, made aware in the site's time zone; `label`
    as for posted_int."""
    raw = request.POST.get(name, "").strip()
    try:
        value = parse_datetime(raw) if raw else None
    except ValueError:  # well formed but no such moment (month 13, 25 o'clock)
        value = None
    if value is None:
        raise ValidationError({name: _("%(field)s: enter a date and time.") % {"field": label}})
    return value if timezone.is_aware(value) else timezone.make_aware(value)
