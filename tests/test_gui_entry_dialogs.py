"""The progress and document dialogs driven through their widgets: "Tính cho kỳ" follows the entry's date
(issue 14, item 1) and typed text is never thrown away without a question (item 5)."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import type_text

pytestmark = pytest.mark.gui

TODAY = date(2023, 6, 16)  # the week officers write up Quý II


def _task(text: str = "Hằng quý"):
    from kstthc_desktop.deadlines import read_deadline
    from kstthc_desktop.domain import Task

    return Task(id=1, stt="3", content="Báo cáo kết quả kiểm soát TTHC", deadline_text=text,
                deadline=read_deadline(text, 2023))


def _progress_dialog(qtbot, task=None, **kwargs):
    from kstthc_desktop.gui.app import make_application
    from kstthc_desktop.gui.entry_dialogs import ProgressDialog
    from kstthc_desktop.occurrences import entry_occurrences

    make_application()
    task = task or _task()
    dialog = ProgressDialog(task, entry_occurrences(task, 2023), TODAY, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _answer_question(qtbot, button_text: str):
    """Click ``button_text`` on the "Lưu / Bỏ / Quay lại" question once it shows; the list of its texts."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    asked: list[str] = []

    def poll():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "unsavedQuestion":
            asked.append(box.text())
            buttons = {b.text(): b for b in box.buttons()}
            asked.append(sorted(buttons))
            buttons.get(button_text, buttons["Quay lại"]).click()
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    return asked


def _set_date(dialog, day: date) -> None:
    from kstthc_desktop.gui.entry_dialogs import qdate

    dialog.ui.dateEdit.setFocus()
    dialog.ui.dateEdit.setDate(qdate(day))


# -- 1. "Tính cho kỳ" follows the date ----------------------------------------------------------------------

def test_the_period_follows_the_entry_date_and_the_dialog_says_which(qtbot):
    dialog = _progress_dialog(qtbot)
    assert dialog.ui.periodCombo.currentData() == "2023-Q3"  # today, 16/6, lies in Quý III's data window
    _set_date(dialog, date(2023, 5, 10))
    assert dialog.ui.periodCombo.currentData() == "2023-Q2"
    assert "Quý II/2023" in dialog.period_note.text() and "10/5/2023" in dialog.period_note.text()
    _set_date(dialog, date(2023, 2, 1))
    assert dialog.ui.periodCombo.currentData() == "2023-Q1"


def test_the_officer_may_choose_another_period_and_it_is_kept_and_named(qtbot):
    from PySide6.QtCore import Qt

    dialog = _progress_dialog(qtbot)
    _set_date(dialog, date(2023, 5, 10))
    combo = dialog.ui.periodCombo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Quý III, by hand
    assert combo.currentData() == "2023-Q3"
    assert "(đã chọn)" in dialog.period_note.text() and "thuộc Quý II/2023" in dialog.period_note.text()
    _set_date(dialog, date(2023, 5, 12))
    assert combo.currentData() == "2023-Q3"  # a hand-made choice is not overridden
    type_text(qtbot, dialog.ui.textEdit, "Đã gửi báo cáo")
    assert dialog.entry().occurrence_key == "2023-Q3"


def test_a_dated_task_counts_for_its_due_date(qtbot):
    dialog = _progress_dialog(qtbot, _task("Trước ngày 31/12/2023"))
    _set_date(dialog, date(2023, 5, 10))
    assert dialog.ui.periodCombo.currentData() == "due"


# -- 5. never lose what was typed ----------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["esc", "cancel", "close"])
def test_closing_after_typing_asks_and_back_keeps_the_text(qtbot, how):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = _progress_dialog(qtbot)
    type_text(qtbot, dialog.ui.textEdit, "Đã rà soát 12 thủ tục")
    asked = _answer_question(qtbot, "Quay lại")
    if how == "esc":
        qtbot.keyClick(dialog.ui.textEdit, Qt.Key.Key_Escape)
    elif how == "cancel":
        qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    else:
        dialog.close()  # the title bar's ✕
    qtbot.waitUntil(lambda: bool(asked))
    assert "chưa lưu" in asked[0] and asked[1] == ["Bỏ", "Lưu", "Quay lại"]
    assert dialog.isVisible() and dialog.ui.textEdit.toPlainText() == "Đã rà soát 12 thủ tục"


def test_closing_untouched_asks_nothing(qtbot):
    from PySide6.QtCore import Qt

    dialog = _progress_dialog(qtbot)
    qtbot.keyClick(dialog.ui.textEdit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_discard_closes_and_save_saves(qtbot):
    from PySide6.QtCore import Qt

    dialog = _progress_dialog(qtbot)
    type_text(qtbot, dialog.ui.textEdit, "Bản nháp")
    _answer_question(qtbot, "Bỏ")
    qtbot.keyClick(dialog.ui.textEdit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    saved = []
    dialog = _progress_dialog(qtbot, on_save=lambda entry, ev, f: saved.append(entry))
    type_text(qtbot, dialog.ui.textEdit, "Đã gửi báo cáo quý II")
    _answer_question(qtbot, "Lưu")
    qtbot.keyClick(dialog.ui.textEdit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(saved))
    assert saved[0].text == "Đã gửi báo cáo quý II" and not dialog.isVisible()


def test_the_document_dialog_asks_too(qtbot):
    from PySide6.QtCore import Qt

    from kstthc_desktop.gui.app import make_application
    from kstthc_desktop.gui.entry_dialogs import EvidenceDialog

    make_application()
    dialog = EvidenceDialog(_task(), TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(qtbot, dialog.ui.numberEdit, "15/BC-VP")
    asked = _answer_question(qtbot, "Quay lại")
    qtbot.keyClick(dialog.ui.numberEdit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(asked))
    assert dialog.isVisible() and dialog.ui.numberEdit.text() == "15/BC-VP"


def test_closing_the_program_with_an_unsaved_assignee_asks(qtbot, tmp_path):
    from conftest import show_main_window
    from kstthc_desktop.demo import build_demo_db
    from kstthc_desktop.store import Store

    build_demo_db(tmp_path / "demo.sqlite3", date(2024, 12, 13))
    with Store.open(tmp_path / "demo.sqlite3") as store:
        window = show_main_window(qtbot, store, date(2024, 12, 13), demo=True)
        task_id = window.rows[1].task.id
        window.open_task(task_id)
        type_text(qtbot, window.task_page.panel.assignee, "Đ/c Lê Văn Tám", replace=True)
        asked = _answer_question(qtbot, "Quay lại")
        window.close()
        qtbot.waitUntil(lambda: bool(asked))
        assert window.isVisible() and window.task_page.panel.assignee.text() == "Đ/c Lê Văn Tám"
        _answer_question(qtbot, "Lưu")
        window.close()
        qtbot.waitUntil(lambda: not window.isVisible())
        assert store.task(task_id).assignee == "Đ/c Lê Văn Tám"


def test_the_panel_reads_one_status_and_names_each_line_s_occurrence(qtbot, tmp_path):
    """Demo task V.3 in Quý IV/2024: the Q3 report sent late on 27/9 sits inside Q4's data window."""
    from kstthc_desktop.deadlines import read_deadline
    from kstthc_desktop.domain import Plan, PlanDocument, ProgressEntry, Section, Task
    from kstthc_desktop.gui.app import make_application
    from kstthc_desktop.gui.task_panel import TaskPanel
    from kstthc_desktop.periods import parse_period
    from kstthc_desktop.store import Store
    from kstthc_desktop.tracking import task_rows

    make_application()
    today, q4 = date(2024, 10, 20), parse_period("2024-Q4")
    with Store.open(tmp_path / "kstthc.sqlite3") as store:
        plan = Plan(document=PlanDocument(year=2024), sections=[Section("V", "Báo cáo")],
                    tasks=[Task(section="V", stt="3", content="Báo cáo quý", deadline_text="Hằng quý",
                                deadline=read_deadline("Hằng quý", 2024))])
        plan_id = store.save_plan(plan)
        task_id = store.tasks(plan_id)[0].id
        for day, key in ((date(2024, 3, 20), "2024-Q1"), (date(2024, 6, 10), "2024-Q2"), (date(2024, 9, 27), "2024-Q3")):
            store.add_progress(ProgressEntry(task_id=task_id, entry_date=day, occurrence_key=key, done=True,
                                             text="Đã hoàn thành (chậm so với thời hạn)."))
        panel = TaskPanel(store, today)
        qtbot.addWidget(panel)
        panel.set_context(2024, q4, plan.sections)
        [row] = task_rows(store, plan_id, q4, today)
        panel.show_task(row)
        assert "Chưa hoàn thành – trong hạn (kỳ quý IV)" in panel.title.text()
        last = panel.progress_list.topLevelItem(panel.progress_list.topLevelItemCount() - 1)
        assert last.text(0) == "27/9/2024" and last.text(1).startswith("Quý III/2024")
