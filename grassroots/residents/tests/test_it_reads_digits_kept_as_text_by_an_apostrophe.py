"""An apostrophe before digits keeps Excel from turning them into a number; exports from other
systems leave it in the cell. The ID number and phone behind it are read as typed."""

from grassroots.residents.ledger_read import Checked, check_rows

from .ledger_files import ID_A, ID_B


def test_it_reads_digits_behind_an_apostrophe() -> None:
    rows = [
        ["楼栋", "房号", "姓名", "证件号码", "联系电话"],
        ["1号楼", "101", "王甲", f"'{ID_A}", "'13900001111"],
        [
            "1号楼",
            "102",
            "王乙",
            f"＇{ID_B}",
            "‘13900002222",
        ],  # full-width, and a curly quote from a word processor
    ]
    checked = Checked()
    clean = list(check_rows(rows, set(), checked))
    assert checked.errors == []
    assert [(r.id_number, r.phone) for r in clean] == [(ID_A, "13900001111"), (ID_B, "13900002222")]


def test_it_still_refuses_an_apostrophe_before_a_number_excel_cut_short() -> None:
    checked = Checked()
    list(
        check_rows(
            [["楼栋", "房号", "姓名", "证件号码"], ["1号楼", "101", "王甲", "'2.20303E+17"]], set(), checked
        )
    )
    assert [(e["row"], e["column"]) for e in checked.errors] == [(2, "证件号码")]
    assert "scientific" in checked.errors[0]["reason"] or "科学计数" in checked.errors[0]["reason"]
