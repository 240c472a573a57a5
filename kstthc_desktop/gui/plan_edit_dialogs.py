"""Correcting the plan in the window (Sửa menu): a task's texts, section and number in one dialog (the deadline
read again as it is typed), a task added or deleted (after a question; Ctrl+Z brings it back), a section added,
renamed or deleted. Each calls one ``operations.plan_edit`` operation. The menu's entries are declared in
``gui.edit_menu``, which imports this module when one is first used."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from kstthc_desktop.domain import Task
from kstthc_desktop.errors import UserError
from kstthc_desktop.gui.errors import plain, reporting_errors
from kstthc_desktop.operations import plan_edit


def _refused(window, exc: UserError) -> None:
    QMessageBox.warning(window, "Chưa sửa được kế hoạch", plain(exc.message))


class refusals_said(reporting_errors):
    """The block of one plan correction: a refusal (UserError) is said in its own words and the rest of the block
    is skipped (the operation changed nothing); any other error goes on to the program's guard. In a dialog's loop
    the dialog then opens again with what was typed."""

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> bool:
        if isinstance(exc, UserError):
            _refused(self.parent, exc)
            return True
        return False


def _writable(window) -> bool:
    why = window.read_only_reason()
    if why:
        QMessageBox.information(window, "Chỉ xem", f"Không sửa được kế hoạch: {why}.")
    return not why


def reread(window, message: str, task_id: int | None = None) -> None:
    """Show the plan as it is now (its sections too) and say what was done."""
    window.plan = window.store.load_plan(window.plan_id, tasks=False)
    window.refresh()
    if task_id is not None:
        window.select_task(task_id)
    window.statusBar().showMessage(message, 6000)


def _current_task(window) -> Task | None:
    task_id = window.current_task_id()
    if task_id is None:
        QMessageBox.information(window, "Sửa kế hoạch", "Hãy chọn một nhiệm vụ trong bảng nhiệm vụ.")
        return None
    return window.store.task(task_id)


def edit_task(window) -> None:
    task = _current_task(window) if _writable(window) else None
    if task is None:
        return
    if task.id is None:
        return
    from kstthc_desktop.gui.task_edit_dialog import TaskEditDialog  # built on use: the menu exists at start-up

    dialog = TaskEditDialog(task, window.plan.sections, window.plan.document.year, window,
                            report_days=window.store.settings().report_deadlines)
    while dialog.exec():
        with refusals_said(window):
            plan_edit.edit_task(window.store, task.id, **dialog.values())
            reread(window, "Đã sửa nhiệm vụ.", task.id)
            return


def add_task(window) -> None:
    if window.plan_id is None or not _writable(window):
        return
    current = window.current_task_id()
    section = window.store.task(current).section if current is not None else ""
    from kstthc_desktop.gui.task_edit_dialog import TaskEditDialog

    dialog = TaskEditDialog(Task(stt="", content="", section=section), window.plan.sections,
                            window.plan.document.year, window, report_days=window.store.settings().report_deadlines)
    while dialog.exec():
        with refusals_said(window):
            task_id = plan_edit.add_task(window.store, window.plan_id, **dialog.values())
            reread(window, "Đã thêm nhiệm vụ.", task_id)
            return


def delete_task(window) -> None:
    task = _current_task(window) if _writable(window) else None
    if task is None:
        return
    results = len(window.store.progress(task_id=task.id))
    answer = QMessageBox.question(
        window, "Xóa nhiệm vụ",
        plain(f"Xóa nhiệm vụ «{task.content[:80]}» cùng {results} kết quả, văn bản và sự việc của nó?\n"
              "Có thể hoàn tác ngay bằng Sửa › Hoàn tác (Ctrl+Z)."))
    if answer != QMessageBox.StandardButton.Yes:
        return
    if task.id is None:
        return
    with refusals_said(window):
        plan_edit.delete_task(window.store, task.id)
        reread(window, "Đã xóa nhiệm vụ (Ctrl+Z để hoàn tác).")


def _current_section(window):
    page = getattr(window, "_task_page", None)
    code = page._selected_section() if page is not None else ""
    section = next((s for s in window.plan.sections if s.code == code), None) if window.plan else None
    if section is None:
        QMessageBox.information(window, "Sửa kế hoạch", "Hãy chọn một mục trong cây «Mục của kế hoạch».")
    return section


def rename_section(window) -> None:
    section = _current_section(window) if _writable(window) else None
    if section is None:
        return
    title, ok = QInputDialog.getText(window, "Đổi tên mục", f"Tên mới của mục {section.printed_code or section.code}:",
                                     text=section.title)
    if not ok:
        return
    with refusals_said(window):
        plan_edit.rename_section(window.store, section.id, title)
        reread(window, "Đã đổi tên mục.")


def add_section(window) -> None:
    if window.plan_id is None or not _writable(window):
        return
    page = getattr(window, "_task_page", None)
    chosen = page._selected_section() if page is not None else ""
    after = next((s for s in window.plan.sections if s.code == chosen), None)
    code, ok = QInputDialog.getText(window, "Thêm mục", "Số của mục mới (ví dụ: III):")
    if not ok:
        return
    title, ok = QInputDialog.getText(window, "Thêm mục", f"Tên của mục {code}:")
    if not ok:
        return
    with refusals_said(window):
        plan_edit.add_section(window.store, window.plan_id, code, title, parent=after.parent if after else None,
                              after=after.id if after else None)
        reread(window, "Đã thêm mục.")


def delete_section(window) -> None:
    section = _current_section(window) if _writable(window) else None
    if section is None:
        return
    with refusals_said(window):
        plan_edit.delete_section(window.store, section.id)
        reread(window, "Đã xóa mục (Ctrl+Z để hoàn tác).")
