"""Every export names who took it out as pages name them, with the login that tells two people of one
name apart (the ledger's said only the login, the rota's only the login and no time, the
instructors' left the printed header empty)."""

import datetime
import io

import pytest
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook

from grassroots.core.watermark import exporter, stamp, watermark
from grassroots.people.models import Gender, Staff, StaffKind


def test_it_names_the_staff_record_then_the_full_name_then_the_login(make_user, grid) -> None:  # type: ignore[no-untyped-def]
    bare = make_user("wangw")
    named = make_user("liq", last_name="李", first_name="强")
    serving = make_user("zhaom", last_name="赵", first_name="敏")
    Staff.objects.create(
        name="赵敏华", gender=Gender.FEMALE, kind=StaffKind.CADRE, area=grid.compound, user=serving
    )
    serving.refresh_from_db()
    with translation.override("zh-hans"):
        assert [exporter(u) for u in (bare, named, serving)] == ["wangw", "李强（liq）", "赵敏华（zhaom）"]
    with translation.override("en"):
        assert exporter(named) == "李强 (liq)"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "导出人：李强（liq）  导出时间：2026-12-01 09:30 · 仅限内部使用"),
        ("en", "Exported by 李强 (liq) at 2026-12-01 09:30 · internal use only"),
    ],
)
def test_the_mark_is_on_the_first_row_and_in_the_printed_header_and_footer(
    make_user, language, expected
) -> None:  # type: ignore[no-untyped-def]
    user = make_user("liq", last_name="李", first_name="强")
    at = timezone.make_aware(datetime.datetime(2026, 12, 1, 9, 30))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("名单")
    with translation.override(language):
        stamp(sheet, watermark(exporter(user), at))
    sheet.append(["姓名"])
    out = io.BytesIO()
    book.save(out)

    read = load_workbook(io.BytesIO(out.getvalue())).worksheets[0]
    assert [row[0] for row in read.iter_rows(values_only=True)] == [expected, "姓名"]
    for place in (read.oddHeader, read.evenHeader, read.oddFooter, read.evenFooter):
        assert place.center.text == expected  # type: ignore[union-attr]
