"""Each typed box on the party pages stops a phone at the length its column holds (the box's maxlength),
so the limit a user meets while typing is the one the service would refuse beyond."""

from django.db.models import Field, Model
from django.forms import CharField, Form

from grassroots.party.forms import (
    ActivityForm,
    CardForm,
    DemonstrationPostForm,
    MemberDutyForm,
    MemberForm,
    OrganisationForm,
    ResponsibilityForm,
    SquadCaseForm,
    TeamForm,
)
from grassroots.party.models import (
    Activity,
    DemonstrationPost,
    PartyMember,
    PartyOrganisation,
    ResponsibilityArea,
    SquadCase,
    VanguardTeam,
)
from grassroots.services.models import Request

BOXES: list[tuple[type[Form], str, type[Model], str]] = [
    (OrganisationForm, "name", PartyOrganisation, "name"),
    (MemberForm, "duty", PartyMember, "duty"),
    (MemberForm, "pledge", PartyMember, "pledge"),
    (MemberDutyForm, "duty", PartyMember, "duty"),
    (CardForm, "pledge", PartyMember, "pledge"),
    (TeamForm, "name", VanguardTeam, "name"),
    (TeamForm, "task", VanguardTeam, "task"),
    (ResponsibilityForm, "note", ResponsibilityArea, "note"),
    (DemonstrationPostForm, "title", DemonstrationPost, "title"),
    (DemonstrationPostForm, "pledge", DemonstrationPost, "pledge"),
    (ActivityForm, "title", Activity, "title"),
    (SquadCaseForm, "title", SquadCase, "title"),
    (SquadCaseForm, "request", Request, "reference"),
]


def test_every_typed_box_holds_what_its_column_holds() -> None:
    for form, name, model, column in BOXES:
        box, held = form.base_fields[name], model._meta.get_field(column)
        assert isinstance(box, CharField) and isinstance(held, Field)
        assert box.max_length == held.max_length, f"{form.__name__}.{name}"
        assert box.widget.attrs["maxlength"] == str(held.max_length), f"{form.__name__}.{name}"
