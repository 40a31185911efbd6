"""The API's own words for a request body or query that does not fit its schema.

django-ninja answers those with pydantic's errors as they are: English only, a location list such as
["body", "body", "household"] and a shape unlike the rest of the API. Here each becomes the field's
name and a sentence in the caller's language, in the API's one error shape (apikit.ErrorOut).
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# pydantic error type → the reason, with pydantic's context values (expected, max_length, ge, …).
REASONS = {
    "missing": gettext_lazy("Required."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "int_parsing_size": gettext_lazy("The number is too large."),
    "float_parsing": gettext_lazy("Enter a number."),
    "float_type": gettext_lazy("Enter a number."),
    "decimal_parsing": gettext_lazy("Enter a number."),
    "decimal_type": gettext_lazy("Enter a number."),
    "finite_number": gettext_lazy("Enter a number."),
    "string_type": gettext_lazy("Enter text."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "bool_type": gettext_lazy("Enter true or false."),
    "uuid_parsing": gettext_lazy("Enter a UUID, such as the one the phone made for this record."),
    "uuid_type": gettext_lazy("Enter a UUID, such as the one the phone made for this record."),
    "date_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_type": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "datetime_parsing": gettext_lazy("Enter a date and time, such as 2026-05-01T08:30:00+08:00."),
    "datetime_from_date_parsing": gettext_lazy("Enter a date and time, such as 2026-05-01T08:30:00+08:00."),
    "datetime_type": gettext_lazy("Enter a date and time, such as 2026-05-01T08:30:00+08:00."),
    "time_parsing": gettext_lazy("Enter a time as HH:MM."),
    "literal_error": gettext_lazy("Choose one of: %(expected)s."),
    "enum": gettext_lazy("Choose one of: %(expected)s."),
    "list_type": gettext_lazy("Enter a list."),
    "dict_type": gettext_lazy("Enter an object with named fields."),
    "model_type": gettext_lazy("Enter an object with named fields."),
    "model_attributes_type": gettext_lazy("Enter an object with named fields."),
    "string_too_long": gettext_lazy("At most %(max_length)s characters."),
    "string_too_short": gettext_lazy("At least %(min_length)s characters."),
    "too_long": gettext_lazy("At most %(max_length)s items."),
    "too_short": gettext_lazy("At least %(min_length)s items."),
    "greater_than": gettext_lazy("Must be more than %(gt)s."),
    "greater_than_equal": gettext_lazy("Must be at least %(ge)s."),
    "less_than": gettext_lazy("Must be less than %(lt)s."),
    "less_than_equal": gettext_lazy("Must be at most %(le)s."),
    "json_invalid": gettext_lazy("Not valid JSON."),
    "extra_forbidden": gettext_lazy("Not a field of this request."),
}
SOURCES = {"body", "query", "path", "form", "header", "cookie", "file"}


def _field(loc: list[Any]) -> str:
    """["body", "body", "changes", "phone"] → "changes.phone"; ["query", "area"] → "area"."""
    parts = list(loc)
    if parts and parts[0] in SOURCES:
        parts = parts[1:]
        if len(parts) > 1 and loc[0] == "body":
            parts = parts[1:]  # the view's argument name, which the caller never wrote
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "body"


def _reason(error: dict[str, Any]) -> str:
    reason = REASONS.get(error.get("type", ""))
    if reason is None:
        if error.get("type") == "value_error" and "error" in error.get("ctx", {}):
            return str(error["ctx"]["error"])  # our own validators' words, already translated
        return str(error.get("msg", _("Invalid value.")))
    try:
        return str(reason) % error.get("ctx", {}) if "%(" in str(reason) else str(reason)
    except KeyError:  # a pydantic version that names its limits differently: its own words, then
        return str(error.get("msg", reason))


def schema_errors(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """ninja's validation errors as the API's error body: the first in `detail`, all in `errors`."""
    listed = [{"field": _field(e.get("loc", [])), "message": _reason(e)} for e in errors]
    detail = (
        _("%(field)s: %(errors)s") % {"field": listed[0]["field"], "errors": listed[0]["message"]}
        if listed
        else _("Invalid input.")
    )
    return {"detail": detail, "errors": listed}
