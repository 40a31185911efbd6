from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.core.forms import DateInput
from grassroots.people.models import Staff
from grassroots.places.models import Area, Post
from grassroots.residents.models import Resident

from .models import ActivityKind, PartyMember

# Where a service's error lands on these forms when the field is named differently there.
SERVICE_FIELDS = {"staff": "person", "resident": "person", "organisation": None}


def today_field(label: Any) -> forms.DateField:
    return forms.DateField(label=label, initial=timezone.localdate, widget=DateInput)


class PostChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Post) -> str:  # type: ignore[override]
        return f"{obj.area.name} · {obj.name} ({obj.get_kind_display()})"


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    post = PostChoice(label=_("post"), queryset=Post.objects.none())
    secretary = forms.ModelChoiceField(label=_("secretary"), queryset=Staff.objects.none(), required=False)
    founded_on = today_field(_("founded on"))

    def __init__(
        self,
        *args: Any,
        posts: QuerySet[Post],
        secretaries: QuerySet[Staff],
        second_branch: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["post"].queryset = posts  # type: ignore[attr-defined]
        self.fields["secretary"].queryset = secretaries  # type: ignore[attr-defined]
        if second_branch:
            self.offer_second_branch()

    def offer_second_branch(self) -> None:
        """Offered only once the post was refused for having an organisation: a second branch is a
        choice made knowing the first."""
        self.fields["second_branch"] = forms.BooleanField(
            label=_("found a second branch beside the one standing there"), required=False
        )


class DissolveForm(forms.Form):
    dissolved_on = today_field(_("dissolved on"))


class MemberForm(forms.Form):
    """A staff member or a resident, in one list: values are "staff:<id>" or "resident:<id>"."""

    person = forms.ChoiceField(label=_("party member"))
    joined_on = today_field(_("joined on"))
    duty = forms.CharField(label=_("duty"), max_length=100, required=False)
    pledge = forms.CharField(label=_("pledge"), max_length=200, required=False)

    def __init__(
        self, *args: Any, staff: QuerySet[Staff], residents: QuerySet[Resident], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.people: dict[str, Staff | Resident] = {f"staff:{s.pk}": s for s in staff}
        self.people |= {f"resident:{r.pk}": r for r in residents}
        staff_choices = [(k, p.name) for k, p in self.people.items() if k.startswith("staff:")]
        resident_choices = [
            (k, f"{p.name} · {p.household.area.name} {p.household.room}")  # type: ignore[union-attr]
            for k, p in self.people.items()
            if k.startswith("resident:")
        ]
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            (_("Staff"), staff_choices),
            (_("Residents"), resident_choices),
        ]

    def person_kwargs(self) -> dict[str, Staff | Resident]:
        key = self.cleaned_data["person"]
        return {key.split(":")[0]: self.people[key]}


class MemberLeaveForm(forms.Form):
    left_on = today_field(_("left on"))


class MemberDutyForm(forms.Form):
    duty = forms.CharField(label=_("duty"), max_length=100, required=False)


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: PartyMember) -> str:  # type: ignore[override]
        return obj.name


class MembersChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: PartyMember) -> str:  # type: ignore[override]
        return obj.name


class AreaChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Area) -> str:  # type: ignore[override]
        return f"{obj.name} ({obj.get_kind_display()})"


class PlacesChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Area) -> str:  # type: ignore[override]
        return str(obj.name) if obj.kind == "building" else f"{obj.parent.name} {obj.name}"  # type: ignore[union-attr]


class TeamForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    area = AreaChoice(label=_("task area"), queryset=Area.objects.none())
    task = forms.CharField(label=_("task"), max_length=200, required=False)
    leader = MemberChoice(label=_("leader"), queryset=PartyMember.objects.none(), required=False)
    members = MembersChoice(
        label=_("members"),
        queryset=PartyMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_squad = forms.BooleanField(label=_("a service squad, taking hard cases"), required=False)

    def __init__(
        self, *args: Any, areas: QuerySet[Area], members: QuerySet[PartyMember], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        self.fields["leader"].queryset = members  # type: ignore[attr-defined]
        self.fields["members"].queryset = members  # type: ignore[attr-defined]


class ResponsibilityForm(forms.Form):
    member = MemberChoice(label=_("party member"), queryset=PartyMember.objects.none())
    covers = PlacesChoice(
        label=_("buildings or units"), queryset=Area.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    building_manager = forms.ModelChoiceField(
        label=_("building manager"), queryset=Staff.objects.none(), required=False
    )
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def __init__(
        self,
        *args: Any,
        members: QuerySet[PartyMember],
        places: QuerySet[Area],
        managers: QuerySet[Staff],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]
        self.fields["covers"].queryset = places  # type: ignore[attr-defined]
        self.fields["building_manager"].queryset = managers  # type: ignore[attr-defined]


class DemonstrationPostForm(forms.Form):
    member = MemberChoice(label=_("party member"), queryset=PartyMember.objects.none())
    post = PostChoice(label=_("post"), queryset=Post.objects.none())
    title = forms.CharField(label=_("title"), max_length=100)
    pledge = forms.CharField(label=_("pledge"), max_length=200)

    def __init__(
        self, *args: Any, members: QuerySet[PartyMember], posts: QuerySet[Post], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]
        self.fields["post"].queryset = posts  # type: ignore[attr-defined]


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("title"), max_length=100)
    held_on = forms.DateField(label=_("date"), widget=DateInput)
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
    shows_card = forms.BooleanField(label=_("show my card while I am on duty"), required=False)


class SquadCaseForm(forms.Form):
    title = forms.CharField(label=_("case"), max_length=200, required=False)
    area = forms.IntegerField(label=_("area"), required=False, widget=forms.HiddenInput)
    request = forms.CharField(label=_("request reference"), max_length=12, required=False)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
