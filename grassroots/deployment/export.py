"""The rota as an xlsx sheet for printing (openpyxl write-only): people down, days across."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from grassroots.core.models import User
from grassroots.core.watermark import exporter, stamp, watermark

from .models import Rota, Slot
from .selectors import rota_grid


def rota_xlsx(rota: Rota, exported_by: User) -> bytes:
    days, rows = rota_grid(rota)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Rota"))
    sheet.column_dimensions["A"].width = 12
    mark = {Slot.DAY.value: _("D"), Slot.NIGHT.value: _("N"), "": _("rest")}
    # One translatable line, not words inside an f-string, which makemessages cannot read.
    heading = _("%(station)s · rest rotation · %(start)s") % {
        "station": rota.post.name,
        "start": f"{rota.starts_on:%Y-%m-%d}",
    }
    title = WriteOnlyCell(sheet, value=heading)
    title.font = Font(bold=True, size=13)
    sheet.append([title])
    stamp(sheet, watermark(exporter(exported_by)))
    sheet.append([pgettext("person", "name"), *[f"{d:%m-%d}" for d in days], _("shifts")])
    centred = Alignment(horizontal="center")
    for person, cells in rows:
        line: list[object] = [person.name]
        for cell in cells:
            c = WriteOnlyCell(sheet, value=mark[cell])
            c.alignment = centred
            line.append(c)
        line.append(sum(1 for cell in cells if cell))
        sheet.append(line)
    sheet.append([])
    sheet.append([_("D = day shift, N = night shift")])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
