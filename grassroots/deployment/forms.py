"""The station page's leave and rota forms: what was typed comes back beside its error."""

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from grassroots.core.forms import DateInput
from grassroots.people.models import Staff, StaffKind

from .services_rota import REASON_LENGTH, ROTA_KINDS, ROTA_LIMITS, out_of_range


def _date_field(label: Any, required: bool = True) -> forms.DateField:
    said = lazy(lambda: _("%(field)s: enter a date as YYYY-MM-DD.") % {"field": label}, str)()
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput,
        error_messages={"invalid": said, "required": said},
    )


def _count_field(label: Any, limit: str, initial: int) -> forms.IntegerField:
    """A whole number in the rota's range for `limit`; any bad entry is told the field and the range."""
    low, high = ROTA_LIMITS[limit]
    said = lazy(lambda: out_of_range(label, low, high), str)()
    return forms.IntegerField(
        label=label,
        initial=initial,
        required=limit != "kind",
        min_value=low,
        max_value=high,
        error_messages={key: said for key in ("invalid", "required", "min_value", "max_value")},
    )


class LeaveForm(forms.Form):
    staff = forms.TypedChoiceField(label=_("staff member"), coerce=int)
    starts_on = _date_field(pgettext_lazy("leave", "first day"))
    ends_on = _date_field(pgettext_lazy("leave", "last day"))
    # The service says how long a reason may be, naming the field; the box stops typing there.
    reason = forms.CharField(label=_("reason"), required=False, strip=True)

    def __init__(self, *args: Any, people: list[Staff], **kwargs: Any) -> None:
        # Both forms share a page and field names, so each keeps its own element ids.
        kwargs.setdefault("auto_id", "leave_%s")
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [(s.pk, s.name) for s in people]  # type: ignore[attr-defined]
        self.fields["reason"].widget.attrs["maxlength"] = REASON_LENGTH


class RotaForm(forms.Form):
    starts_on = _date_field(_("from"), required=False)
    days = _count_field(_("days"), "days", 14)
    min_heads = _count_field(_("people per shift at least"), "min_heads", 2)
    max_consecutive = _count_field(_("consecutive working days at most"), "max_consecutive", 6)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "rota_%s")
        super().__init__(*args, **kwargs)
        for kind in ROTA_KINDS:
            label = lazy(lambda k=kind: _("%(kind)s per shift") % {"kind": StaffKind(k).label}, str)()
            self.fields[f"kind_{kind}"] = _count_field(label, "kind", 0)

    def kind_fields(self) -> list[forms.BoundField]:
        return [self[f"kind_{kind}"] for kind in ROTA_KINDS]

    def min_kinds(self) -> dict[str, int]:
        return {kind: self.cleaned_data[f"kind_{kind}"] or 0 for kind in ROTA_KINDS}
