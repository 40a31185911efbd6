"""Ledgers keep a mobile and a landline, or two children's mobiles, in one 联系电话 cell. The first is
the resident's phone; the others go to the notes rather than being lost or refusing the file."""

from django.utils import translation

from grassroots.residents.ledger_read import Checked, check_rows

HEADER = ["楼栋", "房号", "姓名", "联系电话", "备注"]


def test_it_keeps_the_first_number_and_notes_the_others() -> None:
    rows = [
        HEADER,
        ["1号楼", "101", "王甲", "13900001111/0434-3281234", ""],
        ["1号楼", "102", "王乙", "13900002222、13900003333，13900004444", "独居"],
        ["1号楼", "103", "王丙", "139 0000 5555", ""],  # one number written with spaces
    ]
    checked = Checked()
    with translation.override("zh-hans"):
        clean = list(check_rows(rows, set(), checked))
    assert checked.errors == []
    assert [(r.phone, r.notes) for r in clean] == [
        ("13900001111", "其他电话：04343281234"),
        ("13900002222", "独居；其他电话：13900003333、13900004444"),
        ("13900005555", ""),
    ]


def test_it_still_refuses_a_cell_with_anything_but_numbers() -> None:
    rows = [
        HEADER,
        ["1号楼", "101", "王甲", "13900001111/找女儿", ""],
        ["1号楼", "102", "王乙", "1390000/1111", ""],
    ]
    checked = Checked()
    list(check_rows(rows, set(), checked))
    assert [(e["row"], e["column"]) for e in checked.errors] == [(2, "联系电话"), (3, "联系电话")]
