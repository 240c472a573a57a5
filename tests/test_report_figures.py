"""The period's figures in the report: part I's sentences, Phụ lục II in the form's layout (PDF, Word, Excel), the
units' figures added up with a table per unit, and a unit's accepted result under its task."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from kstthc_desktop.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = FIXTURES / "stats" / "thong-ke-so-tu-phap-vinh-long-2025-q3.xlsx"


@pytest.fixture
def db(tmp_path, capsys):
    db = tmp_path / "k.sqlite3"
    assert main(["import", str(FIXTURES / "plans" / "vinh-long-2024.docx"), "--db", str(db)]) == 0
    for unit in ("Sở Tư pháp", "Sở Nội vụ"):
        assert main(["stats", "import", str(EXPORT), "--db", str(db), "--period", "2024-Q3", "--unit", unit]) == 0
    assert main(["stats", "set", "--db", str(db), "--period", "2024-Q3", "--unit", "Sở Tư pháp",
                 "decisions_published=2", "procedures_new=3"]) == 0
    capsys.readouterr()
    return db


def report(db: Path, out: Path) -> Path:
    assert main(["report", "--db", str(db), "--period", "2024-Q3", "--out", str(out), "--today", "2024-09-20",
                 "--whole-plan"]) == 0
    return out


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_part_one_says_the_figures_in_words_and_the_annex_lays_them_out(db, tmp_path):
    text = " ".join(pdf_text(report(db, tmp_path / "r.pdf")).split())
    assert "Số liệu giải quyết thủ tục hành chính" in text
    assert "Trong kỳ, tiếp nhận 412 hồ sơ (trong đó: trực tuyến 138 hồ sơ (33,5%)" in text
    assert "trước hạn và đúng hạn 360 hồ sơ (97,3%)" in text
    assert "Ban hành 2 quyết định công bố thủ tục hành chính (ban hành mới 3" in text
    assert "PHỤ LỤC II" in text and "(1) (2) (3) (4) (5) (6) (7) (8) (9) (10) (11) (12) (13)" in text
    assert "Kết quả giải quyết thủ tục hành chính theo đơn vị" in text  # two units: a table per unit
    assert "Sở Tư pháp 206 69 124 13 185 110 70 5 21 18 3" in text


def test_the_word_report_has_the_annex_as_a_real_table_with_merged_headings(db, tmp_path):
    from docx import Document

    doc = Document(str(report(db, tmp_path / "r.docx")))
    annex = [t for t in doc.tables if any(c.text == "(13)" for r in t.rows for c in r.cells)]
    assert len(annex) == 2
    first = annex[0]
    assert first.rows[0].cells[2].text == "Số hồ sơ nhận giải quyết"  # spans (3)…(6)
    assert first.rows[0].cells[2]._tc.grid_span == 4
    assert [c.text for c in first.rows[-1].cells][:3] == ["", "Tổng số", "412"]


def test_the_excel_report_has_a_figures_sheet_with_numbers(db, tmp_path):
    wb = openpyxl.load_workbook(report(db, tmp_path / "r.xlsx"))
    ws = wb["Số liệu"]
    totals = [row for row in ws.iter_rows(values_only=True) if row[1] == "Tổng số"]
    assert totals[0][2] == 412 and isinstance(totals[0][2], int)


def test_without_figures_the_report_has_no_figures_part(tmp_path):
    db = tmp_path / "k.sqlite3"
    assert main(["import", str(FIXTURES / "plans" / "vinh-long-2024.docx"), "--db", str(db)]) == 0
    text = pdf_text(report(db, tmp_path / "r.pdf"))
    assert "PHỤ LỤC II" not in text and "Số liệu giải quyết" not in text


def test_a_units_accepted_result_is_written_under_its_task(db, tmp_path, capsys):
    from kstthc_desktop.returns.filing import accept_result, pending_results
    from kstthc_desktop.store import Store

    assert main(["returns", "units", "--db", str(db), "--year", "2024", "--add", "Sở Tư pháp"]) == 0
    template = tmp_path / "tp.xlsx"
    assert main(["returns", "template", "--db", str(db), "--period", "2024-Q3", "--unit", "Sở Tư pháp",
                 "--out", str(template)]) == 0
    wb = openpyxl.load_workbook(template)
    assert wb["Nhiệm vụ"].cell(9, 5).value == "Thường xuyên"  # an ongoing task: reported every quarter
    wb["Nhiệm vụ"].cell(9, 6, "Đã rà soát 12 thủ tục hành chính lĩnh vực tư pháp")
    wb.save(template)
    assert main(["returns", "import", str(template), "--db", str(db)]) == 0
    with Store.open(db) as store:
        [result] = pending_results(store, "2024-Q3")
        accept_result(store, result.id, today=date(2024, 9, 12))
    text = " ".join(pdf_text(report(db, tmp_path / "r.pdf")).split())
    assert "đã rà soát 12 thủ tục hành chính lĩnh vực tư pháp (Sở Tư pháp)" in text


def test_the_figures_heading_never_ends_a_page_without_its_sentences(db, tmp_path):
    from pypdf import PdfReader

    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(str(report(db, tmp_path / "r.pdf"))).pages]
    [page] = [p for p in pages if "Số liệu giải quyết thủ tục hành chính" in p]
    assert "Trong kỳ, tiếp nhận 412 hồ sơ" in page  # the heading was alone at the foot of page 1
