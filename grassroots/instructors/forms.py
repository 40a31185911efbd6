"""Page forms: they parse and show errors; every rule lives in the services."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateInput
from grassroots.core.lists import listed
from grassroots.people.models import Department, Gender
from grassroots.places.models import Area, AreaKind

from .models import Call, Field, Focus, Source, TrainingKind

# A phone's number pad, and the browser's offer of the user's own number.
TEL_OWN = {"type": "tel", "inputmode": "tel", "autocomplete": "tel"}


class ApplyForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "name"), max_length=50)
    gender = forms.ChoiceField(label=_("gender"), choices=Gender.choices)
    birth_date = forms.DateField(label=_("date of birth"), widget=DateInput)
    phone = forms.CharField(label=_("phone"), max_length=20, widget=forms.TextInput(attrs=TEL_OWN))
    source = forms.ChoiceField(label=_("how nominated"), choices=Source.choices)
    department = forms.ModelChoiceField(label=_("sending unit"), queryset=Department.objects.none())
    township = forms.ModelChoiceField(
        label=_("recommending township"), queryset=Area.objects.none(), required=False
    )
    post = forms.CharField(label=pgettext_lazy("job", "post"), max_length=60)
    strengths = forms.CharField(label=_("strengths"), max_length=300, required=False)
    familiar_fields = forms.MultipleChoiceField(
        label=_("familiar fields"), choices=Field.choices, widget=forms.CheckboxSelectMultiple
    )
    is_party_member = forms.BooleanField(label=_("party member"), required=False)
    political_quality_ok = forms.BooleanField(label=_("political quality passed"), required=False)
    health_ok = forms.BooleanField(label=_("fit for rural work"), required=False)
    party_work_years = forms.IntegerField(label=_("years of party work"), min_value=0, max_value=60)
    service_years = forms.IntegerField(label=_("years of service"), min_value=0, max_value=60)

    def __init__(self, *args: object, call: Call, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        ancestors = [int(p) for p in call.area.path.strip("/").split("/") if p]
        self.fields["department"].queryset = Department.objects.filter(area_id__in=ancestors)  # type: ignore[attr-defined]
        self.fields["township"].queryset = Area.objects.filter(  # type: ignore[attr-defined]
            kind=AreaKind.TOWNSHIP, path__startswith=call.area.path
        )


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("decision"),
        choices=[("1", _("approve")), ("0", _("reject"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("reason"), max_length=300)


class MatchingDecisionForm(forms.Form):
    reason = forms.CharField(label=_("reason for the decision"), max_length=300)


def ranks_from_post(
    post: Mapping[str, Any], prefix: str, rows: list[tuple[int, str]]
) -> tuple[list[int], dict[int, str], list[str]]:
    """The numbers typed beside each row (`<prefix><id>`): the ids in that order, what was typed per id
    (to show again), and an error per row whose number is not a whole number from 1 or repeats another's.
    `rows` pairs each id with the label that names its row."""
    typed = {pk: str(post.get(f"{prefix}{pk}", "")).strip() for pk, _label in rows}
    errors: list[str] = []
    by_rank: dict[int, list[str]] = {}
    picked = []
    for pk, label in rows:
        raw = typed[pk]
        if not raw:
            continue
        if not raw.isdigit() or int(raw) < 1:
            errors.append(
                gettext("%(row)s: the rank “%(typed)s” is not a whole number from 1.")
                % {"row": label, "typed": raw}
            )
            continue
        by_rank.setdefault(int(raw), []).append(label)
        picked.append((int(raw), pk))
    for rank, labels in sorted(by_rank.items()):
        if len(labels) > 1:
            errors.append(
                gettext("%(rows)s: each has the rank %(rank)d; give each a different number.")
                % {"rows": listed(labels), "rank": rank}
            )
    return [pk for _rank, pk in sorted(picked)], typed, errors


class NeedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    focus = forms.MultipleChoiceField(
        label=_("focus"), choices=Focus.choices, widget=forms.CheckboxSelectMultiple
    )
    households = forms.IntegerField(label=_("households"), min_value=0)
    distance_km = forms.IntegerField(label=_("distance to the city (km)"), min_value=0, max_value=1000)
    special_needs = forms.CharField(label=_("special needs"), max_length=300, required=False)


class AdjustForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=300)
    change_penalty = forms.IntegerField(
        label=_("fit a move must gain"), min_value=0, max_value=1000, initial=20
    )


class LeaveForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=300)


class FinishForm(forms.Form):
    reason = forms.CharField(label=_("reason for finishing"), max_length=300)


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=120)
    kind = forms.ChoiceField(label=_("kind"), choices=TrainingKind.choices)
    held_on = forms.DateField(label=_("held on"), widget=DateInput)
    hours = forms.DecimalField(label=_("hours"), max_digits=4, decimal_places=1, initial=2)
    place = forms.CharField(label=_("place"), max_length=120, required=False)
    attendees = forms.MultipleChoiceField(
        label=_("attendees"), choices=[], widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: object, choices: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["attendees"].choices = choices  # type: ignore[attr-defined]


class LogForm(forms.Form):
    client_uuid = forms.UUIDField(widget=forms.HiddenInput)
    day = forms.DateField(label=_("date"), widget=DateInput)
    done = forms.CharField(label=_("what was done"), widget=forms.Textarea(attrs={"rows": 4}))
    problems = forms.CharField(label=_("problems"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    photo = forms.FileField(label=_("photo (optional)"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["day"].initial = timezone.localdate()
        self.fields["photo"].widget.attrs.update({"accept": "image/*", "capture": "environment"})


class MeetingForm(forms.Form):
    township = forms.ModelChoiceField(label=_("township"), queryset=Area.objects.none())
    held_on = forms.DateField(label=_("held on"), widget=DateInput)
    minutes = forms.CharField(label=_("minutes"), widget=forms.Textarea(attrs={"rows": 4}))
    reporters = forms.MultipleChoiceField(
        label=_("instructors who reported"), choices=[], widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args: object, townships: object, choices: list[tuple[int, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["township"].queryset = townships  # type: ignore[attr-defined]
        self.fields["reporters"].choices = choices  # type: ignore[attr-defined]


class UnitReviewForm(forms.Form):
    month = forms.DateField(
        label=_("month"), widget=forms.DateInput(attrs={"type": "month"}), input_formats=["%Y-%m"]
    )
    notes = forms.CharField(label=_("unit's notes"), widget=forms.Textarea(attrs={"rows": 3}))


class SurveyForm(forms.Form):
    phone = forms.CharField(
        label=_("your phone number"), max_length=20, widget=forms.TextInput(attrs=TEL_OWN)
    )
    score = forms.TypedChoiceField(
        label=_("how satisfied are you with the instructor"),
        choices=[
            (5, _("very satisfied")),
            (4, _("satisfied")),
            (3, _("fair")),
            (2, _("dissatisfied")),
            (1, _("very dissatisfied")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("comment (optional)"), max_length=300, required=False)


class CadreReviewForm(forms.Form):
    instructor = forms.IntegerField(widget=forms.HiddenInput)
    score = forms.IntegerField(label=_("score (0–100)"), min_value=0, max_value=100)
    comment = forms.CharField(label=_("comment"), max_length=300, required=False)
