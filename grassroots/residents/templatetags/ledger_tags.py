"""Template helpers for the ledger pages."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from grassroots.core import lists
from grassroots.residents.models import Household, LeftReason, Resident

register = template.Library()


@register.filter
def change_label(field: str) -> str:
    """The label of a field named in the history (stored as its code, e.g. "phone"), in the reader's language."""
    if field == "created":
        return _("added to the ledger")
    if field == "head":
        return _("head of household")
    if field == "left":
        return _("left the ledger")
    if field == "returned":
        return _("back in the ledger")
    if field == "id_number":
        return _("ID number")
    for model in (Resident, Household):
        try:
            return str(getattr(model._meta.get_field(field), "verbose_name", field))
        except FieldDoesNotExist:
            continue
    return field


@register.filter
def change_value(value: str, field: str) -> str:
    """An old or new value as the reader knows it: choice codes by their label, yes/no for flags."""
    if field in ("left", "returned"):
        if not value:  # the other side of leaving or coming back: 在册 → 迁出, 迁出 → 在册
            return pgettext("ledger state", "in the ledger")
        # Why someone left, by its code; on leaving, any note follows the code after a colon.
        code, _sep, note = value.partition(":") if field == "left" else (value, "", "")
        if code in LeftReason.values:
            reason = str(LeftReason(code).label)
            return _("%(reason)s: %(note)s") % {"reason": reason, "note": note} if note else reason
        return value
    if value in ("True", "False") and field in ("no_smartphone", "is_party_member"):
        return pgettext("flag", "yes") if value == "True" else pgettext("flag", "no")
    for model in (Resident, Household):
        try:
            choices = dict(getattr(model._meta.get_field(field), "choices", None) or ())
        except FieldDoesNotExist:
            continue
        return str(choices.get(value, value))
    return value


register.filter("listed", lists.listed)
