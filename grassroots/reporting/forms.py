"""Input parsing for the reporting pages; the services do the validating that matters."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Category, Severity

LOCAL_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ReportForm(forms.Form):
    # No category is chosen for the filer: the first one, an epidemic case, sends urgent notices up
    # the whole chain, and a careless submit must not file one.
    category = forms.ChoiceField(
        label=_("category"),
        choices=[("", _("choose…")), *Category.choices],
        error_messages={
            "required": _("Choose one of the report categories."),
            "invalid_choice": _("Choose one of the report categories."),
        },
    )
    severity = forms.ChoiceField(label=_("severity"), choices=Severity.choices)
    discovered_at = forms.DateTimeField(label=_("discovered"), widget=LOCAL_INPUT)
    location = forms.CharField(
        label=_("where"),
        max_length=200,
        required=False,
        error_messages={
            "max_length": _("Keep “where” within %(limit_value)d characters (it has %(show_value)d).")
        },
    )
    text = forms.CharField(label=_("what happened"), widget=forms.Textarea(attrs={"rows": 4}))
    measures = forms.CharField(
        label=_("measures taken"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)


class MissedForm(ReportForm):
    evidence = forms.CharField(label=_("evidence"), widget=forms.Textarea(attrs={"rows": 3}))


class OrderForm(forms.Form):
    title = forms.CharField(
        label=_("title"),
        max_length=200,
        error_messages={
            "max_length": _("Keep the title within %(limit_value)d characters (it has %(show_value)d).")
        },
    )
    text = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 5}))
    ack_deadline = forms.DateTimeField(label=_("acknowledge by"), widget=LOCAL_INPUT)
    carry_out_deadline = forms.DateTimeField(label=_("carry out by"), widget=LOCAL_INPUT, required=False)
    posts = forms.MultipleChoiceField(
        label=_("send to (none chosen: every post below)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)


class AcknowledgeForm(forms.Form):
    # The service says how long a name may be, naming the field; the box stops typing there. Blank is
    # the user's own name.
    name = forms.CharField(
        label=_("read by (name)"), required=False, widget=forms.TextInput(attrs={"maxlength": 50})
    )


class CarryOutForm(forms.Form):
    # The box asks for it; the service says what is missing when a post comes without it.
    note = forms.CharField(
        label=_("how it was carried out"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "required": True}),
    )


def set_choices(form: forms.Form, name: str, choices: list[tuple[Any, str]]) -> None:
    """Fill a choice field's options at request time (they depend on the user's post)."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices
