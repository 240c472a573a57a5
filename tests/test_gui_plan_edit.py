"""Issue 14 item 9 in the window: a task edited (its deadline read again as it is typed), a task deleted after a
question and brought back by Ctrl+Z, a section renamed; each through the Sửa menu's actions and real widgets."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QMessageBox

import conftest
import two_level_plan as layout
from kstthc_desktop.importers import extract
from kstthc_desktop.store import Store

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tmp_path):
    plan = extract(layout.write_docx(tmp_path / "plan.docx"))
    store = Store.open(tmp_path / "kstthc.sqlite3")
    store.save_plan(plan)
    store.session_actions.clear()  # the import is not the officer's correction
    win = conftest.show_main_window(qtbot, store, date(2024, 6, 16))
    win.tabs.setCurrentIndex(1)
    win.ensure_task_page()
    yield win
    store.close()


def _act(window, name):
    from PySide6.QtGui import QAction

    return window.findChild(QAction, name)


def _shown_contents(window) -> list[str]:
    return [r.task.content for r in window.rows]


def _when_dialog(act):
    """Run ``act(dialog)`` once the task dialog is shown (it runs its own event loop)."""
    from kstthc_desktop.gui.task_edit_dialog import TaskEditDialog

    return conftest.when_shown(TaskEditDialog, act)


def test_a_task_is_edited_and_its_deadline_read_as_typed(window, qtbot):
    task = window.rows[1].task
    window.select_task(task.id)
    readings = []

    def fill(dialog):
        conftest.type_text(qtbot, dialog.edits["deadline_text"], "Quý II/2024", replace=True)
        readings.append(dialog.reading.text())
        dialog.edits["content"].setPlainText("Kiện toàn đội ngũ cán bộ đầu mối (sửa theo bản ký).")
        dialog.buttons.accepted.emit()

    timer = _when_dialog(fill)
    _act(window, "editTaskAction").trigger()
    timer.stop()
    assert readings and "30/6/2024" in readings[0]
    assert "Kiện toàn đội ngũ cán bộ đầu mối (sửa theo bản ký)." in _shown_contents(window)
    saved = window.store.task(task.id)
    assert saved.deadline.due == date(2024, 6, 30)
    assert window.task_page.panel.row.task.content == saved.content  # the panel shows the edited task


def test_a_deleted_task_asks_first_and_comes_back_with_ctrl_z(window, qtbot, monkeypatch):
    task = window.rows[2].task
    window.select_task(task.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    _act(window, "deleteTaskAction").trigger()
    assert task.content in _shown_contents(window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    _act(window, "deleteTaskAction").trigger()
    assert task.content not in _shown_contents(window) and len(window.rows) == 7
    QTest.keySequence(window, QKeySequence("Ctrl+Z"))
    qtbot.waitUntil(lambda: len(window.rows) == 8)
    assert task.content in _shown_contents(window)


def test_a_section_is_renamed_in_the_tree(window, qtbot, monkeypatch):
    page = window.task_page
    page.choose_section("1.I")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Công tác chỉ đạo, điều hành, kiểm tra", True))
    _act(window, "renameSectionAction").trigger()
    labels = [item.text(0) for item in page._tree_items()]
    assert "I. Công tác chỉ đạo, điều hành, kiểm tra" in labels


def test_the_task_and_merge_dialogs_name_the_report_day_set_in_cai_dat(window, qtbot):
    """A periodic deadline with no day of its own is read with the officer's report day, as in the task panel."""
    from dataclasses import replace

    from kstthc_desktop.gui.split_merge_dialogs import MergeDialog

    window.store.save_settings(replace(window.store.settings(), report_deadlines={"quarter": 19}))
    words = "Định kỳ: hằng quý (ngày 19 tháng cuối kỳ, theo hạn nộp báo cáo trong Cài đặt)"
    window.select_task(window.rows[1].task.id)
    readings = []

    def read(dialog):
        conftest.type_text(qtbot, dialog.edits["deadline_text"], "Hằng quý", replace=True)
        readings.append(dialog.reading.text())
        dialog.reject()

    timer = _when_dialog(read)
    _act(window, "editTaskAction").trigger()
    timer.stop()
    assert readings == [words]

    merge = MergeDialog([window.rows[1].task, window.rows[2].task], window.plan.sections, 2024, stored=False,
                        report_days=window.store.settings().report_deadlines)
    qtbot.addWidget(merge)
    merge.deadline_edit.setText("Hằng quý")
    assert merge.reading.text() == words
