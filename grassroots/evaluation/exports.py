"""A period's results for an area as an xlsx workbook (openpyxl write-only), with the exporter's
name and the time as a watermark on every sheet."""

from io import BytesIO
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from grassroots.core.models import User
from grassroots.core.watermark import exporter, stamp, watermark

from .indicators import PERSON, REGISTRY, STATION
from .models import AssessmentPeriod, Score


def _points(line: dict[str, Any] | None) -> float | str:
    """An indicator's cell: its points, or why there are none, never a blank that reads as zero."""
    if line is None:
        return _("not in the scheme")
    if line["points"] is not None:
        return float(line["points"])
    if line.get("no_login"):
        return _("not scored: no login")
    return _("not scored")


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
        sheet.append(
            [
                period.name,
                f"{period.starts_on:%Y-%m-%d} – {period.ends_on:%Y-%m-%d}",
                _(
                    "Each indicator's column is its points (0 to 100), not a count. “Not scored”: there "
                    "was nothing to score, and the score is the weighted mean of the other indicators. "
                    "Scores resting on less than half of the scheme's weight are ranked after the others."
                ),
            ]
        )
        subject = PERSON if is_person else STATION
        used = [c for c in codes if c in REGISTRY and REGISTRY[c].subject == subject]
        sheet.append(
            [
                pgettext("ranking", "rank"),
                _("name"),
                _("area"),
                _("score"),
                _("measured"),
                _("ranked"),
                *[_("%(indicator)s (points)") % {"indicator": REGISTRY[c].label} for c in used],
            ]
        )
        for rank, s in enumerate(scores, start=1):
            name = s.person.name if is_person and s.person else (s.post.name if s.post else "")
            sheet.append(
                [
                    rank,
                    name,
                    s.area.name,
                    float(s.total) if s.measured_indicators else _("not scored"),
                    s.measured_said,
                    _("after the others: too little measured")
                    if s.measured_too_little
                    else _("with the others"),
                ]
                + [_points(s.indicators.get(c)) for c in used]
            )
    out = BytesIO()
    book.save(out)
    return out.getvalue()
