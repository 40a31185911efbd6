from django import forms
from django.utils.translation import gettext_lazy as _

from .indicators import RATER_INDICATORS
from .models import AccountabilityOutcome


class RatingForm(forms.Form):
    code = forms.ChoiceField(label=_("indicator"), choices=list(RATER_INDICATORS.items()))
    value = forms.IntegerField(label=_("mark"), min_value=0, max_value=100)
    note = forms.CharField(label=_("note"), max_length=200, required=False)


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
