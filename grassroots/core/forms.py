"""Form pieces every app's pages share."""

import datetime
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

T = TypeVar("T")


class DateInput(forms.DateInput):
    """A phone's date picker; it reads only ISO dates, whatever the page's language."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def show_errors(
    form: forms.Form, exc: ValidationError, rename: Mapping[str, str | None] | None = None
) -> None:
    """Put a service's field-named errors beside the form's fields of that name, others above the form.

    `rename` maps a service's field to the form's field where they are named differently (None: above).
    """
    # A ValidationError made from a dict has no error_list, so look before choosing. The errors go on
    # as they are, codes kept, so a page can tell one refusal from another (form.has_error).
    pairs = exc.error_dict.items() if hasattr(exc, "error_dict") else [("__all__", exc.error_list)]
    for field, errors in pairs:
        if rename and field in rename:
            field = rename[field] or "__all__"
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def submitted(
    request: HttpRequest,
    form: forms.Form,
    write: Callable[[dict[str, Any]], T],
    done: str | Callable[[T], str],
    rename: Mapping[str, str | None] | None = None,
) -> T | None:
    """On a valid POST, run the service with the form's data and say it is done (`done` may be made
    from the result); a service's refusal lands on the form's fields. None when nothing was written
    (a GET or any error)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = write(form.cleaned_data)
    except ValidationError as exc:
        show_errors(form, exc, rename)
        return None
    messages.success(request, done(result) if callable(done) else done)
    return result


def errors_said(form: forms.Form) -> str:
    """A form's errors as one line naming each field by its label, for a page that shows the form's
    errors as a message (a form repeated down a list has no one place beside its fields)."""
    parts = []
    for field, texts in form.errors.items():
        label = form.fields[field].label if field in form.fields else None
        said = " ".join(str(t) for t in texts)
        parts.append(_("%(field)s: %(errors)s") % {"field": label, "errors": said} if label else said)
    return _("; ").join(parts)


def day_param(request: HttpRequest, name: str, label: str, default: datetime.date) -> datetime.date:
    """A date from the query string (a filter's date picker), or `default` when it is absent; when it
    is not a date (2026-13-45 as much as "soon") the page says so, naming the field, and uses `default`."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    try:
        day = parse_date(raw)
    except ValueError:  # well formed but no such day
        day = None
    if day is None:
        messages.error(request, _("%(field)s: enter a date as YYYY-MM-DD.") % {"field": label})
        return default
    return day
