"""Form pieces every app's pages share."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


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
    # A ValidationError made from a dict has no error_list, so look before choosing.
    pairs = exc.message_dict.items() if hasattr(exc, "error_dict") else [("__all__", exc.messages)]
    for field, messages in pairs:
        if rename and field in rename:
            field = rename[field] or "__all__"
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
