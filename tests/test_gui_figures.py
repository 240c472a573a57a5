"""The "Số liệu" page driven through its widgets: an export dropped in, totals as the officer types, a broken
identity marked, the carry-over from the previous period, and typed figures stored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import type_text

pytestmark = pytest.mark.gui

TODAY = date(2025, 6, 10)
STATS = Path(__file__).parent / "fixtures" / "stats"


@pytest.fixture
def page(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from conftest import show_main_window
    from kstthc_desktop.demo import build_demo_db
    from kstthc_desktop.store import Store

    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
    build_demo_db(tmp_path / "demo.sqlite3", date(2024, 12, 13))
    store = Store.open(tmp_path / "demo.sqlite3")
    settings = store.settings()
    settings.my_body = "Sở Tài nguyên và Môi trường"
    store.save_settings(settings)
    win = show_main_window(qtbot, store, date(2024, 12, 13), demo=True)
    win.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: win.figures_page is not None)
    win.period_combo.setCurrentIndex(win.period_combo.findData("2024-Q4"))
    yield win.figures_page
    win.store.close()


def cell(page, row: int, col: int) -> str:
    return page.grid.item(row, col).text()


def test_an_imported_export_fills_the_grid_with_its_total_row(page):
    page.import_file(STATS / "mot-dong-viet-tat.xlsx")
    assert page.unit_combo.currentText() == "Sở Tài nguyên và Môi trường"
    last = page.grid.rowCount() - 1
    assert cell(page, 0, 0) == "Đất đai" and cell(page, last, 0) == "Tổng số"
    assert cell(page, last, 1) == "1.735"  # (3) of all five fields (1.697 + 21 + 9 + 4 + 4), Vietnamese format
    assert "Tỷ lệ giải quyết trước hạn và đúng hạn" in page.facts.text()


def test_typing_a_figure_updates_the_total_and_marks_a_broken_identity(page, qtbot):
    from PySide6.QtCore import Qt

    page.import_file(STATS / "mot-dong-viet-tat.xlsx")
    last = page.grid.rowCount() - 1
    before = cell(page, last, 2)
    page.grid.setCurrentCell(1, 2)  # Môi trường, (4) online: 15
    page.grid.editItem(page.grid.item(1, 2))
    editor = page.grid.focusWidget()
    type_text(qtbot, editor, "25", replace=True)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cell(page, page.grid.rowCount() - 1, 2) != before)
    assert (before, cell(page, page.grid.rowCount() - 1, 2)) == ("1.259", "1.269")  # online total (1.234 + 15 + 5 + 1 + 4): +10
    assert "(3) phải bằng (4) + (5) + (6)" in page.grid.item(1, 0).toolTip()
    assert page.grid.item(1, 0).background().color().name() == "#f8d7da"
    assert "1 dòng có số liệu không khớp" in page.facts.text()


def test_typed_figures_are_stored_and_the_next_period_shows_the_carry_over(page, qtbot):
    from kstthc_desktop.figures.compare import figures_of
    from kstthc_desktop.periods import parse_period

    from kstthc_desktop.figures.model import FigureRow

    page._append_row(FigureRow(
        "Đất đai", {"received_total": 10, "received_online": 6, "received_direct": 4, "received_carried": 0,
                    "resolved_total": 7, "resolved_early": 2, "resolved_on_time": 5, "resolved_late": 0,
                    "pending_total": 3, "pending_on_time": 3, "pending_late": 0}))
    page.other_grid.item(6, 1).setText("12")  # feedback received
    assert page.save()
    stored = figures_of(page.store, "ho-so-tthc", parse_period("2024-Q4"), "Sở Tài nguyên và Môi trường")
    assert stored.effective_total()["received_total"] == 10
    other = figures_of(page.store, "so-lieu-khac", parse_period("2024-Q4"), "Sở Tài nguyên và Môi trường")
    assert other.total == {"feedback_received": 12}
    page.set_context(page.store, parse_period("2025-Q1"), "Sở Tài nguyên và Môi trường")
    assert "Từ kỳ trước (đang giải quyết cuối Quý IV/2024): 3 hồ sơ" in page.facts.text()
