"""Input parsing for the meeting and decision pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MeetingKind

LOCAL_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=MeetingKind.choices)
    held_at = forms.DateTimeField(label=_("held at"), widget=LOCAL_INPUT)
    attendees = forms.MultipleChoiceField(label=_("attendees"), widget=forms.CheckboxSelectMultiple)
    orders = forms.MultipleChoiceField(
        label=_("orders relayed"), required=False, widget=forms.CheckboxSelectMultiple
    )
    problems = forms.CharField(
        label=_("problems found and their solutions (one a line: problem | solution)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    notes = forms.CharField(label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def problem_pairs(self) -> list[tuple[str, str]]:
        pairs = []
        for line in self.cleaned_data["problems"].splitlines():
            problem, _sep, solution = line.partition("|")
            if problem.strip():
                pairs.append((problem.strip(), solution.strip()))
        return pairs


class TaskForm(forms.Form):
    """One task assigned at the meeting; a blank row is skipped."""

    title = forms.CharField(label=_("task"), max_length=200, required=False)
    owner = forms.ChoiceField(label=_("owner"), required=False)
    deadline = forms.DateTimeField(label=_("deadline"), widget=LOCAL_INPUT, required=False)


class DecisionForm(forms.Form):
    matter = forms.CharField(label=_("matter"), widget=forms.Textarea(attrs={"rows": 3}))
    members = forms.MultipleChoiceField(label=_("members"), widget=forms.CheckboxSelectMultiple)
    quorum = forms.IntegerField(label=_("quorum (blank: a majority)"), required=False, min_value=1)
