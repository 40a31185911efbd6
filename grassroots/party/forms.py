from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ActivityKind


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("title"), max_length=100)
    held_on = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    attendees = forms.MultipleChoiceField(
        label=_("attendees"), required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, attendees: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = attendees  # type: ignore[attr-defined]


class CardForm(forms.Form):
    pledge = forms.CharField(label=_("pledge"), max_length=200, required=False)
    shows_phone = forms.BooleanField(label=_("show my phone on the card"), required=False)
    shows_department = forms.BooleanField(label=_("show my department on the card"), required=False)
    on_duty = forms.BooleanField(label=_("on duty"), required=False)


class SquadCaseForm(forms.Form):
    title = forms.CharField(label=_("case"), max_length=200, required=False)
    area = forms.IntegerField(label=_("area"), required=False, widget=forms.HiddenInput)
    request = forms.CharField(label=_("request reference"), max_length=12, required=False)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
