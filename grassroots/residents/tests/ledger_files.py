"""Workbooks shaped like real community ledgers, made up for the tests."""

import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from grassroots.residents.idnumbers import compose

ID_A = compose("220303", datetime.date(1950, 2, 3), 11)
ID_B = compose("220303", datetime.date(1952, 6, 7), 22)
ID_C = compose("220302", datetime.date(1990, 9, 9), 33)

HEADER = [
    "序号",
    "楼号",
    "单元",
    "门牌号",
    "姓名",
    "性别",
    "身份证号",
    "手机号",
    "关系",
    "人员类型",
    "长期无人",
    "有无智能手机",
    "特殊人群",
    "备注",
]


def write(path: Path, rows: list[list[Any]], header: list[str] | None = None) -> str:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["示范小区居民信息登记表"])  # a title row above the header, as real ledgers have
    ws.append([])
    ws.append(header or HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return str(path)


def good_rows() -> list[list[Any]]:
    return [
        [
            1,
            "1",
            "1",
            "101",
            "王建国",
            "男",
            ID_A,
            "139 0000 1111",
            "户主",
            "常住",
            "否",
            "是",
            "独居老人、高龄老人",
            "",
        ],
        [
            2,
            "1号楼",
            "1单元",
            "101",
            "李秀英",
            "女",
            ID_B.lower(),
            "13900002222",
            "配偶",
            "常住",
            "否",
            "是",
            "",
            "",
        ],
        [],
        [3, "９", "２", "502", "张伟", "", "　" + ID_C, "", "户主", "暂住", "否", "否", "", "新建楼"],
        [4, "9", "2", "601", "", "", "", "", "", "", "是", "", "", "长期无人"],
    ]
