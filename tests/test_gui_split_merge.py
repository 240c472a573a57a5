"""Issue 14 item 9, split and merge through the widgets: in the window (Sửa menu, the table's context menu, one
Ctrl+Z puts the tasks back) and in the import wizard's preview (the plan in memory, saved as the officer sees it)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

import conftest
import two_level_plan as layout
from kstthc_desktop.domain import ProgressEntry
from kstthc_desktop.importers import extract
from kstthc_desktop.store import Store

pytestmark = pytest.mark.gui

TWO_TASKS = "a) Rà soát quy định thủ tục hành chính; b) Công bố danh mục thủ tục hành chính."


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda *a, **k: pytest.fail(str(a[2]))))
    plan = extract(layout.write_docx(tmp_path / "plan.docx"))
    plan.tasks[0].content = TWO_TASKS  # one printed row holding two tasks
    store = Store.open(tmp_path / "kstthc.sqlite3")
    store.save_plan(plan)
    first = store.tasks(store.plans()[0].id)[0]
    store.add_progress(ProgressEntry(first.id, date(2024, 2, 1), "Đã công bố danh mục", "2024"))
    store.session_actions.clear()  # the import and the result are not the corrections under test
    win = conftest.show_main_window(qtbot, store, date(2024, 6, 16))
    win.tabs.setCurrentIndex(1)
    win.ensure_task_page()
    yield win
    store.close()


_when_dialog = conftest.when_shown  # act on a dialog once shown (it runs its own event loop)


def _ctrl_z(qtbot, window) -> None:
    """Ctrl+Z as the officer presses it, back in the main window once the dialog has closed."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keySequence(window, QKeySequence("Ctrl+Z"))


def _numbers_and_contents(window) -> list[tuple[str, str]]:
    return [(r.task.stt, r.task.content) for r in window.rows]


def _click_row(qtbot, table, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    rect = table.visualRect(table.model().index(row, 2))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_a_task_is_split_where_the_officer_puts_the_cut_and_ctrl_z_makes_it_one_again(window, qtbot):
    from kstthc_desktop.gui.split_merge_dialogs import SplitDialog

    before = _numbers_and_contents(window)
    task = window.rows[0].task
    window.select_task(task.id)
    seen = {}

    def cut(dialog):
        seen["proposed"] = (dialog.first_edit.toPlainText(), dialog.second_edit.toPlainText())
        cursor = dialog.whole.textCursor()  # the officer clicks before "Công bố" and presses the cut button
        cursor.setPosition(TWO_TASKS.index("Công bố"))
        dialog.whole.setTextCursor(cursor)
        qtbot.mouseClick(dialog.cut_button, Qt.MouseButton.LeftButton)
        item = dialog.records.item(0)  # the result goes with the second task
        item.setCheckState(Qt.CheckState.Checked)
        seen["numbers"] = dialog.numbers()
        dialog.buttons.accepted.emit()

    timer = _when_dialog(SplitDialog, cut)
    window.findChild(type(window.undo_action), "splitTaskAction").trigger()
    timer.stop()
    assert seen["proposed"] == ("a) Rà soát quy định thủ tục hành chính", "b) Công bố danh mục thủ tục hành chính.")
    assert seen["numbers"] == ("1a", "1b")
    rows = _numbers_and_contents(window)
    assert rows[:2] == [("1a", "a) Rà soát quy định thủ tục hành chính; b)"),
                        ("1b", "Công bố danh mục thủ tục hành chính.")]
    second = window.rows[1].task
    assert [e.text for e in window.store.progress(task_id=second.id)] == ["Đã công bố danh mục"]
    _ctrl_z(qtbot, window)
    qtbot.waitUntil(lambda: _numbers_and_contents(window) == before)
    assert [e.text for e in window.store.progress(task_id=task.id)] == ["Đã công bố danh mục"]


def test_two_tasks_chosen_apart_in_the_table_are_merged_from_its_context_menu_and_undone(window, qtbot, monkeypatch):
    from kstthc_desktop.gui.concern_menu import table_menu
    from kstthc_desktop.gui.split_merge_dialogs import MergeDialog

    before = _numbers_and_contents(window)
    table = window.task_page.table
    _click_row(qtbot, table, 0)
    menu = table_menu(window, table)
    items = {a.objectName(): a for a in menu.actions()}
    assert items["splitTaskItem"].isEnabled() and not items["mergeTasksItem"].isEnabled()  # one task chosen
    _click_row(qtbot, table, 4, Qt.KeyboardModifier.ControlModifier)  # 2.I.1: another section, not adjacent
    assert window.task_page.panel.row is not None  # the panel still shows the current task
    shown = []  # the right-click itself: the table's menu offers the merge
    import kstthc_desktop.gui.concern_menu as concern_menu

    def built(*args):
        menu = table_menu(*args)
        menu.exec = lambda *a: shown.append([x.text() for x in menu.actions() if x.isEnabled()])  # not modal here
        return menu

    monkeypatch.setattr(concern_menu, "table_menu", built)
    table.customContextMenuRequested.emit(table.visualRect(table.model().index(4, 2)).center())
    assert "Gộp nhiệm vụ…" in shown[0] and "Cơ quan mình chủ trì" in shown[0]
    menu = table_menu(window, table)
    merge = next(a for a in menu.actions() if a.objectName() == "mergeTasksItem")
    assert merge.isEnabled()
    seen = {}

    def choose(dialog):
        seen["several"] = dialog.several_sections
        dialog.section_combo.setCurrentIndex(dialog.section_combo.findData("2.I"))
        conftest.type_text(qtbot, dialog.deadline_edit, "Quý III/2024", replace=True)
        seen["reading"] = dialog.reading.text()
        seen["periods"] = dialog.period_note.text() if dialog.period_note.isVisible() else ""
        dialog.buttons.accepted.emit()

    timer = _when_dialog(MergeDialog, choose)
    merge.trigger()
    timer.stop()
    assert seen["several"] and "30/9/2024" in seen["reading"]
    assert "Kết quả ngày 01/02/2024 «Đã công bố danh mục»: tính cho hạn 30/9/2024 (trước là kỳ năm 2024)." in \
        seen["periods"]  # said before the merge: the result counts for the merged task's due date
    assert [e.occurrence_key for e in window.store.progress(task_id=window.current_task_id())] == ["due"]
    assert len(window.rows) == len(before) - 1
    merged = next(r.task for r in window.rows if r.task.content.startswith("a) Rà soát"))
    assert merged.content.split("\n")[1] == before[4][1]
    assert merged.section == "2.I" and merged.deadline.due == date(2024, 9, 30)
    assert window.current_task_id() == merged.id
    _ctrl_z(qtbot, window)
    qtbot.waitUntil(lambda: _numbers_and_contents(window) == before)
    assert [e.occurrence_key for e in window.store.progress(task_id=merged.id)] == ["2024"]


def test_the_preview_splits_and_merges_rows_before_saving(qtbot, tmp_path, monkeypatch):
    from kstthc_desktop.gui.split_merge_dialogs import MergeDialog, SplitDialog

    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda *a, **k: pytest.fail(str(a[2]))))
    path = layout.write_docx(tmp_path / "plan.docx")
    with Store.open(tmp_path / "kstthc.sqlite3") as store:
        wizard = conftest.make_wizard(qtbot, store)
        conftest.open_through_button(qtbot, wizard, monkeypatch, path)
        page = wizard.preview_page
        count = len(page.model.plan.tasks)
        page.select_task(2)  # 1.II.1 "Đánh giá tác động …"
        menu = page.corrections.context_menu()  # the right-click's one menu: the corrections, then the moves
        entries = [a.text() for a in menu.actions() if a.text()]
        assert entries.index("Tách nhiệm vụ…") < entries.index("Chuyển lên")
        split = next(a for a in menu.actions() if a.objectName() == "previewSplit")
        assert split.isEnabled()

        def fill(dialog):
            conftest.type_text(qtbot, dialog.first_edit, "Đánh giá tác động thủ tục hành chính.", replace=True)
            conftest.type_text(qtbot, dialog.second_edit, "Tổng hợp kết quả đánh giá.", replace=True)
            dialog.buttons.accepted.emit()

        timer = _when_dialog(SplitDialog, fill)
        split.trigger()
        timer.stop()
        assert len(page.model.plan.tasks) == count + 1
        shown = [page.model.index(r, 2).data() for r in range(page.model.rowCount())]
        at = shown.index("Đánh giá tác động thủ tục hành chính.")
        assert shown[at + 1] == "Tổng hợp kết quả đánh giá."  # the second part right under the first
        def merge_first_two() -> None:
            page.select_task(0)
            page.table.selectionModel().select(page.model.index(page.model.row_of_task(1), 0),
                                               page.table.selectionModel().SelectionFlag.Select |
                                               page.table.selectionModel().SelectionFlag.Rows)
            merge = next(a for a in page.corrections.context_menu().actions() if a.objectName() == "previewMerge")
            assert merge.isEnabled()
            timer = _when_dialog(MergeDialog, lambda d: d.buttons.accepted.emit())
            merge.trigger()
            timer.stop()

        merge_first_two()
        assert len(page.model.plan.tasks) == count
        page.corrections.undo_action.trigger()  # Ctrl+Z in the preview takes the merge back
        assert len(page.model.plan.tasks) == count + 1
        merge_first_two()
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
        saved = store.tasks(store.plan_id_for_year(2024))
        assert len(saved) == count  # one more by the split, one fewer by the merge
        assert saved[0].content.split("\n") == [layout.ROWS[2][2]["content"], layout.ROWS[3][2]["content"]]
        assert [(t.stt, t.content) for t in saved[1:3]] == [("1a", "Đánh giá tác động thủ tục hành chính."),
                                                             ("1b", "Tổng hợp kết quả đánh giá.")]
