"""Issue 14 item 6 in the window: a deleted entry shows in the history tab, and Sửa › Hoàn tác (Ctrl+Z) brings
it back; the menu names the action it would undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

pytestmark = pytest.mark.gui

TODAY = date(2024, 12, 13)


@pytest.fixture
def window(demo_window):
    return demo_window  # conftest.demo_window: the demo database, "today" 13/12/2024


def _history_lines(panel) -> list[str]:
    return [panel.history_list.topLevelItem(i).text(1) for i in range(panel.history_list.topLevelItemCount())]


def _menu_text(window) -> str:
    from kstthc_desktop.gui.undo_menu import name_undo

    name_undo(window, window.undo_action)  # what the menu shows when it opens
    return window.undo_action.text()


def test_ctrl_z_brings_back_a_deleted_entry_and_the_menu_names_it(window, qtbot, monkeypatch):
    row = next(r for r in window.rows if r.progress_count)
    window.open_task(row.task.id)
    panel = window.task_page.panel
    before = [e.text for e in window.store.progress(task_id=row.task.id)]
    assert _menu_text(window) == "Hoàn tác (chưa có thao tác nào)"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel.progress_list.setCurrentItem(panel.progress_list.topLevelItem(0))
    panel.delete_progress()
    qtbot.waitUntil(lambda: "Xóa kết quả" in _history_lines(window.task_page.panel))  # the deletion shows in history
    assert len(window.store.progress(task_id=row.task.id)) == len(before) - 1
    assert _menu_text(window) == "Hoàn tác «Xóa kết quả»"

    window.undo_action.setEnabled(True)
    QTest.keySequence(window, QKeySequence("Ctrl+Z"))
    qtbot.waitUntil(lambda: len(window.store.progress(task_id=row.task.id)) == len(before))
    assert sorted(e.text for e in window.store.progress(task_id=row.task.id)) == sorted(before)
    assert window.task_page.panel.progress_list.topLevelItemCount() == len(before)  # the panel shows it again
    assert "Đã hoàn tác" in window.statusBar().currentMessage()
    assert _menu_text(window) == "Hoàn tác (chưa có thao tác nào)"
