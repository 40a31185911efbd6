"""The page forms that publish tasks and delivery rounds and make green-channel plans, and small helpers
shared by the page views: reading posted values and showing service errors."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.core.apikit import validation_errors
from grassroots.core.forms import show_errors as show_on_form
from grassroots.core.models import AnyUser
from grassroots.core.scope import scoped_areas
from grassroots.places.models import Area
from grassroots.residents.models import Resident

from .models import Request
from .plan_services import plan_mistakes
from .task_services import delivery_round_mistakes, task_mistakes

if TYPE_CHECKING:  # the stubs are a development tool, not installed where the site runs
    from django_stubs_ext import StrOrPromise


def show_errors(request: HttpRequest, exc: ValidationError) -> None:
    for error in validation_errors(exc):
        messages.error(request, error["message"])


def errors_beside(
    request: HttpRequest, exc: ValidationError, fields: tuple[str, ...]
) -> dict[str, list[str]]:
    """A service's errors on `fields`, for the page to show beside those fields; the others (the
    request's status, say) as messages, since the page has no field to put them by."""
    beside: dict[str, list[str]] = {}
    for error in validation_errors(exc):
        if error["field"] in fields:
            beside.setdefault(error["field"], []).append(error["message"])
        else:
            messages.error(request, error["message"])
    return beside


def posted_int(request: HttpRequest, name: str, default: int = 0, label: str = "") -> int:
    """`label`: the field's name on the page, said in the error (show_errors shows only messages)."""
    value = request.POST.get(name, "").strip()
    if not value:
        return default
    if not value.lstrip("-").isdigit():
        said = (
            _("%(field)s: enter a whole number.") % {"field": label} if label else _("Enter a whole number.")
        )
        raise ValidationError({name: said})
    return int(value)


class NumberOrDefault(forms.IntegerField):
    """A number whose box left blank means its default, the value the page first showed."""

    def to_python(self, value: Any) -> int | None:
        number = super().to_python(value)
        return self.initial if number is None else number


def _area_field(message: "StrOrPromise") -> forms.ModelChoiceField:
    """The place chosen; its choices are the user's areas, set when the form is made."""
    return forms.ModelChoiceField(
        queryset=Area.objects.none(), error_messages={"required": message, "invalid_choice": message}
    )


def _when() -> forms.DateTimeField:
    """A date and time from the page's datetime-local input, in the site's time zone."""
    return forms.DateTimeField(error_messages={"invalid": gettext_lazy("Enter a date and time.")})


def _scope(form: forms.Form, user: AnyUser) -> None:
    field = form.fields["area"]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = scoped_areas(user)


class TaskForm(forms.Form):
    """The new-task page. Every field is read, then the service's rules are put on whatever could be
    read, so one submit shows every mistake, each under its field; the service checks them all again
    as it writes."""

    title = forms.CharField(required=False)
    kind = forms.CharField(required=False)
    area = _area_field(gettext_lazy("Choose the place."))
    places = NumberOrDefault(required=False, initial=1)
    deadline = _when()
    points = NumberOrDefault(required=False, initial=10)
    details = forms.CharField(required=False)

    def __init__(self, *args: Any, user: AnyUser, about: Request | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _scope(self, user)
        self.about = about

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        show_on_form(
            self,
            ValidationError(
                task_mistakes(
                    title=data.get("title", ""),
                    kind=data.get("kind", ""),
                    area=data.get("area"),
                    places=data.get("places"),
                    deadline=data.get("deadline"),
                    points=data.get("points"),
                    request=self.about,
                    now=timezone.now(),
                )
            ),
        )
        return data


class RoundForm(forms.Form):
    """The new delivery round, read and checked as TaskForm is, in the round's own words."""

    name = forms.CharField(required=False)
    area = _area_field(gettext_lazy("Choose the compound or building."))
    items = forms.CharField(required=False)
    helpers = NumberOrDefault(required=False, initial=2)
    deadline = _when()

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _scope(self, user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        show_on_form(
            self,
            ValidationError(
                delivery_round_mistakes(
                    name=data.get("name", ""),
                    area=data.get("area"),
                    items=data.get("items", ""),
                    helpers=data.get("helpers"),
                    deadline=data.get("deadline"),
                    now=timezone.now(),
                )
            ),
        )
        return data


WEEKDAYS = [
    (1, gettext_lazy("Mon")),
    (2, gettext_lazy("Tue")),
    (3, gettext_lazy("Wed")),
    (4, gettext_lazy("Thu")),
    (5, gettext_lazy("Fri")),
    (6, gettext_lazy("Sat")),
    (7, gettext_lazy("Sun")),
]


class PlanForm(forms.Form):
    """A new standing green-channel plan, read and checked as TaskForm is: every mistake of a submit
    beside its box at once, what was typed kept."""

    resident = forms.ModelChoiceField(
        queryset=Resident.objects.none(),
        error_messages={
            "required": gettext_lazy("Choose the resident."),
            "invalid_choice": gettext_lazy("Choose the resident."),
        },
    )
    emergency = forms.CharField(required=False)
    hospital = forms.CharField(required=False)
    weekdays = forms.TypedMultipleChoiceField(
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("Choose the weekdays of the trip (Monday to Sunday).")
        },
    )
    depart_time = forms.TimeField(
        error_messages={
            "required": gettext_lazy("Enter the departure time."),
            "invalid": gettext_lazy("Enter the departure time."),
        }
    )
    escort = forms.CharField(required=False)
    vehicle = forms.CharField(required=False)

    def __init__(self, *args: Any, patients: QuerySet[Resident], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["resident"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = patients

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        show_on_form(
            self,
            ValidationError(
                plan_mistakes(
                    emergency=data.get("emergency", ""),
                    hospital=data.get("hospital", ""),
                    weekdays=data.get("weekdays"),
                    escort=data.get("escort", ""),
                    vehicle=data.get("vehicle", ""),
                )
            ),
        )
        return data
