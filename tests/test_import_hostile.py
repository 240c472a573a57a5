"""Files from other people, hostile ones included: each is built here small on disk, and each import either says one
Vietnamese sentence or gives a bounded plan, quickly. Time and memory are asserted only as generous bounds (the exact
figures are in benchmarks/bench_import.py); the limits themselves live in ``importers/safety.py``."""

from __future__ import annotations

import io
import re
import resource
import time
import zipfile
from pathlib import Path

import pytest

from kstthc_desktop.errors import UserError
from kstthc_desktop.importers import extract, extract_clipboard, extract_text
from kstthc_desktop.importers.safety import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_FIELD_CHARS,
    MAX_ROWS,
    count_attr,
    parse_deadline,
    tick,
)
from kstthc_desktop.text import clean, clean_control

HEADER = ["STT", "Nội dung", "Chủ trì", "Thời gian"]
ROWS = [["1", "Rà soát thủ tục hành chính", "Sở Tư pháp", "Quý II/2024"],
        ["2", "Báo cáo kết quả kiểm soát", "Văn phòng", "Tháng 12/2024"]]
SECONDS = 5.0  # a generous bound on a loaded machine: each case took 15 s to 15 minutes before its fix
MEGABYTES = 500


def bounded(read):
    """Run ``read``; return its plan or its UserError, asserting the time it took and that the process's peak memory
    grew by less than MEGABYTES (a high-water mark: it only ever grows, so this bounds the case itself)."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    try:
        result = read()
    except UserError as exc:
        result = exc
    elapsed = time.perf_counter() - start
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024  # kB on Linux
    assert elapsed < SECONDS, f"took {elapsed:.1f} s"
    assert grown < MEGABYTES, f"took {grown} MB more"
    return result


def word_file(path: Path, patch=lambda xml: xml) -> Path:
    """A Word plan (python-docx), its document.xml passed through ``patch``."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=0, cols=len(HEADER))
    for values in [HEADER, *ROWS]:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return _rezip(buffer, path, "word/document.xml", patch)


def excel_file(path: Path, patch=lambda xml: xml, merge: str = "", far: str = "") -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for values in [HEADER, *ROWS]:
        sheet.append(values)
    if merge:
        sheet.merge_cells(merge)
    if far:  # a cell far down and right: the sheet's extent reaches it
        sheet[far] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _rezip(buffer, path, "xl/worksheets/sheet1.xml", patch)


def _rezip(buffer: io.BytesIO, path: Path, member: str, patch) -> Path:
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == member:
                data = patch(data.decode()).encode()
            out.writestr(info, data)
    return path


def first_cell_property(xml: str, element: str) -> str:
    return xml.replace("<w:tcPr>", f"<w:tcPr>{element}", 1)


# --------------------------------------------------------------------------------------------------------------
# Control characters (issue 13, item 9)


def test_control_characters_are_cleaned_and_the_excel_report_lists_the_task(tmp_path):
    """Word's manual line break is a vertical tab in plain text; BEL and NUL come from broken exports. Excel cannot
    hold them: before, the task imported and then every Excel report listing it failed."""
    from kstthc_desktop.cli import main

    plan = tmp_path / "ke-hoach.txt"
    padding = "Kế hoạch kiểm soát thủ tục hành chính năm 2024\n" * 100  # NULs past the first 4 kB
    plan.write_text(padding + "\t".join(HEADER) + "\n"
                    "1\tRà soát\vthủ tục\x07 hành chính\x00\tSở Tư\x1fpháp\tQuý II/2024\n", encoding="utf-8")
    task = extract(plan).tasks[0]
    assert task.content == "Rà soát\nthủ tục hành chính" and task.lead == "Sở Tưpháp"

    db = tmp_path / "kstthc.sqlite3"
    assert main(["import", str(plan), "--db", str(db)]) == 0
    out = tmp_path / "bao-cao.xlsx"
    assert main(["report", "--db", str(db), "--period", "2024-Q2", "--out", str(out), "--today", "2024-05-15"]) == 0
    import openpyxl

    cells = [c.value for row in openpyxl.load_workbook(out)["Nhiệm vụ"].iter_rows() for c in row]
    assert "Rà soát\nthủ tục hành chính" in cells


def test_clean_control_keeps_tabs_and_lines_and_drops_the_rest():
    assert clean_control("a\vb\fc\r\nd\re\tf\x00\x07\x1b\x7fg\ufffe") == "a\nb\nc\nd\ne\tfg"
    assert clean_control("Thường xuyên") == "Thường xuyên"
    assert clean("  Dòng 1\v  Dòng\x00 2 ") == "Dòng 1\nDòng 2"


def test_pasted_text_and_clipboard_html_are_cleaned_too():
    text = "\t".join(HEADER) + "\n1\tRà soát\x07 thủ tục\vhành chính\tSở Tư pháp\tQuý II/2024\n"
    assert extract_text(text).tasks[0].content == "Rà soát thủ tục\nhành chính"
    html = ("<table><tr>" + "".join(f"<td>{h}</td>" for h in HEADER) + "</tr>"
            "<tr><td>1</td><td>Rà soát\x0b thủ tục\x00</td><td>Sở Tư pháp</td><td>Quý II/2024</td></tr></table>")
    assert extract_clipboard(html, None).tasks[0].content == "Rà soát\nthủ tục"


# --------------------------------------------------------------------------------------------------------------
# Word spans (items 9 and 13)


def test_word_grid_span_that_is_no_number_reads_as_one_column(tmp_path):
    """``w:gridSpan="abc"`` raised ValueError out of the importer."""
    path = word_file(tmp_path / "ke-hoach.docx", lambda xml: first_cell_property(xml, '<w:gridSpan w:val="abc"/>'))
    plan = extract(path)
    assert [t.content for t in plan.tasks] == [r[1] for r in ROWS]


@pytest.mark.parametrize("element", ['<w:gridSpan w:val="200000000"/>', "gridBefore"])
def test_word_span_of_two_hundred_million_columns_is_clamped(tmp_path, element):
    """A span or a grid-before of 200,000,000 took 55 s and 4 GB before failing."""
    def patch(xml: str) -> str:
        if element == "gridBefore":
            return re.sub(r"(<w:tr\b[^>]*>)", r'\1<w:trPr><w:gridBefore w:val="200000000"/></w:trPr>', xml, count=1)
        return first_cell_property(xml, element)

    result = bounded(lambda: extract(word_file(tmp_path / "ke-hoach.docx", patch)))
    assert isinstance(result, UserError) or all(len(r) <= MAX_COLUMNS for r in [result.header])


def test_word_document_of_endless_tables_stops_reading(tmp_path):
    """100,000 one-row tables after the plan took 9 s; reading stops after the row limit, and says so."""
    one = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    def patch(xml: str) -> str:
        return xml.replace("</w:tbl>", "</w:tbl>" + one * 20_000, 1)

    plan = bounded(lambda: extract(word_file(tmp_path / "ke-hoach.docx", patch)))
    assert [t.content for t in plan.tasks] == [r[1] for r in ROWS]
    assert any("phần sau không được đọc" in w.message for w in plan.warnings)


def test_count_attr_reads_any_attribute_as_a_count_in_range():
    assert count_attr("3", 1, 40) == 3
    assert count_attr("abc", 1, 40) == 1 and count_attr(None, 0, 40) == 0 and count_attr("1.5", 1, 40) == 1
    assert count_attr("200000000", 1, 40) == 40 and count_attr("-5", 1, 40) == 0


# --------------------------------------------------------------------------------------------------------------
# Excel merges (item 13)


def test_excel_merge_of_eight_million_cells_is_clamped_to_the_sheet(tmp_path):
    """A merged range of 8 million cells took 87 s and 3.2 GB in openpyxl before any row was read."""
    path = excel_file(tmp_path / "ke-hoach.xlsx", lambda xml: xml.replace('ref="E5:L6"', 'ref="E5:L1000000"'),
                      merge="E5:L6")
    plan = bounded(lambda: extract(path))
    assert [t.content for t in plan.tasks] == [r[1] for r in ROWS]


def test_excel_merges_laid_over_each_other_are_refused(tmp_path):
    many = "".join(f'<mergeCell ref="A{r}:AN5000"/>' for r in range(2, 40))
    path = excel_file(tmp_path / "ke-hoach.xlsx",
                      lambda xml: xml.replace('<mergeCell ref="E5:F6"/>', many).replace('count="1"', 'count="38"'),
                      merge="E5:F6", far="AN5000")
    result = bounded(lambda: extract(path))
    assert isinstance(result, UserError) and "ô gộp" in str(result) and "Từ chối" in str(result)


def test_an_ordinary_merge_is_read_as_before(tmp_path):
    path = excel_file(tmp_path / "ke-hoach.xlsx", merge="C2:C3")  # one lead for both tasks
    assert [t.lead for t in extract(path).tasks] == ["Sở Tư pháp", "Sở Tư pháp"]


# --------------------------------------------------------------------------------------------------------------
# Rows and cells (items 12 and 13)


def test_text_of_a_hundred_thousand_rows_reads_the_first_five_thousand(tmp_path):
    """There was no row limit for text (Excel has 5,000): 100,000 rows took 15 minutes."""
    lines = ["\t".join(HEADER)] + [f"{i}\tRà soát thủ tục {i}\tSở Tư pháp\tQuý II/2024" for i in range(1, 100_001)]
    path = tmp_path / "ke-hoach.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    plan = bounded(lambda: extract(path))
    assert len(plan.tasks) == MAX_ROWS - 1  # the header is the first row read
    dropped = [w.message for w in plan.warnings if w.code == "rows_dropped"]
    assert dropped == [f"Bảng trong văn bản dài quá {MAX_ROWS} dòng: chỉ đọc {MAX_ROWS} dòng đầu, 95001 dòng văn bản "
                       "phía sau không được đọc. Nếu đó là nhiệm vụ của kế hoạch, hãy tách văn bản rồi nhập lại."]


def test_one_cell_of_a_megabyte_is_cut_with_a_warning_naming_its_row(tmp_path):
    """A 300 kB – 1 MB paragraph took the PDF report minutes: a cell holds at most MAX_CELL_CHARS characters."""
    path = tmp_path / "ke-hoach.txt"
    path.write_text("\t".join(HEADER) + "\n" + "1\t" + "Rà soát thủ tục hành chính. " * 40_000
                    + "\tSở Tư pháp\tQuý II/2024\n", encoding="utf-8")
    plan = bounded(lambda: extract(path))
    task = plan.tasks[0]
    assert len(task.content) <= MAX_CELL_CHARS and task.content.endswith("…") and task.lead == "Sở Tư pháp"
    warning = next(w for w in plan.warnings if w.code == "cell_too_long")
    assert warning.message.startswith("Dòng 2:") and "1.119.999 ký tự" in warning.message
    assert warning.task_index == 0 and task.ambiguous


def test_thousands_of_rows_continuing_one_task_stop_growing_it(tmp_path):
    """Rows that each add words to the task above made the work grow with their square (minutes)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(ROWS[0])
    for i in range(1500):
        sheet.append(["", f"và tiếp tục thực hiện phần {i} " * 100, "", ""])
    path = tmp_path / "ke-hoach.xlsx"
    workbook.save(path)
    plan = bounded(lambda: extract(path))
    assert len(plan.tasks) == 1 and len(plan.tasks[0].content) <= MAX_FIELD_CHARS
    assert any(w.code == "cell_too_long" and w.task_index == 0 for w in plan.warnings)


# --------------------------------------------------------------------------------------------------------------
# HTML (item 13)


def test_twenty_thousand_unclosed_html_tables_in_a_text(tmp_path):
    """A lazy regex from each "<table" to the end of the text took 29 s."""
    path = tmp_path / "ke-hoach.txt"
    path.write_text("\t".join(HEADER) + "\n" + "\t".join(ROWS[0]) + "\n<table><tr><td>x</td></tr>"
                    + "<table>" * 20_000, encoding="utf-8")
    plan = bounded(lambda: extract(path))
    assert plan.tasks[0].content == ROWS[0][1]


def test_clipboard_html_too_big_for_a_plan_falls_back_to_its_text():
    header = "<tr>" + "".join(f"<td>{h}</td>" for h in HEADER) + "</tr>"
    rows = "".join(f"<tr><td>{i}</td><td>Việc {i}</td><td>Sở</td><td>Quý I/2024</td></tr>" for i in range(20_000))
    html = f"<table>{header}{rows}</table>"
    text = "\t".join(HEADER) + "\n" + "\t".join(ROWS[0])
    plan = bounded(lambda: extract_clipboard(html, text))
    assert [t.content for t in plan.tasks] == [ROWS[0][1]]
    refused = bounded(lambda: extract_clipboard(html, None))
    assert isinstance(refused, UserError) and "quá lớn" in str(refused)


def test_clipboard_cells_with_absurd_spans_are_clamped():
    html = ("<table><tr>" + "".join(f"<td>{h}</td>" for h in HEADER) + "</tr><tr><td>1</td>"
            '<td colspan="abc">Rà soát</td><td rowspan="99999999">Sở Tư pháp</td><td colspan="200000000">Quý I/2024'
            "</td></tr></table>")
    plan = bounded(lambda: extract_clipboard(html, None))
    assert plan.tasks[0].content == "Rà soát" and plan.tasks[0].lead == "Sở Tư pháp"


# --------------------------------------------------------------------------------------------------------------
# The parse deadline: a backstop for what the bounds above do not foresee


def test_parse_deadline_refuses_with_a_sentence_once_passed():
    now = [0.0]
    with parse_deadline("ke-hoach.docx", seconds=2, clock=lambda: now[0]):
        tick()
        now[0] = 2.5
        with pytest.raises(UserError, match=r"ke-hoach\.docx.*quá lâu"):
            tick()
    tick()  # outside a deadline: nothing
