"""A period's results for an area as an xlsx workbook (openpyxl write-only), with the exporter's
name and the time as a watermark on every sheet."""

from io import BytesIO

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from grassroots.core.models import User
from grassroots.core.watermark import exporter, stamp, watermark

from .indicators import PERSON, REGISTRY, STATION
from .models import AssessmentPeriod, Score


def scores_xlsx(
    *, user: User, period: AssessmentPeriod, people: QuerySet[Score], stations: QuerySet[Score]
) -> bytes:
    mark = watermark(exporter(user))
    codes = [row["code"] for row in period.scheme_snapshot] or list(
        period.scheme.indicators.order_by("id").values_list("code", flat=True)
    )
    book = Workbook(write_only=True)
    for title, scores, is_person in ((_("People"), people, True), (_("Stations"), stations, False)):
        sheet = book.create_sheet(title=title)
        stamp(sheet, mark)
        sheet.append([period.name, f"{period.starts_on:%Y-%m-%d} – {period.ends_on:%Y-%m-%d}"])
        subject = PERSON if is_person else STATION
        used = [c for c in codes if c in REGISTRY and REGISTRY[c].subject == subject]
        sheet.append(
            [
                pgettext("ranking", "rank"),
                _("name"),
                _("area"),
                _("score"),
                *[str(REGISTRY[c].label) for c in used],
            ]
        )
        for rank, s in enumerate(scores, start=1):
            name = s.person.name if is_person and s.person else (s.post.name if s.post else "")
            sheet.append(
                [rank, name, s.area.name, float(s.total)]
                + [s.indicators[c]["points"] if c in s.indicators else None for c in used]
            )
    out = BytesIO()
    book.save(out)
    return out.getvalue()
