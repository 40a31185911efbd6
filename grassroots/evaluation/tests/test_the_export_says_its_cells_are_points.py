"""The score workbook's indicator columns are points, not counts: each header says so, the sheet
explains it, and a cell with nothing to score says so rather than being left blank."""

from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from grassroots.evaluation import services


@pytest.mark.django_db
def test_headers_say_points_and_empty_cells_say_why(period):  # type: ignore[no-untyped-def]
    services.period_compute(by=period.hq, period=period.period)
    c = Client()
    c.force_login(period.hq)
    book = load_workbook(BytesIO(c.get(reverse("evaluation-export", args=[period.period.pk])).content))
    people, stations = book.worksheets

    rows = list(stations.iter_rows(values_only=True))
    assert "得分（0至100分），不是次数" in str(rows[1][2])
    header = rows[2]
    late = header.index("迟报、漏报、瞒报次数（得分）")
    assert all(str(h).endswith("（得分）") for h in header[6:])
    station = next(row for row in rows[3:] if row[1] == "示范站")
    # No late report: full marks, said as points under a header that says so.
    assert station[late] == 100.0
    assert station[header.index("报告及时率（无迟报、漏报、瞒报）（得分）")] == "不计分"

    rows = list(people.iter_rows(values_only=True))
    header = rows[2]
    worker = next(row for row in rows[3:] if row[1] == "吴干部")
    assert worker[header.index("作风表现（得分）")] == "不计分"
    assert None not in worker
