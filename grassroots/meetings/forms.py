"""Input parsing for the meeting and decision pages."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.places.models import Post, PostKind

from .models import MeetingKind, Vote

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


class PostForm(forms.Form):
    """Which post a meeting or decision is recorded for, where the user's area holds several: each
    community's centre with its stations, as the grid groups them."""

    post = forms.ChoiceField(label=_("post"))

    def __init__(self, *, posts: Iterable[Post], chosen: Post | None) -> None:
        super().__init__(initial={"post": chosen.pk if chosen else ""})
        # By community (two streets may each have one of the same name), its centre first, then its
        # stations by name.
        groups: dict[int, tuple[str, list[Post]]] = {}
        for post in posts:
            community = (
                post.area if post.kind == PostKind.CENTRE or post.area.parent is None else post.area.parent
            )
            groups.setdefault(community.pk, (community.name, []))[1].append(post)
        ordered = [
            (name, [(p.pk, p.name) for p in sorted(group, key=lambda p: (p.kind != PostKind.CENTRE, p.name))])
            for name, group in groups.values()
        ]
        field = self.fields["post"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("choose a post")), *ordered]


class TaskForm(forms.Form):
    """One task assigned at the meeting; a blank row is skipped (the service checks the rest)."""

    title = forms.CharField(label=_("task"), max_length=200, required=False)
    owner = forms.ChoiceField(label=_("owner"), required=False)
    deadline = forms.DateTimeField(label=_("deadline"), widget=LOCAL_INPUT, required=False)


class DecisionForm(forms.Form):
    matter = forms.CharField(label=_("matter"), widget=forms.Textarea(attrs={"rows": 3}))
    members = forms.MultipleChoiceField(label=_("members"), widget=forms.CheckboxSelectMultiple)
    quorum = forms.IntegerField(label=_("quorum (blank: a majority)"), required=False, min_value=1)


class OpinionForm(forms.Form):
    """One member's row of a decision's sheet. Each field carries the value the page showed, so only
    the rows the recorder changed are written, not another recorder's since."""

    present = forms.BooleanField(label=_("present"), required=False, show_hidden_initial=True)
    vote = forms.ChoiceField(
        label=_("vote"),
        choices=[("", "—"), *Vote.choices],
        required=False,
        show_hidden_initial=True,
        widget=forms.Select(attrs={"aria-label": _("vote")}),
    )
    view = forms.CharField(
        label=_("view"),
        required=False,
        show_hidden_initial=True,
        widget=forms.TextInput(attrs={"aria-label": _("view"), "placeholder": _("view")}),
    )

    def shown(self) -> dict[str, Any]:
        """The row as the page showed it: the hidden initial values posted with it."""
        return {
            name: field.to_python(self.data.get(self.add_initial_prefix(name)))
            for name, field in self.fields.items()
        }


class SealForm(forms.Form):
    """The decision being written, and the version of the sheet the page shows (the rows' form)."""

    decision = forms.CharField(label=_("decision"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
