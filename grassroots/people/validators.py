import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Mainland mobile (1[3-9]x, 11 digits) or a landline with area code (0xx-xxxxxxx[x]).
PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


def normalise_phone(value: str, field: str = "phone") -> str:
    """Strip spaces and full-width digits; raise a field error unless it is a plausible phone number."""
    cleaned = value.strip().translate(FULLWIDTH).replace(" ", "").replace("+86", "")
    if cleaned and not PHONE_RE.match(cleaned):
        raise ValidationError({field: _("%(value)s is not a mobile or landline number.") % {"value": value}})
    return cleaned


FULLWIDTH = str.maketrans("０１２３４５６７８９－　", "0123456789- ")
