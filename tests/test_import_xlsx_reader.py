"""The Excel reader on workbooks as officers save them: real date cells, hidden sheets, a plan over two sheets,
more rows than the reader reads."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from conftest import PLANS
from kstthc_desktop.importers import extract
from kstthc_desktop.importers.xlsx import cell_text

DONG_NAI = PLANS / "dong-nai-so-noi-vu-2022.xlsx"


def task_by_stt(plan, stt):
    return next(t for t in plan.tasks if t.stt == stt and t.sub == 0)


def test_date_cells_print_as_their_number_format(tmp_path):
    """Excel turns "01/2022" typed in a cell into the date 1 Jan 2022 shown as mm/yyyy: the task is due at the
    end of January, not on its first day."""
    workbook = openpyxl.load_workbook(DONG_NAI)
    sheet = workbook.worksheets[0]
    deadline_column = next(c for c in range(1, sheet.max_column + 1) if sheet.cell(5, c).value
                           and "thời" in str(sheet.cell(5, c).value).lower())
    formats = {"1.2": "mm/yyyy", "1.3": "dd/mm/yyyy", "1.4": "yyyy", "2.1": "mmm-yy"}
    for row in range(6, sheet.max_row + 1):
        stt = str(sheet.cell(row, 1).value or "").strip()
        if stt in formats:
            cell = sheet.cell(row, deadline_column)
            cell.value = dt.datetime(2022, 10, 31) if stt == "1.3" else dt.datetime(2022, 1, 1)
            cell.number_format = formats[stt]
    path = tmp_path / "ke-hoach.xlsx"
    workbook.save(path)

    plan = extract(path)
    month = task_by_stt(plan, "1.2")
    assert month.deadline_text == "01/2022"
    assert month.deadline.due == dt.date(2022, 1, 31)
    assert task_by_stt(plan, "1.3").deadline_text == "31/10/2022"
    assert task_by_stt(plan, "1.3").deadline.due == dt.date(2022, 10, 31)
    assert task_by_stt(plan, "1.4").deadline_text == "2022"
    assert task_by_stt(plan, "1.4").deadline.due == dt.date(2022, 12, 31)
    assert task_by_stt(plan, "2.1").deadline_text == "01/2022"


@pytest.mark.parametrize("number_format, printed", [
    ("General", "05/03/2024"), ("dd/mm/yyyy", "05/03/2024"), ("mm-dd-yy", "05/03/2024"),
    ("mm/yyyy", "03/2024"), ("[$-42A]mmmm yyyy", "03/2024"), ('"Tháng "mm/yyyy', "03/2024"), ("yyyy", "2024"),
])
def test_cell_text_of_a_date(number_format, printed):
    assert cell_text(dt.datetime(2024, 3, 5), number_format) == printed
