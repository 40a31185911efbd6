from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateInput
from grassroots.places.models import Area, AreaKind

from .indicators import RATER_INDICATORS, REGISTRY, Indicator
from .models import AccountabilityOutcome, PeriodKind, Scheme

# The levels an assessment is kept and run at: a whole district down to a community or village.
ASSESSED_KINDS = [
    AreaKind.CITY,
    AreaKind.DISTRICT,
    AreaKind.COUNTY,
    AreaKind.STREET,
    AreaKind.TOWNSHIP,
    AreaKind.COMMUNITY,
    AreaKind.VILLAGE,
]


class SchemeForm(forms.Form):
    """A name, the owning area, and for every indicator in the registry a weight (blank: not used)
    and, for counts, the target that earns full marks."""

    name = forms.CharField(label=_("name"), max_length=100)
    area = forms.ModelChoiceField(label=_("area"), queryset=Area.objects.none())

    def __init__(self, *args: Any, areas: QuerySet[Area], scheme: Scheme | None = None, **kwargs: Any):
        if scheme is not None:
            initial = {"name": scheme.name, "area": scheme.area_id}
            for line in scheme.indicators.all():
                initial[f"weight_{line.code}"] = line.weight
                initial[f"target_{line.code}"] = line.target
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        area_field = self.fields["area"]
        assert isinstance(area_field, forms.ModelChoiceField)
        area_field.queryset = areas
        if scheme is not None:
            # A scheme stays with the area that keeps it; its periods were opened under that area.
            area_field.disabled = True
            area_field.queryset = Area.objects.filter(pk=scheme.area_id)
        for code, ind in REGISTRY.items():
            self.fields[f"weight_{code}"] = forms.IntegerField(
                label=str(ind.label), min_value=1, max_value=100, required=False
            )
            if ind.is_count:
                self.fields[f"target_{code}"] = forms.IntegerField(
                    label=_("target"), min_value=1, required=False
                )

    def rows(self) -> list[tuple[Indicator, forms.BoundField, forms.BoundField | None]]:
        """One row per indicator for the template: (indicator, weight field, target field or None)."""
        return [
            (ind, self[f"weight_{code}"], self[f"target_{code}"] if ind.is_count else None)
            for code, ind in REGISTRY.items()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lines = []
        for code, ind in REGISTRY.items():
            weight = data.get(f"weight_{code}")
            if weight is None:
                continue
            target = data.get(f"target_{code}") if ind.is_count else None
            if ind.is_count and not target:
                self.add_error(f"target_{code}", _("A count indicator needs a target."))
            lines.append((code, weight, target))
        if not lines and not self.errors:
            raise ValidationError(_("Give a weight to at least one indicator."))
        data["lines"] = lines
        return data


class PeriodForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    kind = forms.ChoiceField(label=_("kind"), choices=PeriodKind.choices, initial=PeriodKind.MONTH)
    starts_on = forms.DateField(label=_("starts on"), widget=DateInput)
    ends_on = forms.DateField(
        label=_("ends on"),
        widget=DateInput,
        required=False,
        help_text=_("Leave empty for the end of the month, quarter or year."),
    )
    area = forms.ModelChoiceField(label=_("area"), queryset=Area.objects.none())
    scheme = forms.ModelChoiceField(label=_("scheme"), queryset=Scheme.objects.none())

    def __init__(self, *args: Any, areas: QuerySet[Area], schemes: QuerySet[Scheme], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        self.fields["scheme"].queryset = schemes  # type: ignore[attr-defined]


class RatingForm(forms.Form):
    code = forms.ChoiceField(label=_("indicator"), choices=list(RATER_INDICATORS.items()))
    value = forms.IntegerField(label=_("mark"), min_value=0, max_value=100)
    note = forms.CharField(label=_("note"), max_length=200, required=False)


class RaterForm(forms.Form):
    """One person's mark on the rater page: the indicators offered are those the rater may enter."""

    person = forms.IntegerField(widget=forms.HiddenInput)
    code = forms.ChoiceField(label=_("indicator"))
    value = forms.IntegerField(label=_("mark"), min_value=0, max_value=100)
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def __init__(self, *args: Any, codes: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [(c, RATER_INDICATORS[c]) for c in codes]  # type: ignore[attr-defined]


class NominationForm(forms.Form):
    title = forms.CharField(label=_("honour"), max_length=100)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("decision"), coerce=lambda v: v == "yes", choices=[("yes", _("yes")), ("no", _("no"))]
    )
    reason = forms.CharField(label=_("reason"), max_length=300, required=False)


class AccountabilityForm(forms.Form):
    title = forms.CharField(label=_("matter"), max_length=200)
    evidence = forms.CharField(label=_("evidence"), widget=forms.Textarea(attrs={"rows": 3}))


class ReplyForm(forms.Form):
    reply = forms.CharField(label=_("the person's reply"), widget=forms.Textarea(attrs={"rows": 3}))


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("outcome"), choices=[c for c in AccountabilityOutcome.choices if c[0]]
    )


class PoolForm(forms.Form):
    size = forms.IntegerField(label=_("places in the pool"), min_value=1, max_value=200, initial=10)
