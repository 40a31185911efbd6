"""Whatever the cells and merged ranges, calamine (rows from the first used column) and the streaming
reader (rows from column A) give the same rows once each range's value is filled in."""

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from grassroots.residents import ledger_sheets

SIZE = 6  # rows and columns: small enough to cover every placement of a range often


def unpadded(row: list[Any]) -> list[Any]:
    while row and row[-1] == "":
        row = row[:-1]
    return row


def read_both(path: str, monkeypatch: Any) -> tuple[list[list[Any]], list[list[Any]]]:
    monkeypatch.setattr(ledger_sheets, "STREAM_ABOVE_BYTES", 1 << 40)
    workbook = CalamineWorkbook.from_path(path)
    start = workbook.get_sheet_by_index(0).start
    workbook.close()
    offset = [""] * (start[1] if start else 0)
    calamine = [unpadded(offset + row) for row in ledger_sheets.sheet_rows(path)]
    monkeypatch.setattr(ledger_sheets, "STREAM_ABOVE_BYTES", 0)
    streamed = [unpadded(row) for row in ledger_sheets.sheet_rows(path)]
    while calamine and not calamine[-1]:
        calamine.pop()
    return calamine, streamed


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.dictionaries(
        st.tuples(st.integers(1, SIZE), st.integers(1, SIZE)),
        st.sampled_from(["甲", "乙", "101", "是"]),
        max_size=14,
    ),
    ranges=st.lists(
        st.tuples(st.integers(1, SIZE), st.integers(1, SIZE), st.integers(0, 2), st.integers(0, 2)),
        max_size=4,
    ),
)
def test_it_fills_merged_ranges_alike_in_both_readers(
    tmp_path: Path,
    monkeypatch: Any,
    cells: dict[tuple[int, int], str],
    ranges: list[tuple[int, int, int, int]],
) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for (row, column), value in cells.items():
        ws.cell(row, column, value)
    taken: set[tuple[int, int]] = set()
    for top, left, down, across in ranges:
        covered = {(r, c) for r in range(top, top + down + 1) for c in range(left, left + across + 1)}
        if len(covered) > 1 and not covered & taken:  # Excel's ranges never overlap
            taken |= covered
            ws.merge_cells(start_row=top, start_column=left, end_row=top + down, end_column=left + across)
    path = str(tmp_path / "merged.xlsx")
    wb.save(path)
    calamine, streamed = read_both(path, monkeypatch)
    assert calamine == streamed
