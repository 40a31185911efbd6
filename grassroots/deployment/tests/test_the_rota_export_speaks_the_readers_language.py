"""The printed rota is all in the reader's language: in Chinese no English word is left on it (the
title row used to read "… · rest rotation · …"), in English no Chinese one beyond the names."""

import datetime as dt
import io
import re

import pytest
from django.utils.translation import override
from openpyxl import load_workbook

from grassroots.deployment.export import rota_xlsx
from grassroots.deployment.models import Role, WorkGroup
from grassroots.deployment.services import assignment_create
from grassroots.deployment.services_rota import rota_generate
from grassroots.places.models import Post, PostKind

from .factories import person


@pytest.fixture
def rota(grid, make_user):  # type: ignore[no-untyped-def]
    hq = make_user("hq", "district_hq", grid.district)
    post = Post.objects.create(name="御景公寓指挥站", kind=PostKind.STATION, area=grid.compound)
    for i in range(3):
        assignment_create(
            by=hq,
            staff=person(grid.compound, name=f"队员{i}"),
            area=grid.compound,
            role=Role.MEMBER,
            work_group=WorkGroup.LIVELIHOOD,
        )
    return rota_generate(by=hq, post=post, starts_on=dt.date(2026, 12, 8), days=3, min_heads=1)


def _rows(rota, user, language):  # type: ignore[no-untyped-def]
    with override(language):
        book = load_workbook(io.BytesIO(rota_xlsx(rota, exported_by=user)))
    sheet = book.active
    assert sheet is not None
    rows = [[str(c) for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    # The second row is the exporter's watermark, which core words; the rest is this sheet's own.
    return sheet.title, rows[0], [cell for row in rows[2:] for cell in row]


def test_the_chinese_export_has_no_english(rota, make_user):  # type: ignore[no-untyped-def]
    user = make_user("st", "station", rota.area, first_name="明", last_name="李")
    title, heading, cells = _rows(rota, user, "zh-hans")
    assert title == "轮休表"
    assert heading == ["御景公寓指挥站 · 轮休表 · 2026-12-08"]
    assert "姓名" in cells and "班次" in cells and "白=白班，夜=夜班" in cells
    assert not [c for c in cells if re.search("[A-Za-z]", c)]


def test_the_english_export_has_no_chinese_but_names(rota, make_user):  # type: ignore[no-untyped-def]
    user = make_user("st", "station", rota.area)
    title, heading, cells = _rows(rota, user, "en")
    assert title == "Rota"
    assert heading == ["御景公寓指挥站 · rest rotation · 2026-12-08"]
    assert "name" in cells and "shifts" in cells and "D = day shift, N = night shift" in cells
    names = {f"队员{i}" for i in range(3)}
    assert not [c for c in cells if re.search("[\u4e00-\u9fff]", c) and c not in names]
