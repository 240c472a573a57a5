"""The Excel reader on workbooks as officers save them: real date cells, hidden sheets, a plan over two sheets,
more rows than the reader reads."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from openpyxl.worksheet.cell_range import CellRange

from conftest import PLANS
from kstthc_desktop.importers import extract
from kstthc_desktop.importers.compare import compare_plans
from kstthc_desktop.importers.xlsx import MAX_ROWS, cell_text

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


SOC_TRANG = PLANS / "soc-trang-2022"


def expected_plan(stem):
    return json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))


def assert_reads_as_expected(plan, stem):
    score = compare_plans(plan, expected_plan(stem))
    assert score.weakest == 1.0, str(score)


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_hidden_sheet_is_not_read(tmp_path, state):
    """A hidden old copy of the plan's sheet does not double the plan; the officer is told it was skipped."""
    workbook = openpyxl.load_workbook(SOC_TRANG.with_suffix(".xlsx"))
    old = workbook.copy_worksheet(workbook.worksheets[0])
    old.title = "Bản cũ"
    old.sheet_state = state
    workbook.move_sheet(old, offset=-1)  # before the plan's sheet
    path = tmp_path / "ke-hoach.xlsx"
    workbook.save(path)

    plan = extract(path)
    assert_reads_as_expected(plan, SOC_TRANG)
    assert len(plan.tasks) == len(expected_plan(SOC_TRANG)["tasks"])
    skipped = [w for w in plan.warnings if w.code == "hidden_sheet"]
    assert len(skipped) == 1 and "Bản cũ" in skipped[0].message
    assert not any("Bản cũ" in w.message for w in plan.warnings if w.code != "hidden_sheet")


def test_plan_continued_on_a_second_sheet(tmp_path):
    """A plan whose table goes on in a second sheet under "PHỤ LỤC (tiếp theo)" and the header again: the title
    line is not a task, and warnings about the second sheet's rows say which sheet they are on."""
    workbook = openpyxl.load_workbook(SOC_TRANG.with_suffix(".xlsx"))
    first = workbook.worksheets[0]
    header_row = 5  # "Số thứ tự | Nội dung công việc | …"
    split = next(r for r in range(header_row + 1, first.max_row + 1) if first.cell(r, 1).value == "VI")
    second = workbook.create_sheet("Phụ lục (tiếp)")
    second.append(["PHỤ LỤC (tiếp theo)"])
    second.merge_cells("A1:E1")
    second.append([c.value for c in first[header_row]])
    for r in range(split, first.max_row + 1):
        second.append([c.value for c in first[r]])
    for merged in list(first.merged_cells.ranges):
        if merged.min_row >= split:
            first.unmerge_cells(merged.coord)
            shifted = CellRange(merged.coord)
            shifted.shift(row_shift=3 - split)
            second.merge_cells(shifted.coord)
    first.delete_rows(split, first.max_row - split + 1)
    path = tmp_path / "ke-hoach.xlsx"
    workbook.save(path)

    plan = extract(path)
    assert_reads_as_expected(plan, SOC_TRANG)
    assert not any("PHỤ LỤC" in t.content.upper() for t in plan.tasks)
    row_warnings = [w for w in plan.warnings if w.row is not None]
    assert row_warnings, "the plan has a task without a deadline on its second sheet"
    assert all(w.message.startswith("Trang tính \"") for w in row_warnings), [w.message for w in row_warnings]
    assert any(w.message.startswith("Trang tính \"Phụ lục (tiếp)\", dòng ") for w in row_warnings)


def long_workbook(path, tasks: int, formatted_below: int = 0) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục"
    sheet.append(["KẾ HOẠCH Kiểm soát thủ tục hành chính năm 2025"])
    sheet.append(["STT", "Nội dung công việc", "Cơ quan chủ trì", "Kết quả", "Thời gian thực hiện"])
    for n in range(1, tasks + 1):
        sheet.append([str(n), f"Rà soát thủ tục hành chính số {n}", "Văn phòng", "Báo cáo", "Thường xuyên"])
    for row in range(sheet.max_row + 1, sheet.max_row + 1 + formatted_below):
        sheet.cell(row, 2).number_format = "@"  # a column formatted all the way down: not rows of the plan
    workbook.save(path)


def test_rows_past_the_reading_limit_are_reported(tmp_path):
    path = tmp_path / "ke-hoach.xlsx"
    long_workbook(path, tasks=MAX_ROWS + 8)  # 2 header rows + 5,008 tasks: the last 10 rows are not read
    plan = extract(path)
    assert len(plan.tasks) == MAX_ROWS - 2
    dropped = [w.message for w in plan.warnings if w.code == "rows_dropped"]
    assert len(dropped) == 1
    assert "Phụ lục" in dropped[0] and f"{MAX_ROWS} dòng đầu" in dropped[0] and ", 10 dòng có nội dung" in dropped[0]


def test_formatting_below_the_table_is_not_reported_as_dropped_rows(tmp_path):
    path = tmp_path / "ke-hoach.xlsx"
    long_workbook(path, tasks=20, formatted_below=MAX_ROWS + 100)
    plan = extract(path)
    assert len(plan.tasks) == 20
    assert not any(w.code == "rows_dropped" for w in plan.warnings)


def test_plan_only_on_a_hidden_sheet_is_named_in_the_error(tmp_path):
    from kstthc_desktop.errors import UserError

    workbook = openpyxl.load_workbook(SOC_TRANG.with_suffix(".xlsx"))
    workbook.worksheets[0].title = "Kế hoạch"
    workbook.worksheets[0].sheet_state = "hidden"
    workbook.create_sheet("Trang trống").append(["Ghi chú: xem phụ lục"])
    workbook.active = 1
    path = tmp_path / "ke-hoach.xlsx"
    workbook.save(path)
    with pytest.raises(UserError, match=r'Không tìm thấy bảng kế hoạch.*trang tính ẩn "Kế hoạch"'):
        extract(path)
