"""Correcting the plan in the import wizard's preview, before anything is saved: a task edited (texts, note,
section, number), added or deleted (after a question); sections added, renamed, deleted (their tasks sent to
another section) and gathered under a group; Ctrl+Z takes back the last change. Each calls one function of
``importers.corrections`` on the wizard's in-memory plan, then the table shows the plan as it now is.

The actions live on the table's context menu, in a row of buttons above it, and on keys: Insert, Delete, F2
(a text cell is edited in place as before; elsewhere the task or section dialog opens), Ctrl+E, Ctrl+Z.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kstthc_desktop.domain import Plan, Section, Task
from kstthc_desktop.errors import UserError
from kstthc_desktop.gui.errors import plain
from kstthc_desktop.importers import corrections as fix
from kstthc_desktop.tracking import printed_section_codes

if TYPE_CHECKING:
    from kstthc_desktop.gui.import_wizard import PreviewPage

_SHORTCUT = Qt.ShortcutContext.WidgetWithChildrenShortcut


def _label(plan: Plan, section: Section) -> str:
    return f"{printed_section_codes(plan.sections)[section.code]}. {section.title}"


def _parents(plan: Plan) -> set[str]:
    return {s.parent for s in plan.sections if s.parent}


def _groups(plan: Plan) -> list[Section]:
    """The top-level sections a new section may go under: those holding sections (the groups of a two-level
    plan) and those holding no task of their own (a group just added)."""
    parents, used = _parents(plan), {t.section for t in plan.tasks}
    return [s for s in plan.sections if s.parent is None and (s.code in parents or s.code not in used)]


class SectionDialog(QDialog):
    """A new section's number and title, the group it belongs to; for a new group, the sections it gathers."""

    def __init__(self, plan: Plan, chosen: Section | None, *, group: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("previewSectionDialog")
        self.setWindowTitle("Thêm nhóm mục" if group else "Thêm mục")
        form = QFormLayout()
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("ví dụ: 3" if group else "ví dụ: III")
        self.title_edit = QLineEdit()
        form.addRow("Số của nhóm:" if group else "Số của mục:", self.code_edit)
        form.addRow("Tên:", self.title_edit)
        self.parent_combo = QComboBox()
        self.members = QListWidget()
        if group:
            for section in plan.sections:  # the top-level sections that are not groups themselves
                if section.parent is None and section.code not in _parents(plan):
                    item = QListWidgetItem(_label(plan, section))
                    item.setData(Qt.ItemDataRole.UserRole, section.code)
                    item.setCheckState(Qt.CheckState.Checked if section is chosen else Qt.CheckState.Unchecked)
                    self.members.addItem(item)
            form.addRow("Gồm các mục:", self.members)
        else:
            self.parent_combo.addItem("(không thuộc nhóm nào)", None)
            for section in _groups(plan):
                self.parent_combo.addItem(_label(plan, section), section.code)
            if chosen is not None:
                default = chosen.code if chosen in _groups(plan) else chosen.parent
                self.parent_combo.setCurrentIndex(max(0, self.parent_combo.findData(default)))
            form.addRow("Thuộc nhóm:", self.parent_combo)
            self.parent_combo.setEnabled(self.parent_combo.count() > 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Thêm")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(520, 360 if group else 160)

    def parent_code(self) -> str | None:
        return self.parent_combo.currentData()

    def member_codes(self) -> list[str]:
        items = [self.members.item(i) for i in range(self.members.count())]
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]


class PreviewCorrections(QObject):
    """The preview page's corrections of the plan: actions, their buttons and menu, and the undo of the preview."""

    def __init__(self, page: PreviewPage):
        super().__init__(page)
        self.page = page
        self.undo = fix.PreviewUndo(Plan())
        table = page.table
        self.add_task_action = self._action("Thêm nhiệm vụ…", self.add_task, "Insert", "previewAddTask")
        self.edit_task_action = self._action("Sửa nhiệm vụ…", self.edit_task, "Ctrl+E", "previewEditTask")
        self.delete_tasks_action = self._action("Xóa nhiệm vụ đang chọn…", self.delete_tasks, "Delete",
                                                "previewDeleteTasks")
        self.add_section_action = self._action("Thêm mục…", self.add_section, None, "previewAddSection")
        self.add_group_action = self._action("Thêm nhóm mục (gộp các mục)…", self.add_group, None, "previewAddGroup")
        self.rename_section_action = self._action("Đổi tên mục…", self.rename_section, None, "previewRenameSection")
        self.delete_section_action = self._action("Xóa mục…", self.delete_section, None, "previewDeleteSection")
        self.undo_action = self._action("Hoàn tác", self.undo_last, "Ctrl+Z", "previewUndo", on=page)
        self.section_menu = QMenu("Mục", page)
        for act in (self.add_section_action, self.add_group_action, self.rename_section_action,
                    self.delete_section_action):
            self.section_menu.addAction(act)
        # F2 is ours (the view takes it before any shortcut): a text cell still opens in place, see edit_current.
        table.setEditTriggers(table.editTriggers() & ~QAbstractItemView.EditTrigger.EditKeyPressed)
        table.installEventFilter(self)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self.show_context_menu)
        self.toolbar = self._toolbar()
        self.update_undo()

    # --- building -------------------------------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], Any], key: str | None, name: str,
                on: QWidget | None = None) -> QAction:
        act = QAction(text, self.page)
        act.setObjectName(name)
        if key:
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(_SHORTCUT)
            act.setToolTip(f"{text.rstrip('…')} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})")
        act.triggered.connect(lambda _checked=False: slot())
        (on or self.page.table).addAction(act)
        return act

    def _toolbar(self) -> QWidget:
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Sửa trước khi lưu:"))
        for act, text in ((self.add_task_action, "Thêm nhiệm vụ"), (self.edit_task_action, "Sửa nhiệm vụ"),
                          (self.delete_tasks_action, "Xóa nhiệm vụ")):
            button = QToolButton()
            button.setDefaultAction(act)
            button.setText(text)
            row.addWidget(button)
        self.section_button = QToolButton()
        self.section_button.setObjectName("previewSectionButton")
        self.section_button.setText("Mục…")
        self.section_button.setToolTip("Thêm, đổi tên, xóa mục; gộp các mục vào một nhóm")
        self.section_button.setMenu(self.section_menu)
        self.section_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.section_button.setMinimumWidth(self.section_button.sizeHint().width() + 14)  # room for the arrow
        row.addWidget(self.section_button)
        self.undo_button = QToolButton()
        self.undo_button.setDefaultAction(self.undo_action)
        row.addWidget(self.undo_button)
        row.addStretch(1)
        self.toolbar_row = row
        return bar

    def add_buttons(self, caption: str, buttons: list[QToolButton], tip: str = "") -> None:
        """Other preview actions (``gui.preview_moves``) in the same row, after a caption: one row over the table."""
        label = QLabel(caption)
        label.setToolTip(tip)
        at = self.toolbar_row.count() - 1  # before the stretch
        self.toolbar_row.insertSpacing(at, 12)
        self.toolbar_row.insertWidget(at + 1, label)
        for i, button in enumerate(buttons):
            self.toolbar_row.insertWidget(at + 2 + i, button)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API: F2 on the table
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_F2 and \
                event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.edit_current()
            return True
        return super().eventFilter(watched, event)

    def context_menu(self) -> QMenu:
        """The table's menu: the task actions, the section actions, undo."""
        menu = QMenu(self.page.table)
        menu.setObjectName("previewContextMenu")
        for act in (self.edit_task_action, self.add_task_action, self.delete_tasks_action):
            menu.addAction(act)
        from kstthc_desktop.gui.split_merge_dialogs import add_preview_entries

        add_preview_entries(menu, self.page)  # "Tách nhiệm vụ…", "Gộp nhiệm vụ…"
        menu.addSeparator()
        for act in self.section_menu.actions():
            menu.addAction(act)
        moves = getattr(self.page, "moves", None)  # gui.preview_moves: up, down, to a section, into a group
        if moves is not None:
            menu.addSeparator()
            moves.add_to_menu(menu)
        menu.addSeparator()
        menu.addAction(self.undo_action)
        return menu

    def show_context_menu(self, pos) -> None:
        menu = self.context_menu()
        menu.exec(self.page.table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # --- state ----------------------------------------------------------------------------------------------
    @property
    def plan(self) -> Plan:
        return self.page.model.plan

    def reset(self, plan: Plan) -> None:
        """A plan newly read: nothing to undo."""
        self.undo = fix.PreviewUndo(plan)
        self.update_undo()

    def may_drop_corrections(self) -> bool:
        """Before the plan is read again: True when there is nothing to lose or the officer lets it go."""
        if not self.undo.steps:
            return True
        answer = QMessageBox.question(
            self.page, "Đọc lại kế hoạch",
            f"Đọc lại sẽ bỏ {len(self.undo.steps)} chỉnh sửa đã làm trong bảng xem trước (chưa lưu). Vẫn đọc lại?")
        return answer == QMessageBox.StandardButton.Yes

    def update_undo(self) -> None:
        label = self.undo.label
        self.undo_action.setEnabled(bool(label))
        self.undo_action.setText(f"Hoàn tác «{label}»" if label else "Hoàn tác")

    def remember(self, label: str) -> None:
        """Called before any change of the preview's plan (a cell edited in place too), so Ctrl+Z takes it back."""
        self.undo.record(label, extra=set(self.page.edited))
        self.update_undo()

    def current_row(self) -> int:
        index = self.page.table.currentIndex()
        rows = self.page.table.selectionModel().selectedRows()
        return index.row() if index.isValid() else (rows[0].row() if rows else -1)

    def current_task_index(self) -> int | None:
        row = self.current_row()
        return self.page.model.rows[row].task_index if 0 <= row < len(self.page.model.rows) else None

    def current_section(self) -> Section | None:
        """The section of the current row (a heading row, or the section a task is in)."""
        row = self.current_row()
        if not 0 <= row < len(self.page.model.rows):
            return None
        code = self.page.model.rows[row].section_code
        return next((s for s in self.plan.sections if s.code == code), None)

    def change(self, label: str, act: Callable[[], Any]) -> Any:
        """Do one correction: remembered for undo, refused with its sentence (nothing changed), then shown."""
        before = set(self.page.edited)
        corrected = [self.plan.tasks[i] for i in before if 0 <= i < len(self.plan.tasks)]
        self.remember(label)
        try:
            result = act()
        except UserError as exc:
            self.undo.forget_last()
            self.update_undo()
            QMessageBox.warning(self.page, "Chưa sửa được", plain(exc.message))
            return None
        where = {id(t): i for i, t in enumerate(self.plan.tasks)}  # the hand-set deadlines follow their tasks
        self.page.edited = {where[id(t)] for t in corrected if id(t) in where}
        self.show_plan()
        return result

    def show_plan(self, task_index: int | None = None, section: str | None = None) -> None:
        page = self.page
        page.model.set_plan(self.plan)
        page._span_sections()
        page._fill_warnings()
        page._update_summary()
        page.completeChanged.emit()
        if task_index is not None:
            page.select_task(task_index)
        elif section is not None:
            self.select_section(section)

    def select_section(self, code: str) -> None:
        row = next((r for r, row in enumerate(self.page.model.rows) if row.task_index is None
                    and row.section_code == code), -1)
        if row >= 0:
            self.page.table.selectRow(row)
            self.page.table.setCurrentIndex(self.page.model.index(row, 0))

    # --- tasks ----------------------------------------------------------------------------------------------
    def _task_dialog(self, task: Task, title: str):
        from kstthc_desktop.gui.task_edit_dialog import TaskEditDialog  # built on use, as in the window

        dialog = TaskEditDialog(task, self.plan.sections, self.plan.document.year, self.page,
                                report_days=self.page.model.report_days)
        dialog.setWindowTitle(title)
        return dialog

    def edit_task(self) -> None:
        index = self.current_task_index()
        if index is None:
            QMessageBox.information(self.page, "Sửa nhiệm vụ", "Hãy chọn một nhiệm vụ trong bảng.")
            return
        dialog = self._task_dialog(self.plan.tasks[index], "Sửa nhiệm vụ")
        while dialog.exec():
            task = self.change("Sửa nhiệm vụ", lambda: fix.edit_task(self.plan, index, **dialog.values()))
            if task is not None:
                self.page.select_task(next(i for i, t in enumerate(self.plan.tasks) if t is task))
                return

    def edit_current(self) -> None:
        """F2: a text cell is edited in place; a heading row's title or another cell's task opens its dialog."""
        index = self.page.table.currentIndex()
        if index.isValid() and self.page.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            self.page.table.edit(index)
        elif self.current_task_index() is not None:
            self.edit_task()
        elif self.current_section() is not None:
            self.rename_section()

    def add_task(self) -> None:
        after = self.current_task_index()
        section = self.current_section()
        dialog = self._task_dialog(Task(section=section.code if section else ""), "Thêm nhiệm vụ")
        while dialog.exec():
            values = dialog.values()
            code = values.pop("section")
            index = self.change("Thêm nhiệm vụ", partial(fix.add_task, self.plan, section=code, after=after, **values))
            if index is not None:
                self.page.select_task(index)
                return

    def delete_tasks(self) -> None:
        indexes = self.page.selected_task_indexes()
        if not indexes:
            QMessageBox.information(self.page, "Xóa nhiệm vụ", "Hãy chọn nhiệm vụ cần xóa trong bảng.")
            return
        first = self.plan.tasks[indexes[0]]
        what = f"nhiệm vụ «{' '.join(first.content.split())[:80]}»" if len(indexes) == 1 else f"{len(indexes)} nhiệm vụ"
        answer = QMessageBox.question(
            self.page, "Xóa nhiệm vụ",
            f"Xóa {what} khỏi kế hoạch sẽ lưu?\nCó thể hoàn tác bằng Ctrl+Z trước khi lưu.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        label = "Xóa nhiệm vụ" if len(indexes) == 1 else f"Xóa {len(indexes)} nhiệm vụ"
        self.change(label, lambda: fix.delete_tasks(self.plan, indexes))

    # --- sections -------------------------------------------------------------------------------------------
    def _chosen_section(self, why: str) -> Section | None:
        section = self.current_section()
        if section is None:
            QMessageBox.information(self.page, why, "Hãy chọn một mục (dòng tô đậm) hoặc một nhiệm vụ của mục đó.")
        return section

    def add_section(self) -> None:
        chosen = self.current_section()
        dialog = SectionDialog(self.plan, chosen, group=False, parent=self.page)
        while dialog.exec():
            parent = dialog.parent_code()
            after = chosen.code if chosen is not None and chosen.parent == parent and chosen.code != parent else None
            section = self.change("Thêm mục", partial(fix.add_section, self.plan, dialog.code_edit.text(),
                                                      dialog.title_edit.text(), parent=parent, after=after))
            if section is not None:
                self.select_section(section.code)
                return

    def add_group(self) -> None:
        dialog = SectionDialog(self.plan, self.current_section(), group=True, parent=self.page)
        while dialog.exec():
            group = self.change("Thêm nhóm mục", lambda: fix.add_group(
                self.plan, dialog.code_edit.text(), dialog.title_edit.text(), dialog.member_codes()))
            if group is not None:
                self.select_section(group.code)
                return

    def rename_section(self) -> None:
        section = self._chosen_section("Đổi tên mục")
        if section is None:
            return
        shown = printed_section_codes(self.plan.sections)[section.code]
        title, ok = QInputDialog.getText(self.page, "Đổi tên mục", f"Tên mới của mục {shown}:", text=section.title)
        if ok and self.change("Đổi tên mục", lambda: fix.rename_section(self.plan, section.code, title)):
            self.select_section(section.code)

    def delete_section(self) -> None:
        section = self._chosen_section("Xóa mục")
        if section is None:
            return
        count = sum(1 for t in self.plan.tasks if t.section == section.code)
        has_children = any(s.parent == section.code for s in self.plan.sections)
        move_to = None
        if count and not has_children:  # ask where its tasks go
            others = [s for s in self.plan.sections if s.code != section.code]
            names = [_label(self.plan, s) for s in others]
            if not others:
                self.change("Xóa mục", lambda: fix.delete_section(self.plan, section.code))  # refused in words
                return
            name, ok = QInputDialog.getItem(
                self.page, "Xóa mục", f"Mục «{_label(self.plan, section)}» còn {count} nhiệm vụ.\n"
                "Chuyển các nhiệm vụ này sang mục:", names, 0, False)
            if not ok:
                return
            move_to = others[names.index(name)].code
        elif not count and not has_children:
            answer = QMessageBox.question(self.page, "Xóa mục", f"Xóa mục «{_label(self.plan, section)}»?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.change("Xóa mục", lambda: fix.delete_section(self.plan, section.code, move_tasks_to=move_to))

    # --- undo -----------------------------------------------------------------------------------------------
    def undo_last(self) -> None:
        """Ctrl+Z: the plan as it was before the last change of the preview."""
        step = self.undo.undo()
        self.update_undo()
        if step is None:
            return
        self.page.edited = set(step.extra or ())
        self.show_plan()
