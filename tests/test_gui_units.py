"""The "Đơn vị" page driven through its widgets: units from the plan, every unit's workbook written to a folder,
a filled return dropped in, the unit shown as sent and the late one as late, a result accepted as progress."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

pytestmark = pytest.mark.gui

PLAN = Path(__file__).parent / "fixtures" / "plans" / "vinh-long-2024.docx"


@pytest.fixture
def page(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from conftest import show_main_window
    from kstthc_desktop.cli import main
    from kstthc_desktop.store import Store

    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("Đã rà soát 5 thủ tục", True))
    db = tmp_path / "k.sqlite3"
    assert main(["import", str(PLAN), "--db", str(db)]) == 0
    assert main(["returns", "units", "--db", str(db), "--year", "2024", "--add", "Sở Tư pháp", "--add",
                 "Sở Nội vụ", "--day", "10"]) == 0
    win = show_main_window(qtbot, Store.open(db), date(2024, 9, 12))
    win.period_combo.setCurrentIndex(win.period_combo.findData("2024-Q3"))
    win.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: win.units_page is not None)
    yield win.units_page
    win.store.close()


def test_templates_go_out_and_a_filled_return_comes_back_as_sent(page, tmp_path):
    table = page.table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["Sở Tư pháp", "Sở Nội vụ"]
    assert table.item(1, 1).text() == "Chậm gửi"  # due on the 10th, today is the 12th
    written = page.write_templates(str(tmp_path / "gui"))
    assert sorted(p.name for p in written) == ["so-noi-vu-2024-Q3.xlsx", "so-tu-phap-2024-Q3.xlsx"]
    path = tmp_path / "gui" / "so-tu-phap-2024-Q3.xlsx"
    wb = openpyxl.load_workbook(path)
    wb["Nhiệm vụ"].cell(8, 6, "Rà soát xong")
    wb["Số liệu"].cell(12, 2, "Hộ tịch")
    for c, v in enumerate([8, 2, 6, 0, 8, 5, 3, 0, 0, 0, 0], start=3):
        wb["Số liệu"].cell(12, c, v)
    wb.save(path)
    lines = page.receive([path, tmp_path / "gui" / "khong-co.xlsx"])
    assert lines[0] == "✓ Sở Tư pháp: 1 kết quả"
    assert lines[-1].startswith("✗ khong-co.xlsx")
    assert table.item(0, 1).text() == "Đã gửi" and table.item(0, 3).text() == "12/9/2024"
    assert page.pending.rowCount() == 1 and page.pending.item(0, 2).text() == "Rà soát xong"
    page.accept(0)
    assert page.pending.rowCount() == 0
    entries = [e for e in page.store.progress(plan_id=page.plan_id) if "(Sở Tư pháp)" in e.text]
    assert [e.text for e in entries] == ["Đã rà soát 5 thủ tục (Sở Tư pháp)."]


def test_a_unit_name_with_markup_is_asked_about_as_plain_text(page, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from kstthc_desktop.returns.units import Unit, save_unit

    save_unit(page.store, 2024, Unit("Phòng <b>A</b> & B"))
    page.refresh()
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    page.table.setCurrentCell(2, 0)
    page.remove_unit()
    assert "&lt;b&gt;A&lt;/b&gt; &amp; B" in asked[0]  # shown as typed, not as bold "A"
