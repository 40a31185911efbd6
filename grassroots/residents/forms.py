"""Input parsing for the ledger pages; the services do the validating that matters (ID numbers, rooms,
the household head), and their field-named errors are shown beside the same fields."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from grassroots.core.forms import DateInput
from grassroots.people.models import Gender

from .models import HouseholdStatus, IdType, LeftReason, Relation, ResidenceType


class HouseholdForm(forms.Form):
    area = forms.TypedChoiceField(label=_("unit"), coerce=int)
    room = forms.CharField(label=_("room"), max_length=20)
    status = forms.ChoiceField(label=_("status"), choices=HouseholdStatus.choices)
    no_smartphone = forms.BooleanField(label=_("no smartphone"), required=False)
    notes = forms.CharField(label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class HouseholdEditForm(HouseholdForm):
    # A household stays where it is: moving a home is a new household.
    area = None  # type: ignore[assignment]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ResidentForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "name"), max_length=50)
    gender = forms.ChoiceField(
        label=_("gender"), required=False, choices=[("", _("from the ID number")), *Gender.choices]
    )
    id_type = forms.ChoiceField(label=_("ID type"), choices=IdType.choices)
    id_number = forms.CharField(
        label=_("ID number"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    birth_date = forms.DateField(label=_("birth date"), required=False, widget=DateInput)
    phone = forms.CharField(
        label=_("phone"), required=False, max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    relation = forms.ChoiceField(label=_("relation to the head"), choices=Relation.choices)
    residence_type = forms.ChoiceField(label=_("residence type"), choices=ResidenceType.choices)
    care_tags = forms.MultipleChoiceField(
        label=_("care tags"), required=False, widget=forms.CheckboxSelectMultiple
    )
    is_party_member = forms.BooleanField(label=_("party member"), required=False)
    notes = forms.CharField(label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, tags: list[str], bring_back: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["care_tags"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(t, t) for t in tags]
        if bring_back:
            self.offer_bring_back()

    def offer_bring_back(self) -> None:
        """The box that says the ID number's holder, who left the ledger, is the person being added:
        shown once the number has been refused for that reason."""
        self.fields["bring_back"] = forms.BooleanField(label=_("Bring them back here"), required=False)
        before = list(self.fields)
        # Beside the refused number, not below the notes where a phone's screen would hide it.
        self.order_fields([*before[: before.index("id_number") + 1], "bring_back"])


class ResidentEditForm(ResidentForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, masked: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The stored number is never sent to the page: an empty box keeps it, a typed one replaces it.
        self.fields["id_number"].help_text = _("Now %(masked)s; leave empty to keep it.") % {
            "masked": masked or "—"
        }


class LeaveForm(forms.Form):
    prefix = "leave"  # beside the edit form, whose fields share these names
    reason = forms.ChoiceField(label=_("why they left"), choices=LeftReason.choices)
    note = forms.CharField(label=_("note"), required=False, max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AbsentLeaveForm(forms.Form):
    """Who of those a ledger file left out to take out of the ledger, and why."""

    resident = forms.TypedMultipleChoiceField(label=_("residents"), coerce=int, required=False)
    reason = forms.ChoiceField(label=_("why they left"), choices=LeftReason.choices)
    note = forms.CharField(label=_("note"), required=False, max_length=300)

    def __init__(self, *args: Any, absent: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["resident"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(p["resident"], p["name"]) for p in absent]


class ReturnForm(forms.Form):
    prefix = "return"
    note = forms.CharField(label=_("note"), required=False, max_length=300)


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    area = forms.TypedChoiceField(label=_("area"), coerce=int)
    starts_on = forms.DateField(label=_("start"), widget=DateInput)
    ends_on = forms.DateField(label=_("end"), widget=DateInput)


class CampaignEditForm(CampaignForm):
    # The area stays: visits already recorded were made inside it.
    area = None  # type: ignore[assignment]


class CareTagForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=40)
    contact_every_days = forms.IntegerField(label=_("contact every (days)"), min_value=1, max_value=365)


def set_choices(form: forms.Form, name: str, choices: list[tuple[Any, str]]) -> None:
    """Fill a choice field's options at request time (they depend on the user's scope)."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices
