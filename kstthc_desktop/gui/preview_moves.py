"""Moving tasks and sections in the import wizard's preview, before the plan is saved (issue 14 item 9): the
buttons over the table and the table's context menu move the chosen row's task or section with the rules of the
window (``plan_order``: numbers follow the new order, the same refusals). The plan in memory is changed in place;
nothing is in history, since nothing is saved yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QToolButton

from kstthc_desktop import plan_order
from kstthc_desktop.errors import UserError
from kstthc_desktop.gui.errors import plain


class PreviewMoves:
    """The moves of one preview page (``gui.import_wizard.PreviewPage``): its model's plan, its table."""

    def __init__(self, page):
        self.page = page
        self.actions: dict[str, QAction] = {}
        entries = [("up", "Lên", "Ctrl+Shift+Up", lambda: self.step(-1)),
                   ("down", "Xuống", "Ctrl+Shift+Down", lambda: self.step(1)),
                   ("to_section", "Sang mục…", None, self.task_to_section),
                   ("into_group", "Vào nhóm…", None, self.into_group),
                   ("out_of_group", "Ra khỏi nhóm", None, self.out_of_group)]
        buttons: list[QToolButton] = []
        for key, text, shortcut, slot in entries:
            act = QAction(text, page)
            act.setObjectName(f"previewMove_{key}")
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                page.addAction(act)
            act.triggered.connect(slot)
            button = QToolButton()
            button.setDefaultAction(act)
            buttons.append(button)
            self.actions[key] = act
        # In the one row of buttons over the table (gui.preview_corrections): the table keeps its height at 768 px.
        page.corrections.add_buttons("Chuyển:", buttons, "Chuyển dòng đang chọn (nhiệm vụ hoặc mục)")

    def add_to_menu(self, menu: QMenu) -> None:
        """The moves in the table's context menu (built by ``gui.preview_corrections``, one menu for the preview)."""
        for key, text in (("up", "Chuyển lên"), ("down", "Chuyển xuống"), ("to_section", "Chuyển sang mục…"),
                          ("into_group", "Chuyển mục vào nhóm…"), ("out_of_group", "Đưa mục ra khỏi nhóm")):
            act = menu.addAction(text, self.actions[key].trigger)
            act.setObjectName(f"previewMenuMove_{key}")

    # --- what is chosen -----------------------------------------------------------------------------
    @property
    def plan(self):
        return self.page.model.plan

    def _chosen(self) -> tuple[int | None, str | None]:
        """The chosen row's task index, or (None, its section's code) for a section's heading row."""
        index = self.page.table.currentIndex()
        if not index.isValid():
            return None, None
        row = self.page.model.rows[index.row()]
        return row.task_index, (row.section_code if row.task_index is None else None)

    def _refused(self, exc: UserError) -> None:
        QMessageBox.warning(self.page, "Chưa chuyển được", plain(exc.message))

    # --- moves ------------------------------------------------------------------------------------------
    def step(self, step: int) -> None:
        task_index, code = self._chosen()
        try:
            if task_index is not None:
                self._apply_tasks(plan_order.step_task(self.plan.tasks, task_index, step, self.plan.sections),
                                  task_index)
            elif code:
                self._apply_sections(plan_order.step_section(self.plan.sections, code, step), code)
            else:
                raise UserError("Hãy chọn một nhiệm vụ hoặc một dòng tên mục trong bảng.")
        except UserError as exc:
            self._refused(exc)

    def task_to_section(self) -> None:
        from kstthc_desktop.gui.plan_move_actions import MoveToSectionDialog

        task_index, _code = self._chosen()
        if task_index is None:
            self._refused(UserError("Hãy chọn một nhiệm vụ trong bảng."))
            return
        dialog = MoveToSectionDialog(self.page, self.plan.sections, self.plan.tasks[task_index])
        if not dialog.exec() or dialog.sections.currentData() is None:
            return
        try:
            moved = plan_order.task_to_section(self.plan.tasks, task_index, dialog.sections.currentData(),
                                               self.plan.sections, renumber=dialog.renumber.isChecked())
        except UserError as exc:
            self._refused(exc)
            return
        self._apply_tasks(moved, task_index)

    def into_group(self) -> None:
        from kstthc_desktop.gui.plan_move_actions import section_label

        _task, code = self._chosen()
        if not code:
            self._refused(UserError("Hãy chọn dòng tên của mục cần chuyển."))
            return
        section = next(s for s in self.plan.sections if s.code == code)
        groups = [s for s in self.plan.sections
                  if s.code not in (code, section.parent) and plan_order.is_group(self.plan.sections, s.code)]
        if not groups:
            self._refused(UserError("Kế hoạch không có nhóm mục nào khác."))
            return
        labels = [section_label(self.plan.sections, g) for g in groups]
        label, ok = QInputDialog.getItem(self.page, "Chuyển mục vào nhóm", "Chuyển mục vào cuối nhóm:", labels, 0, False)
        if ok:
            self._to_group(code, groups[labels.index(label)].code)

    def out_of_group(self) -> None:
        _task, code = self._chosen()
        if not code:
            self._refused(UserError("Hãy chọn dòng tên của mục cần chuyển."))
            return
        self._to_group(code, None)

    def _to_group(self, code: str, group: str | None) -> None:
        try:
            self._apply_sections(plan_order.section_to_group(self.plan.sections, code, group), code)
        except UserError as exc:
            self._refused(exc)

    # --- the plan in memory changed ---------------------------------------------------------------
    def _apply_tasks(self, moved: plan_order.TaskMove, task_index: int) -> None:
        self.page.corrections.remember("Chuyển nhiệm vụ")  # Ctrl+Z takes the move back
        self.plan.tasks = plan_order.apply_to_plan_tasks(self.plan.tasks, moved)
        self._reindexed(moved.order)
        self.page.select_task(moved.order.index(task_index))

    def _apply_sections(self, sections: list, code: str) -> None:
        self.page.corrections.remember("Chuyển mục")  # Ctrl+Z takes the move back
        self.plan.sections = sections
        order = plan_order.tasks_following(self.plan.tasks, sections)
        self.plan.tasks = [self.plan.tasks[i] for i in order]
        self._reindexed(order)
        row = next(r for r, row in enumerate(self.page.model.rows) if row.task_index is None and row.section_code == code)
        self.page.table.selectRow(row)

    def _reindexed(self, order: list[int]) -> None:
        """Warnings and the officer's corrected deadlines follow their tasks to their new indexes; shown again."""
        new = {old: i for i, old in enumerate(order)}
        for warning in self.plan.warnings:
            if warning.task_index is not None and warning.task_index in new:
                warning.task_index = new[warning.task_index]
        self.page.edited = {new.get(i, i) for i in self.page.edited}
        self.page.model.set_plan(self.plan)
        self.page._span_sections()
        self.page._fill_warnings()
