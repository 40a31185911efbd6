"""The watermark every exported workbook carries: who took it out and when, on the sheet's first row
and in its printed header and footer, so a copy found on a desk or in a chat says where it came from."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from .models import User


def exporter(user: User) -> str:
    """The person as pages name them, with the login that tells two people called 王伟 apart."""
    name, login = user.display_name, user.get_username()
    if name == login:
        return login
    return pgettext("exporter", "%(name)s (%(login)s)") % {"name": name, "login": login}


def watermark(who: str, at: datetime.datetime | None = None) -> str:
    return _("Exported by %(who)s at %(when)s · internal use only") % {
        "who": who,
        "when": timezone.localtime(at).strftime("%Y-%m-%d %H:%M"),
    }


def stamp(sheet: WriteOnlyWorksheet, text: str, *, first_row: bool = True) -> None:
    """`text` in the sheet's printed header and footer, and (unless the sheet must start with rows of
    its own, like a report that mirrors an uploaded file) as its first row, in grey italics."""
    for place in (sheet.oddHeader, sheet.evenHeader, sheet.oddFooter, sheet.evenFooter):
        place.center.text = text  # type: ignore[union-attr]
    if first_row:
        cell = WriteOnlyCell(sheet, text)
        cell.font = Font(italic=True, color="808080")
        sheet.append([cell])
