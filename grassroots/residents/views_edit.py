"""Ledger edits by hand: add a household on the grid, add a resident to a household, edit either one.

Every write goes through the same services as visits and imports (via=edit), so it is validated the
same way (ID numbers by `idnumbers`), kept in the history and audited.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.forms import errors_said, submitted
from grassroots.core.models import User
from grassroots.core.scope import scoped_areas
from grassroots.places.models import Area, AreaKind

from .departures import resident_leave, resident_return
from .forms import (
    HouseholdEditForm,
    HouseholdForm,
    LeaveForm,
    ResidentEditForm,
    ResidentForm,
    ReturnForm,
    set_choices,
)
from .ledger_rules import may_edit_ledger
from .models import ChangeVia, Household, Relation, Resident
from .selectors import care_tags, household_get, resident_get, resident_history
from .services import (
    can_unmask,
    household_create,
    household_update,
    resident_create,
    resident_update,
)


def _editor(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    if not may_edit_ledger(user):
        raise PermissionDenied
    return user


def _tag_names() -> list[str]:
    return list(care_tags().values_list("name", flat=True))


def home_places(area: Area) -> list[tuple[int, str]]:
    """Where a household can be: every unit under `area`, and every building under it that has no units."""
    has_units = Exists(Area.objects.filter(parent=OuterRef("pk"), kind=AreaKind.UNIT))
    places = (
        Area.objects.filter(path__startswith=area.path, kind__in=(AreaKind.UNIT, AreaKind.BUILDING))
        .annotate(has_units=has_units)
        .select_related("parent")
        .order_by("path")
    )
    return [
        (a.pk, f"{a.parent.name} {a.name}" if a.kind == AreaKind.UNIT and a.parent else a.name)
        for a in places
        if a.kind == AreaKind.UNIT or not a.has_units
    ]


@login_required
def household_new(request: HttpRequest, area_id: int) -> HttpResponse:
    """Add a household to a unit of this compound, building or unit."""
    user = _editor(request)
    area = scoped_areas(user).filter(pk=area_id).first()
    if area is None or area.kind not in (AreaKind.COMPOUND, AreaKind.BUILDING, AreaKind.UNIT):
        raise Http404
    places = home_places(area)
    initial = {"area": request.GET.get("unit") or (places[0][0] if len(places) == 1 else None)}
    form = HouseholdForm(request.POST or None, initial=initial)
    set_choices(form, "area", places)

    def create(data: dict[str, Any]) -> Household:
        place = Area.objects.get(pk=data.pop("area"))
        return household_create(by=user, area=place, via=ChangeVia.EDIT, **data)

    created = submitted(
        request, form, create, lambda made: _("Household %(room)s added.") % {"room": made.room}
    )
    if created is not None:
        return redirect("ledger-household", household_id=created.pk)
    return render(
        request,
        "residents/household_form.html",
        {"form": form, "area": area, "title": _("Add a household")},
        status=400 if form.errors else 200,
    )


@login_required
def household_edit(request: HttpRequest, household_id: int) -> HttpResponse:
    user = _editor(request)
    found = household_get(user=user, household_id=household_id)
    if found is None:
        raise Http404
    initial: dict[str, Any] = {
        "room": found.room,
        "status": found.status,
        "no_smartphone": found.no_smartphone,
        "notes": found.notes,
        "version": found.version,
    }
    form = HouseholdEditForm(request.POST or None, initial=initial)

    def update(data: dict[str, Any]) -> Household:
        version = data.pop("version")
        return household_update(by=user, household=found, changes=data, version=version, via=ChangeVia.EDIT)

    if submitted(request, form, update, _("Saved.")):
        return redirect("ledger-household", household_id=found.pk)
    return render(
        request,
        "residents/household_form.html",
        {"form": form, "area": found.area, "household": found, "title": _("Edit the household")},
        status=400 if form.errors else 200,
    )


@login_required
def resident_new(request: HttpRequest, household_id: int) -> HttpResponse:
    user = _editor(request)
    found = household_get(user=user, household_id=household_id)
    if found is None:
        raise Http404
    # The first person entered in an empty household is most likely its head.
    first = found.head_id is None and not found.residents.exists()
    form = ResidentForm(
        request.POST or None,
        tags=_tag_names(),
        initial={"relation": Relation.HEAD if first else Relation.OTHER, "residence_type": "permanent"},
        bring_back="bring_back" in request.POST,
    )
    if submitted(
        request,
        form,
        lambda data: resident_create(by=user, household=found, via=ChangeVia.EDIT, **data),
        lambda made: _said_added(made, brought_back=bool(form.cleaned_data.get("bring_back"))),
    ):
        return redirect("ledger-household", household_id=found.pk)
    if form.has_error("id_number", "left_ledger") and "bring_back" not in form.fields:
        form.offer_bring_back()
    return render(
        request,
        "residents/resident_form.html",
        {"form": form, "household": found, "title": _("Add a resident")},
        status=400 if form.errors else 200,
    )


def _said_added(made: Resident, *, brought_back: bool) -> str:
    if brought_back:  # ticked, they may have been brought back rather than added: true either way
        return _("%(name)s is in the ledger, in this household.") % {"name": made.name}
    return _("%(name)s added.") % {"name": made.name}


def _resident_initial(found: Resident) -> dict[str, Any]:
    return {
        "name": found.name,
        "gender": found.gender,
        "id_type": found.id_type,
        "birth_date": found.birth_date,
        "phone": found.phone,
        "relation": found.relation,
        "residence_type": found.residence_type,
        "care_tags": [t.name for t in found.care_tags.all()],
        "is_party_member": found.is_party_member,
        "notes": found.notes,
        "version": found.version,
    }


def _resident_or_404(user: User, resident_id: int) -> Resident:
    found = resident_get(user=user, resident_id=resident_id)
    if found is None:
        raise Http404
    return found


@login_required
def resident(request: HttpRequest, resident_id: int) -> HttpResponse:
    """A resident's record: masked ID (unmask with a reason), the edit form for staff, the history."""
    user: User = request.user  # type: ignore[assignment]
    found = _resident_or_404(user, resident_id)
    editor = may_edit_ledger(user)
    if request.method == "POST" and (not editor or found.left_at is not None):
        raise PermissionDenied
    form = ResidentEditForm(
        request.POST or None, tags=_tag_names(), masked=found.id_masked, initial=_resident_initial(found)
    )

    def update(data: dict[str, Any]) -> Resident:
        changes = dict(data)
        version = changes.pop("version")
        if not changes["id_number"]:  # an empty box keeps the stored number
            del changes["id_number"]
        return resident_update(by=user, resident=found, changes=changes, version=version, via=ChangeVia.EDIT)

    if submitted(request, form, update, _("Saved.")):
        return redirect("ledger-resident", resident_id=found.pk)
    return _resident_page(request, found, form=form)


@login_required
@require_POST
def resident_leave_page(request: HttpRequest, resident_id: int) -> HttpResponse:
    """Take a resident out of the ledger; back to their household, which no longer lists them."""
    user = _editor(request)
    found = _resident_or_404(user, resident_id)
    leave = LeaveForm(request.POST)
    done = submitted(
        request,
        leave,
        lambda data: resident_leave(by=user, resident=found, **data),
        _("%(name)s has left the ledger.") % {"name": found.name},
    )
    if done:
        return redirect("ledger-household", household_id=found.household_id)
    now = _resident_or_404(user, resident_id)
    if now.left_at is not None:  # taken out by someone else meanwhile: the page no longer offers the form
        messages.error(request, errors_said(leave))
        return redirect("ledger-resident", resident_id=now.pk)
    return _resident_page(request, found, leave=leave)


@login_required
@require_POST
def resident_return_page(request: HttpRequest, resident_id: int) -> HttpResponse:
    user = _editor(request)
    found = _resident_or_404(user, resident_id)
    back = ReturnForm(request.POST)
    if submitted(
        request,
        back,
        lambda data: resident_return(by=user, resident=found, **data),
        _("%(name)s is back in the ledger.") % {"name": found.name},
    ):
        return redirect("ledger-resident", resident_id=found.pk)
    return _resident_page(request, found, back=back)


def _resident_page(
    request: HttpRequest,
    found: Resident,
    *,
    form: ResidentEditForm | None = None,
    leave: LeaveForm | None = None,
    back: ReturnForm | None = None,
) -> HttpResponse:
    """The resident page with whichever form was sent (and its errors); the other forms fresh."""
    user: User = request.user  # type: ignore[assignment]
    invalid = any(f is not None and f.errors for f in (form, leave, back))
    # Staff edit or take out someone in the ledger, and bring back someone who left; others only read.
    if not may_edit_ledger(user):
        form, leave, back = None, None, None
    elif found.left_at is None:
        form = form or ResidentEditForm(
            tags=_tag_names(), masked=found.id_masked, initial=_resident_initial(found)
        )
        leave, back = leave or LeaveForm(initial={"version": found.version}), None
    else:
        form, leave, back = None, None, back or ReturnForm()
    return render(
        request,
        "residents/resident.html",
        {
            "resident": found,
            "form": form,
            "leave": leave,
            "back": back,
            "history": Paginator(resident_history(user=user, resident=found), 50).get_page(
                request.GET.get("history_page")
            ),
            "may_unmask": can_unmask(user),
        },
        status=400 if invalid else 200,
    )
