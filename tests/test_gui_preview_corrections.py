"""Issue 14 item 9 in the import wizard's preview: before anything is saved, the officer adds, edits and deletes tasks
(Delete asks; Ctrl+Z brings the task back), adds, renames and deletes sections and adds a group of sections, through
the table's context menu, its keys and buttons; the table shows each change at once and saving stores exactly that,
as a new plan and as an update of the year's plan."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMenu, QMessageBox, QWizard

import conftest
import two_level_plan as layout
from kstthc_desktop.store import Store

pytestmark = pytest.mark.gui


@pytest.fixture
def wizard(qtbot, tmp_path, monkeypatch):
    """The wizard on the preview of the two-level plan (groups 1 and 2, sections 1.I … 2.II, 8 tasks)."""
    from kstthc_desktop.gui.import_wizard import ImportWizard

    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(lambda *a, **k: pytest.fail(str(a[2]))))
    path = layout.write_docx(tmp_path / "plan.docx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    store = Store.open(tmp_path / "kstthc.sqlite3")
    wiz = ImportWizard(store, date(2024, 1, 15))
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.mouseClick(wiz.source_page.open_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: wiz.currentId() == wiz.PAGE_PREVIEW)
    yield wiz
    store.close()


def _table_texts(wiz) -> list[str]:
    """Each row as the officer reads it: a heading's title, or a task's "STT content"."""
    model = wiz.preview_page.model
    out = []
    for r in range(model.rowCount()):
        task = model.task_at(r)
        out.append(model.index(r, 0).data() if task is None else
                   f"{model.index(r, model.COL_STT).data()} {model.index(r, model.COL_CONTENT).data()}")
    return out


def _select_row(wiz, row: int) -> None:
    from PySide6.QtCore import QItemSelectionModel

    table = wiz.preview_page.table
    table.setFocus()
    index = table.model().index(row, 1)  # not selectRow: it toggles while a test's Ctrl still reads as held
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    table.selectionModel().setCurrentIndex(index, flags)


def _finish(qtbot, wiz) -> int:
    qtbot.mouseClick(wiz.button(QWizard.NextButton), Qt.LeftButton)
    qtbot.mouseClick(wiz.button(QWizard.FinishButton), Qt.LeftButton)
    assert wiz.saved_plan_id is not None
    return wiz.saved_plan_id


_when_shown = conftest.when_shown  # act on a dialog or menu once shown (it runs its own event loop)


def _from_context_menu(qtbot, wiz, row: int, action_name: str, then=None) -> None:
    """Right-click on ``row``, choose the action named ``action_name``; ``then(dialog)`` fills what it opens."""
    table = wiz.preview_page.table
    _select_row(wiz, row)
    opened = []

    def choose(menu: QMenu) -> None:
        act = next(a for a in menu.actions() if a.objectName() == action_name)
        opened.append(act.text())
        menu.setActiveAction(act)
        qtbot.keyClick(menu, Qt.Key_Return)

    timer = _when_shown(QMenu, choose)
    dialog_timer = then() if then else None
    rect = table.visualRect(table.model().index(row, 2))
    table.customContextMenuRequested.emit(rect.center())
    timer.stop()
    if dialog_timer is not None:
        dialog_timer.stop()
    assert opened, "the context menu did not open"
    wiz.activateWindow()  # the officer's next keys go to the table again, as after a real menu
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None
                    and not isinstance(QApplication.activeWindow(), QMenu))
    table.setFocus()


def _fill_section_dialog(qtbot, code: str, title: str, group: str | None = None):
    from kstthc_desktop.gui.preview_corrections import SectionDialog

    def fill(dialog):
        conftest.type_text(qtbot, dialog.code_edit, code)
        conftest.type_text(qtbot, dialog.title_edit, title)
        if group is not None:
            dialog.parent_combo.setCurrentIndex(dialog.parent_combo.findData(group))
        else:  # "(không thuộc nhóm nào)"
            dialog.parent_combo.setCurrentIndex(0)
        dialog.buttons.accepted.emit()

    return lambda: _when_shown(SectionDialog, fill)


def test_a_section_and_a_group_added_from_the_context_menu_are_shown_and_saved(qtbot, wizard):
    _from_context_menu(qtbot, wizard, 0, "previewAddGroup",
                       then=_fill_section_dialog(qtbot, "3", "Nhiệm vụ khác của Sở"))
    assert _table_texts(wizard)[-1] == "3. Nhiệm vụ khác của Sở"
    last = len(_table_texts(wizard)) - 1
    _from_context_menu(qtbot, wizard, last, "previewAddSection",
                       then=_fill_section_dialog(qtbot, "I", "Truyền thông về cải cách", group="3"))
    assert _table_texts(wizard)[-2:] == ["3. Nhiệm vụ khác của Sở", "3.I. Truyền thông về cải cách"]

    store = wizard.store
    plan = store.load_plan(_finish(qtbot, wizard))
    assert [(s.code, s.title, s.parent) for s in plan.sections][-2:] == [
        ("3", "Nhiệm vụ khác của Sở", None), ("3.I", "Truyền thông về cải cách", "3")]


def test_a_task_deleted_with_the_delete_key_comes_back_with_ctrl_z_and_the_saved_plan_lacks_it(
        qtbot, wizard, monkeypatch):
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    page = wizard.preview_page
    doomed = "2 Kiện toàn đội ngũ cán bộ đầu mối kiểm soát thủ tục hành chính."
    row = _table_texts(wizard).index(doomed)
    _select_row(wizard, row)
    qtbot.keyClick(page.table, Qt.Key_Delete)
    assert asked and "Kiện toàn đội ngũ" in asked[0]
    assert doomed not in _table_texts(wizard)
    qtbot.keyClick(page.table, Qt.Key_Z, Qt.ControlModifier)
    assert _table_texts(wizard)[row] == doomed  # back in its place
    _select_row(wizard, row)
    qtbot.keyClick(page.table, Qt.Key_Delete)

    plan = wizard.store.load_plan(_finish(qtbot, wizard))
    contents = [t.content for t in plan.tasks]
    assert len(contents) == 7 and "Kiện toàn đội ngũ cán bộ đầu mối kiểm soát thủ tục hành chính." not in contents


def test_a_task_added_with_insert_and_edited_with_f2_is_saved_as_shown(qtbot, wizard):
    from kstthc_desktop.gui.task_edit_dialog import TaskEditDialog

    page = wizard.preview_page
    first = _table_texts(wizard).index("1 Ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2024 của Sở.")

    def add(dialog):
        dialog.stt_edit.setText("1a")
        dialog.edits["content"].setPlainText("Tập huấn nghiệp vụ kiểm soát thủ tục hành chính.")
        conftest.type_text(qtbot, dialog.edits["deadline_text"], "Quý II/2024")
        dialog.buttons.accepted.emit()

    _select_row(wizard, first)
    timer = _when_shown(TaskEditDialog, add)
    qtbot.keyClick(page.table, Qt.Key_Insert)
    timer.stop()
    assert _table_texts(wizard)[first + 1] == "1a Tập huấn nghiệp vụ kiểm soát thủ tục hành chính."
    assert page.model.index(first + 1, page.model.COL_READING).data() == "Hạn 30/6/2024"

    readings = []

    def edit(dialog):  # a note, and another section (group 2's section II)
        dialog.edits["note"].setText("Bổ sung theo chỉ đạo")
        dialog.section_combo.setCurrentIndex(dialog.section_combo.findData("2.II"))
        conftest.type_text(qtbot, dialog.edits["deadline_text"], "Tháng 9/2024", replace=True)
        readings.append(dialog.reading.text())
        dialog.buttons.accepted.emit()

    page.table.setCurrentIndex(page.model.index(first + 1, page.model.COL_READING))  # not a text cell: the dialog
    timer = _when_shown(TaskEditDialog, edit)
    qtbot.keyClick(page.table, Qt.Key_F2)
    timer.stop()
    assert readings and "30/9/2024" in readings[0]
    assert _table_texts(wizard)[-1] == "1a Tập huấn nghiệp vụ kiểm soát thủ tục hành chính."  # last of 2.II

    plan = wizard.store.load_plan(_finish(qtbot, wizard))
    added = plan.tasks[-1]
    assert (added.section, added.stt, added.content, added.note, added.deadline.due) == (
        "2.II", "1a", "Tập huấn nghiệp vụ kiểm soát thủ tục hành chính.", "Bổ sung theo chỉ đạo", date(2024, 9, 30))


def test_a_section_deleted_sends_its_tasks_where_the_officer_says(qtbot, wizard, monkeypatch):
    asked = []

    def choose(parent, title, label, items, *args):
        asked.append(label)
        return next(i for i in items if i.startswith("2.II.")), True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    section_row = _table_texts(wizard).index("2.I. Rà soát, đánh giá thủ tục hành chính")
    _from_context_menu(qtbot, wizard, section_row, "previewDeleteSection")
    assert asked and "còn 2 nhiệm vụ" in asked[0]
    texts = _table_texts(wizard)
    assert "2.I. Rà soát, đánh giá thủ tục hành chính" not in texts
    assert texts[-1] == "2 Đề xuất phương án đơn giản hóa thủ tục hành chính."

    plan = wizard.store.load_plan(_finish(qtbot, wizard))
    assert "2.I" not in [s.code for s in plan.sections]
    assert [t.section for t in plan.tasks][-4:] == ["2.II"] * 4


def test_a_group_with_sections_is_refused_in_words(qtbot, wizard, monkeypatch):
    refused = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: refused.append(a[2])))
    _from_context_menu(qtbot, wizard, 0, "previewDeleteSection")
    assert len(refused) == 1 and ("Mục «Thực hiện các nhiệm vụ kiểm soát thủ tục hành chính theo Kế hoạch của UBND "
                                  "tỉnh» còn 0 nhiệm vụ và 2 mục con: hãy chuyển chúng sang mục khác trước khi xóa."
                                  ) in refused[0]
    assert _table_texts(wizard)[0].startswith("1. Thực hiện")
    assert not wizard.preview_page.corrections.undo_action.isEnabled()  # nothing happened: nothing to undo


def test_an_update_of_the_year_s_plan_stores_the_preview_s_corrections(qtbot, tmp_path, wizard, monkeypatch):
    from kstthc_desktop.gui.import_wizard import ImportWizard
    from kstthc_desktop.importers import extract

    store = wizard.store
    plan_id = store.save_plan(extract(tmp_path / "plan.docx"))  # the year's plan is already stored
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Công khai, minh bạch thủ tục", True)))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    wiz = ImportWizard(store, date(2024, 1, 15))
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.mouseClick(wiz.source_page.open_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: wiz.currentId() == wiz.PAGE_PREVIEW)
    row = _table_texts(wiz).index("2.II. Công khai thủ tục hành chính")
    _from_context_menu(qtbot, wiz, row, "previewRenameSection")
    assert _table_texts(wiz)[row] == "2.II. Công khai, minh bạch thủ tục"
    doomed = _table_texts(wiz).index("1 Ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2024 của Sở.")
    _from_context_menu(qtbot, wiz, doomed, "previewDeleteTasks")

    assert _finish(qtbot, wiz) == plan_id
    plan = store.load_plan(plan_id)
    assert [s.title for s in plan.sections if s.code == "2.II"] == ["Công khai, minh bạch thủ tục"]
    gone = next(t for t in plan.tasks if t.content.startswith("Ban hành Kế hoạch"))
    assert gone.withdrawn and sum(not t.withdrawn for t in plan.tasks) == 7


def test_reading_the_file_again_asks_before_dropping_the_corrections(qtbot, wizard, monkeypatch):
    answers: list = []
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    page = wizard.preview_page
    page.role_combos[1].setCurrentIndex(page.role_combos[1].count() - 1)  # Stt2 unused (one column per role)
    doomed = "1 Ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2024 của Sở."
    _select_row(wizard, _table_texts(wizard).index(doomed))
    answers[:] = [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    qtbot.keyClick(page.table, Qt.Key_Delete)
    assert doomed not in _table_texts(wizard)
    qtbot.mouseClick(page.reread_button, Qt.LeftButton)  # "No": the correction stays
    assert doomed not in _table_texts(wizard) and "bỏ 1 chỉnh sửa" in asked[-1]
    qtbot.mouseClick(page.reread_button, Qt.LeftButton)  # "Yes": read as the file says
    assert not answers and any(t.content.startswith("Ban hành Kế hoạch") for t in page.model.plan.tasks)


def test_ctrl_z_takes_back_a_cell_edited_in_place(qtbot, wizard):
    from PySide6.QtWidgets import QLineEdit

    page = wizard.preview_page
    model = page.model
    row = _table_texts(wizard).index("1 Ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2024 của Sở.")
    index = model.index(row, model.COL_CONTENT)
    page.table.setFocus()
    page.table.setCurrentIndex(index)
    qtbot.keyClick(page.table, Qt.Key_F2)  # a text cell: edited in place
    editors = lambda: [w for w in page.table.viewport().findChildren(QLineEdit) if w.isVisible()]  # noqa: E731
    qtbot.waitUntil(lambda: len(editors()) == 1)
    conftest.type_text(qtbot, editors()[0], "Ban hành kế hoạch (sửa)", replace=True)
    qtbot.keyClick(editors()[0], Qt.Key_Return)
    qtbot.waitUntil(lambda: not editors())
    assert _table_texts(wizard)[row] == "1 Ban hành kế hoạch (sửa)"
    assert page.corrections.undo_action.text() == "Hoàn tác «Sửa ô trong bảng»"
    qtbot.keyClick(page.table, Qt.Key_Z, Qt.ControlModifier)
    assert _table_texts(wizard)[row] == "1 Ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2024 của Sở."


def test_a_new_section_is_gathered_under_a_new_group_chosen_in_the_dialog(qtbot, wizard):
    from kstthc_desktop.gui.preview_corrections import SectionDialog

    last = len(_table_texts(wizard)) - 1
    _from_context_menu(qtbot, wizard, last, "previewAddSection",
                       then=_fill_section_dialog(qtbot, "III", "Kiểm tra việc thực hiện", group=None))
    assert _table_texts(wizard)[-1] == "III. Kiểm tra việc thực hiện"
    members = []

    def fill(dialog):
        conftest.type_text(qtbot, dialog.code_edit, "3")
        conftest.type_text(qtbot, dialog.title_edit, "Kiểm tra")
        items = [dialog.members.item(i) for i in range(dialog.members.count())]
        members.extend((i.text(), i.checkState() == Qt.CheckState.Checked) for i in items)
        dialog.buttons.accepted.emit()

    _from_context_menu(qtbot, wizard, last + 1, "previewAddGroup", then=lambda: _when_shown(SectionDialog, fill))
    assert members == [("III. Kiểm tra việc thực hiện", True)]  # groups 1 and 2 are not offered; the chosen is ticked
    # numbered with its group, as every section of this plan's groups ("1.I", "2.I"): "3.III"
    assert _table_texts(wizard)[-2:] == ["3. Kiểm tra", "3.III. Kiểm tra việc thực hiện"]
    plan = wizard.store.load_plan(_finish(qtbot, wizard))
    assert [(s.code, s.parent, s.printed_code) for s in plan.sections][-2:] == [("3", None, None), ("3.III", "3", "III")]


def test_a_move_from_the_one_context_menu_is_taken_back_by_ctrl_z(qtbot, wizard):
    page = wizard.preview_page
    before = _table_texts(wizard)
    first = before.index("1 Ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2024 của Sở.")
    from PySide6.QtCore import SIGNAL

    assert page.table.receivers(SIGNAL("customContextMenuRequested(QPoint)")) == 1  # one menu, not two in turn
    _from_context_menu(qtbot, wizard, first, "previewMenuMove_down")
    assert _table_texts(wizard)[first + 1].endswith("Ban hành Kế hoạch kiểm soát thủ tục hành chính năm 2024 của Sở.")
    assert page.corrections.undo_action.text() == "Hoàn tác «Chuyển nhiệm vụ»"
    qtbot.keyClick(page.table, Qt.Key_Z, Qt.ControlModifier)
    assert _table_texts(wizard) == before


def test_cancelling_after_a_correction_asks_and_quay_lai_keeps_the_preview(qtbot, wizard, monkeypatch):
    """Hủy (or Esc, ✕) after a correction: the officer is asked; "Quay lại" keeps the wizard and the correction,
    "Bỏ và đóng" closes it with nothing saved."""
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    page = wizard.preview_page
    doomed = "2 Kiện toàn đội ngũ cán bộ đầu mối kiểm soát thủ tục hành chính."
    _select_row(wizard, _table_texts(wizard).index(doomed))
    qtbot.keyClick(page.table, Qt.Key_Delete)
    assert doomed not in _table_texts(wizard)

    def answer(label):
        def click(box):
            assert "sửa 1 chỗ" in box.text()
            next(b for b in box.buttons() if b.text() == label).click()
        return click

    timer = _when_shown(QMessageBox, answer("Quay lại"))
    qtbot.mouseClick(wizard.button(QWizard.CancelButton), Qt.LeftButton)
    timer.stop()
    assert wizard.isVisible() and doomed not in _table_texts(wizard)  # still there, still corrected
    timer = _when_shown(QMessageBox, answer("Bỏ và đóng"))
    qtbot.keyClick(wizard, Qt.Key_Escape)
    timer.stop()
    assert not wizard.isVisible()
    assert wizard.store.plans() == []


def test_cancelling_without_a_correction_closes_at_once(qtbot, wizard):
    qtbot.mouseClick(wizard.button(QWizard.CancelButton), Qt.LeftButton)
    assert not wizard.isVisible()
