"""Issue 14 items 8 and 9 in the window: a task moved up by the Sửa menu and by its key, a task moved to another
section through the dialog, a group moved in the section tree, each undone by Ctrl+Z; the tree's long titles shown
whole (wrapped) at 1366 px."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog

import conftest
import two_level_plan as layout
from kstthc_desktop.gui.task_model import COL_CONTENT, COL_STT
from kstthc_desktop.importers import extract
from kstthc_desktop.store import Store

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tmp_path):
    store = Store.open(tmp_path / "kstthc.sqlite3")
    store.save_plan(extract(layout.write_docx(tmp_path / "plan.docx")))
    store.session_actions.clear()  # the import is not the officer's correction
    win = conftest.show_main_window(qtbot, store, date(2024, 6, 16))
    win.tabs.setCurrentIndex(1)
    win.ensure_task_page()
    yield win
    store.close()


def _table(window) -> list[str]:
    """What the task table shows, top to bottom: the STT column and the content's first word."""
    table = window.task_page.table
    model = table.model()
    return [f"{model.index(r, COL_STT).data()} {model.index(r, COL_CONTENT).data().split()[0]}"
            for r in range(model.rowCount())]


def _tree(window) -> list[str]:
    tree = window.task_page.section_tree
    return [tree.topLevelItem(i).text(0).split()[0] for i in range(tree.topLevelItemCount())]


def _act(window, name) -> QAction:
    return window.findChild(QAction, name)


def test_the_menu_moves_the_chosen_task_up_its_number_follows_and_ctrl_z_puts_it_back(window, qtbot):
    window.select_task(window.rows[1].task.id)  # 1.I.2 "Kiện toàn…"
    _act(window, "moveTaskUpAction").trigger()
    assert _table(window)[:2] == ["1.I.1 Kiện", "1.I.2 Ban"]
    assert window.current_task_id() == window.rows[0].task.id  # the moved task stays chosen
    assert "nay là số 1.I.1" in window.statusBar().currentMessage()
    QTest.keySequence(window, QKeySequence("Ctrl+Z"))
    qtbot.waitUntil(lambda: _table(window)[:2] == ["1.I.1 Ban", "1.I.2 Kiện"])


def test_the_key_moves_the_task_down_and_the_section_s_edge_is_refused(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    window.select_task(window.rows[0].task.id)
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+Down"))
    qtbot.waitUntil(lambda: _table(window)[:2] == ["1.I.1 Kiện", "1.I.2 Ban"])
    QTest.keySequence(window, QKeySequence("Ctrl+Shift+Down"))  # the last task of 1.I stays in 1.I
    qtbot.waitUntil(lambda: bool(warnings))
    assert "cuối mục" in warnings[0] and _table(window)[1] == "1.I.2 Ban"


def test_a_task_goes_to_another_section_through_the_dialog(window, qtbot):
    from kstthc_desktop.gui.plan_move_actions import MoveToSectionDialog

    def choose():
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MoveToSectionDialog) and w.isVisible()), None)
        if dialog is None:
            return
        timer.stop()
        dialog.sections.setCurrentIndex(dialog.sections.findData("2.II"))
        assert dialog.renumber.isChecked()  # the numbers follow unless the officer says otherwise
        dialog.accept()

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(choose)
    timer.start()
    window.select_task(window.rows[0].task.id)
    _act(window, "moveTaskToSectionAction").trigger()
    timer.stop()
    shown = _table(window)
    assert shown[0] == "1.I.1 Kiện" and shown[-1] == "2.II.3 Ban"


def test_a_group_moves_up_in_the_tree_with_its_tasks_and_undo_restores(window, qtbot):
    page = window.task_page
    page.choose_section("2")
    _act(window, "moveSectionUpAction").trigger()
    assert _tree(window)[1:] == ["2.", "1."]  # under "Tất cả nhiệm vụ"
    assert page._selected_section() == "2"  # still chosen, so it can move again
    page.choose_section("")
    assert _table(window)[0] == "2.I.1 Rà"
    _act(window, "undoAction").trigger()
    assert _tree(window)[1:] == ["1.", "2."]


def test_a_section_moves_out_of_its_group_and_back_in(window, qtbot, monkeypatch):
    page = window.task_page
    page.choose_section("1.II")
    _act(window, "moveSectionOutAction").trigger()
    assert _tree(window)[1:] == ["1.", "II.", "2."]
    monkeypatch.setattr(QInputDialog, "getItem", lambda _w, _t, _l, items, *a, **k: (items[0], True))
    _act(window, "moveSectionIntoGroupAction").trigger()  # into group 1 again, at its end
    assert _tree(window)[1:] == ["1.", "2."]
    group = window.task_page.section_tree.topLevelItem(1)
    assert [group.child(i).text(0).split()[0] for i in range(group.childCount())] == ["I.", "II."]


def test_the_tree_shows_a_long_title_whole_on_several_lines(window, qtbot, monkeypatch):
    page = window.task_page
    page.splitter.setSizes([210, 1366 - 210, 0])
    page.choose_section("1.II")
    title = "Kiểm soát chặt chẽ quy định thủ tục hành chính trong dự thảo văn bản quy phạm pháp luật của Sở"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (title, True))
    _act(window, "renameSectionAction").trigger()
    tree = page.section_tree
    item = tree.currentItem()
    assert item.toolTip(0).endswith(title)  # on hover
    line = tree.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: tree.visualItemRect(item).height() >= 4 * line)  # wrapped, not cut
    narrow = tree.visualItemRect(item).height()
    page.splitter.setSizes([520, 1366 - 520, 0])  # widened: fewer lines
    qtbot.waitUntil(lambda: tree.visualItemRect(item).height() < narrow)


def test_a_tree_dragged_narrow_still_fits_every_word_of_its_titles(window, qtbot):
    """A tree narrowed to a sliver (or restored so from a saved layout) would wrap a title a few letters to a line
    with "…" on each; it keeps the width of its longest word instead."""
    page = window.task_page
    page.splitter.setSizes([40, 1366 - 40, 380])  # as a task is chosen with the tree dragged to nothing
    tree = page.section_tree
    metrics = tree.fontMetrics()
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        stack.extend(item.child(i) for i in range(item.childCount()))
        depth, parent = 1, item.parent()
        while parent is not None:
            depth, parent = depth + 1, parent.parent()
        room = tree.columnWidth(0) - tree.indentation() * depth
        longest = max(item.text(0).split(), key=metrics.horizontalAdvance)
        assert metrics.horizontalAdvance(longest) <= room, (item.text(0), room)


def _drop(tree, dragged: str, target: str, fraction: float) -> None:
    """Drop the section ``dragged`` (chosen, as a drag starts from it) ``fraction`` of the way down ``target``'s row."""
    from PySide6.QtCore import QMimeData, QPointF, Qt
    from PySide6.QtGui import QDropEvent

    items = {tree.topLevelItem(i).data(0, 256): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    for top in list(items.values()):
        items.update({top.child(i).data(0, 256): top.child(i) for i in range(top.childCount())})
    tree.setCurrentItem(items[dragged])
    rect = tree.visualItemRect(items[target])
    point = QPointF(rect.left() + 20, rect.top() + fraction * rect.height())
    event = QDropEvent(point, Qt.DropAction.MoveAction, QMimeData(), Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    # Qt delivers a drop only during a real drag (a QDrag's own event loop), so the tree's drop filter is handed
    # the event as Qt would hand it.
    window_page = tree.parent()
    while not hasattr(window_page, "_drop_filter"):
        window_page = window_page.parent()
    assert window_page._drop_filter.eventFilter(tree.viewport(), event) is True  # consumed: Qt moves nothing itself


def test_a_section_dragged_in_the_tree_moves_with_its_tasks(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    tree = window.task_page.section_tree
    _drop(tree, "2", "1", 0.1)  # group 2 dropped on the top edge of group 1
    qtbot.waitUntil(lambda: _tree(window)[1:] == ["2.", "1."])
    _drop(tree, "1.II", "2", 0.5)  # onto group 2's middle: into it — refused, group 2 has its own "II"
    qtbot.waitUntil(lambda: bool(warnings))
    assert "đã có mục số «II»" in warnings[0]
    window.task_page.choose_section("")
    assert _table(window)[0] == "2.I.1 Rà"
    _act(window, "undoAction").trigger()
    assert _tree(window)[1:] == ["1.", "2."]


def test_where_a_dropped_section_goes_depends_on_where_on_the_row_it_falls(window):
    from kstthc_desktop.gui.plan_move_actions import drop_place

    sections = window.plan.sections
    assert drop_place(sections, "1.I", "2", 0.5) == ("2", None)  # a group's middle: into it, last
    assert drop_place(sections, "1.I", "2.II", 0.2) == ("2", "2.II")  # a section's top: before it
    assert drop_place(sections, "1.I", "1.II", 0.9) == ("1", None)  # a last section's bottom: last
    assert drop_place(sections, "2", "1.I", 0.2) == (None, "1")  # a group beside the target's group
