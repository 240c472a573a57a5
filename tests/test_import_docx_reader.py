"""The Word reader on documents as officers send them: a small table before the plan table; a Word file under an
Excel name (or the reverse); a table longer than the reader reads."""

from __future__ import annotations

import copy
import json

import docx
import pytest

from conftest import PLANS
from kstthc_desktop.importers import extract
from kstthc_desktop.importers.compare import compare_plans


def table_before_plan(source, path, rows):
    """The plan with another table inserted just before its task table (the largest one)."""
    document = docx.Document(str(source))
    plan_table = max(document.tables, key=lambda t: len(t.rows))._tbl
    extra = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            extra.cell(r, c).text = value
    plan_table.addprevious(extra._tbl)
    document.save(str(path))


@pytest.mark.parametrize("name", ["soc-trang-2022", "vinh-long-2024"])
def test_table_of_targets_before_the_plan_is_not_read_as_tasks(tmp_path, name):
    path = tmp_path / "ke-hoach.docx"
    table_before_plan(PLANS / f"{name}.docx", path, [
        ["STT", "Chỉ tiêu", "Kết quả năm trước", "Mục tiêu năm nay"],
        ["1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "98%", "100%"],
        ["2", "Tỷ lệ số hóa hồ sơ", "60%", "80%"],
    ])
    plan = extract(path)
    expected = json.loads((PLANS / f"{name}.json").read_text(encoding="utf-8"))
    score = compare_plans(plan, expected)
    assert score.weakest == 1.0, str(score)
    assert not any(t.content in ("100%", "80%") or "Tỷ lệ" in t.result for t in plan.tasks)
    assert plan.header == expected["header"]
    skipped = [w.message for w in plan.warnings if w.code == "other_table"]
    assert len(skipped) == 1 and "Chỉ tiêu" in skipped[0]


@pytest.mark.parametrize("form, renamed", [("docx", "ke-hoach.xlsx"), ("xlsx", "ke-hoach.docx"), ("docx", "ke-hoach.xlsm")])
def test_file_renamed_to_the_other_office_format_is_read_as_what_it_is(tmp_path, form, renamed):
    """A Word file saved under an .xlsx name (or the reverse) is not a damaged file: the zip says what it is."""
    path = tmp_path / renamed
    path.write_bytes((PLANS / f"soc-trang-2022.{form}").read_bytes())
    plan = extract(path)
    expected = json.loads((PLANS / "soc-trang-2022.json").read_text(encoding="utf-8"))
    assert compare_plans(plan, expected).weakest == 1.0
    assert plan.document.issuer == expected["document"]["issuer"]
    told = [w.message for w in plan.warnings if w.code == "renamed_file"]
    assert len(told) == 1 and ("thực chất là tệp Word" if form == "docx" else "thực chất là tệp Excel") in told[0]


def test_rows_past_the_reading_limit_are_reported(tmp_path):
    from kstthc_desktop.importers.docx import MAX_ROWS

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH Kiểm soát thủ tục hành chính năm 2025")
    table = document.add_table(rows=2, cols=4)
    for j, text in enumerate(["STT", "Nội dung công việc", "Cơ quan chủ trì", "Thời gian thực hiện"]):
        table.cell(0, j).text = text
    for j, text in enumerate(["1", "Rà soát thủ tục hành chính", "Văn phòng", "Thường xuyên"]):
        table.cell(1, j).text = text
    row = table.rows[1]._tr
    for _ in range(MAX_ROWS + 5 - 2):  # 5,005 rows in all: the last 5 are not read
        row.addnext(copy.deepcopy(row))
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    plan = extract(path)
    assert len(plan.tasks) == MAX_ROWS - 1
    dropped = [w.message for w in plan.warnings if w.code == "rows_dropped"]
    assert len(dropped) == 1 and f"{MAX_ROWS} dòng đầu" in dropped[0] and ", 5 dòng phía sau" in dropped[0]
