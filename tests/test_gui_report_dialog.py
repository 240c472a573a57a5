"""The report dialog through its widgets: period choice, the officer's texts kept per period, preview, save, print."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from conftest import type_text
from report_samples import pdf_text
from test_report_data import TODAY, store  # noqa: F401  (the hand-computed plan of 2025)

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, store):  # noqa: F811
    from kstthc_desktop.gui.report_dialog import ReportDialog

    d = ReportDialog(store, store.plan_id, TODAY)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.page_count() > 0, timeout=20000)  # the preview is built once the dialog is shown
    return d


def test_opens_on_the_quarter_just_closed_with_a_preview(dialog):
    assert dialog.period.key == "2025-Q1"  # 17/3: Quý I's data window closed on 14/3
    assert "15/12/2024" in dialog.window_label.text() and "14/03/2025" in dialog.window_label.text()
    assert dialog.page_count() >= 3  # report pages and the landscape appendix
    first = dialog.pages.findChild(type(dialog.window_label), "page_1")
    assert first.pixmap().width() < first.pixmap().height()  # A4 portrait
    assert "Quý I năm 2025" in dialog.preview_note.text()


def test_officer_texts_are_kept_per_period(qtbot, dialog, store):  # noqa: F811
    type_text(qtbot, dialog.fields["shortcomings"], "Nhân sự kiêm nhiệm, thiếu ổn định.")
    type_text(qtbot, dialog.fields["number"], "27")
    dialog.set_period("2025-Q2")  # switching keeps what was typed for Quý I
    assert store.report_texts(store.plan_id, "2025-Q1")["shortcomings"] == "Nhân sự kiêm nhiệm, thiếu ổn định."
    assert dialog.fields["shortcomings"].toPlainText() == ""
    dialog.set_period("2025-Q1")
    assert dialog.fields["shortcomings"].toPlainText() == "Nhân sự kiêm nhiệm, thiếu ổn định."
    assert dialog.fields["number"].text() == "27"


def test_save_pdf_and_workbook_are_recorded(qtbot, dialog, store, tmp_path):  # noqa: F811
    type_text(qtbot, dialog.fields["proposals"], "Đề nghị tổ chức tập huấn.")
    pdf, digest = dialog.save_report(tmp_path / "bao-cao.pdf")
    text = pdf_text(pdf)
    assert "Đề nghị tổ chức tập huấn." in text
    assert "Quý I năm 2025 (từ ngày 15/12/2024 đến ngày 14/3/2025)" in text
    assert f"ngày {TODAY.day} tháng {TODAY.month} năm {TODAY.year}" in text
    xlsx, _ = dialog.save_report(tmp_path / "bao-cao.xlsx")
    recorded = store.reports(store.plan_id)
    assert [(r["period_key"], r["sha256"]) for r in recorded] == [
        ("2025-Q1", hashlib.sha256(pdf.read_bytes()).hexdigest()),
        ("2025-Q1", hashlib.sha256(xlsx.read_bytes()).hexdigest()),
    ]
    # produced again from the saved texts: the very same file
    _again, digest_again = dialog.save_report(tmp_path / "lai.pdf")
    assert digest_again == digest


def test_report_date_is_kept_so_the_report_can_be_made_again(qtbot, dialog, store):  # noqa: F811
    from PySide6.QtCore import QDate

    dialog.fields["date"].setDate(QDate(2025, 3, 18))
    dialog.save_texts()
    assert store.report_texts(store.plan_id, "2025-Q1")["date"] == "2025-03-18"


def test_print_sends_every_page(dialog, store, tmp_path):  # noqa: F811
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from kstthc_desktop.reports.raster import page_count

    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_report(printer)
    printed = PdfReader(str(tmp_path / "printed.pdf"))
    assert len(printed.pages) == page_count(dialog.preview_pdf)
    sizes = [sorted((round(float(p.mediabox.width)), round(float(p.mediabox.height)))) for p in printed.pages]
    assert all(s == [595, 842] for s in sizes)
    assert store.reports(store.plan_id)[-1]["path"].startswith("(in)")


def test_bad_file_name_is_refused_in_vietnamese(dialog, tmp_path, monkeypatch):
    from kstthc_desktop.errors import UserError

    with pytest.raises(UserError, match=r"\.pdf, \.docx hoặc \.xlsx"):
        dialog.save_report(tmp_path / "bao-cao.doc")


def test_default_period_rules():
    from kstthc_desktop.gui.report_dialog import default_period

    assert default_period(date(2025, 3, 17), "quarter").key == "2025-Q1"
    assert default_period(date(2025, 5, 2), "quarter").key == "2025-Q2"
    assert default_period(date(2025, 2, 20), "month").key == "2025-02"
    assert default_period(date(2025, 12, 20), "year").key == "2025"


def test_opening_and_previewing_writes_nothing(dialog, store):  # noqa: F811
    dialog.refresh_preview()
    assert store.report_texts(store.plan_id, "2025-Q1") == {}
    assert store.reports(store.plan_id) == []


def test_the_dialog_opens_at_once_and_builds_its_preview_after(qtbot, store):  # noqa: F811
    """Opening never waits for the report: a modal exec() shows the window first (Ctrl+P feels instant)."""
    from PySide6.QtCore import QTimer

    from kstthc_desktop.gui.report_dialog import ReportDialog

    d = ReportDialog(store, store.plan_id, TODAY)
    qtbot.addWidget(d)
    assert d.page_count() == 0
    seen = []

    def close():
        seen.append(d.isVisible())
        d.reject()

    QTimer.singleShot(200, close)
    d.exec()
    assert seen == [True]


def test_missing_settings_are_named_before_the_report_is_made(qtbot, store):  # noqa: F811
    """An officer who never filled in the settings is told which printed places will be blank; one who did is not."""
    from dataclasses import replace

    from kstthc_desktop.gui.report_dialog import ReportDialog

    complete = ReportDialog(store, store.plan_id, TODAY)
    qtbot.addWidget(complete)
    assert complete.settings_notice.isHidden()
    store.save_settings(replace(store.settings(), signer_name="", place_name=""))
    d = ReportDialog(store, store.plan_id, TODAY)
    qtbot.addWidget(d)
    d.show()
    assert d.settings_notice.isVisible()
    assert "địa danh (dòng ngày tháng), họ tên người ký" in d.settings_notice.text()


def test_cli_names_missing_settings_but_still_writes_the_report(store, tmp_path, capsys):  # noqa: F811
    from dataclasses import replace

    from kstthc_desktop.cli import main

    store.save_settings(replace(store.settings(), body_name=""))
    db = store.path
    store.close()
    out = tmp_path / "r.pdf"
    assert main(["report", "--db", str(db), "--period", "2025-Q1", "--out", str(out), "--today", "2025-03-17"]) == 0
    assert out.exists()
    assert "Chú ý: Chưa khai báo trong Cài đặt: tên cơ quan." in capsys.readouterr().err


def test_save_word_from_the_dialog_is_recorded(qtbot, dialog, store, tmp_path):  # noqa: F811
    from docx import Document

    assert dialog.docx_button.text() == "Lưu Word (.docx)…"
    type_text(qtbot, dialog.fields["proposals"], "Đề nghị tổ chức tập huấn.")
    path, digest = dialog.save_report(tmp_path / "bao-cao.docx")
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "Đề nghị tổ chức tập huấn." in text and "BÁO CÁO" in text
    assert store.reports(store.plan_id)[-1]["sha256"] == digest


def test_the_title_typed_is_kept_for_every_report_of_its_kind(qtbot, dialog, store, tmp_path):  # noqa: F811
    from kstthc_desktop.reports.data import DEFAULT_TITLE

    assert dialog.title_edit.toPlainText() == DEFAULT_TITLE
    type_text(qtbot, dialog.title_edit, "Kết quả cải cách thủ tục hành chính {kỳ}", replace=True)
    pdf, _ = dialog.save_report(tmp_path / "r.pdf")
    assert "Kết quả cải cách thủ tục hành chính quý I năm 2025" in pdf_text(pdf)
    assert store.settings().report_titles == {"quarter": "Kết quả cải cách thủ tục hành chính {kỳ}"}
    dialog.set_period("2025-Q2")  # another quarter: the same title
    assert dialog.title_edit.toPlainText() == "Kết quả cải cách thủ tục hành chính {kỳ}"
    dialog.set_period("2025")  # the annual report keeps the official one
    assert dialog.title_edit.toPlainText() == DEFAULT_TITLE


def test_the_whole_plan_box_is_kept_with_the_report(qtbot, tmp_path):
    from kstthc_desktop.gui.report_dialog import ReportDialog
    from kstthc_desktop.store import Store
    from test_report_word import OTHER_BODYS_TASK, make_province_db

    province = Store.open(make_province_db(tmp_path / "k.sqlite3"))
    try:
        d = ReportDialog(province, province.plans()[0].id, date(2025, 3, 17))
        qtbot.addWidget(d)
        assert not d.whole_plan_box.isChecked()
        path, _ = d.save_report(tmp_path / "own.pdf")
        assert "Xây dựng kế hoạch hoạt động kiểm soát" not in pdf_text(path)
        d.whole_plan_box.setChecked(True)
        path, _ = d.save_report(tmp_path / "all.pdf")
        assert OTHER_BODYS_TASK[:40] in pdf_text(path)
        d.set_period("2025-Q2")
        d.set_period("2025-Q1")
        assert d.whole_plan_box.isChecked()
    finally:
        province.close()


def test_the_word_preview_shows_libreoffices_pages(qtbot, dialog):
    from kstthc_desktop.reports.convert import find_office

    if find_office() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    dialog.preview_format.setCurrentIndex(dialog.preview_format.findData("docx"))
    qtbot.waitUntil(lambda: "bản Word" in dialog.preview_note.text(), timeout=120000)
    assert dialog.page_count() >= 2
    assert dialog.preview_pdf.parent.name == "word"


def test_the_officer_rewrites_a_tasks_sentence_and_it_is_kept(qtbot, dialog, store, tmp_path):  # noqa: F811
    dialog.left_tabs.setCurrentIndex(1)
    panel = dialog.task_texts
    qtbot.waitUntil(lambda: panel.task_box.count() > 0)
    index = next(i for i in range(panel.task_box.count()) if "Công khai TTHC" in panel.task_box.itemText(i))
    panel.task_box.setCurrentIndex(index)
    assert "công khai 12 TTHC mới" in panel.text_edit.toPlainText()  # the computed sentence, offered first
    type_text(qtbot, panel.text_edit, "Đã công khai đầy đủ 12 thủ tục hành chính mới.", replace=True)
    pdf, _ = dialog.save_report(tmp_path / "r.pdf")
    assert "- Đã công khai đầy đủ 12 thủ tục hành chính mới." in pdf_text(pdf)
    key = panel.task_box.currentData()
    assert store.report_texts(store.plan_id, "2025-Q1")[key] == "Đã công khai đầy đủ 12 thủ tục hành chính mới."


def test_a_section_remapped_to_another_area_is_kept_for_every_report(qtbot, dialog, store, tmp_path):  # noqa: F811
    from kstthc_desktop.text import fold

    combo = dialog.areas.combos[fold("Kiểm soát quy định thủ tục hành chính")]
    assert combo.currentData() == "control"
    combo.setCurrentIndex(combo.findData("publish"))
    assert store.settings().section_areas == {fold("Kiểm soát quy định thủ tục hành chính"): "publish"}
    pdf, _ = dialog.save_report(tmp_path / "r.pdf")
    assert "2. Công bố, công khai thủ tục hành chính" in pdf_text(pdf)
