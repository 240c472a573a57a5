"""Moving tasks and sections in the window (issue 14 item 9): what the Sửa menu's "Chuyển …" entries do (declared,
with their keys, in ``gui.edit_menu``), and the same entries in the task table's and the section tree's context
menus.

Each entry calls one ``operations.plan_moves`` operation (one transaction, one undo) and shows the plan again with
the moved task or section still chosen. The task's printed number follows the new order (docs/plan-moves.md); the
status bar says the number it has now.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QMenu,
    QVBoxLayout,
)

from kstthc_desktop.errors import UserError
from kstthc_desktop.gui.edit_menu import SECTION_MOVES, TASK_MOVES, entry_actions
from kstthc_desktop.gui.plan_edit_dialogs import (
    _current_section,
    _current_task,
    _refused,
    _writable,
    refusals_said,
    rename_section,
    reread,
)
from kstthc_desktop.operations import plan_moves
from kstthc_desktop.plan_order import is_group
from kstthc_desktop.tracking import printed_section_codes, shown_stt


def _shown_number(window, task_id: int) -> str:
    return shown_stt(window.store.task(task_id), printed_section_codes(window.plan.sections))


def section_label(sections, section) -> str:
    """A section as the tree shows it: "1.II. Kiểm soát…"."""
    return f"{printed_section_codes(sections)[section.code]}. {section.title}"


def _section_label(window, section) -> str:
    return section_label(window.plan.sections, section)


# ---------------------------------------------------------------------------------------------- tasks
def move_task(window, step: int) -> None:
    """The chosen task one place up or down in its section; the two tasks exchange their numbers."""
    task = _current_task(window) if _writable(window) else None
    if task is None or task.id is None:
        return
    with refusals_said(window):
        plan_moves.move_task(window.store, task.id, step)
        reread(window, f"Đã chuyển nhiệm vụ {'lên' if step < 0 else 'xuống'}: nay là số {_shown_number(window, task.id)} "
                       "(số thứ tự theo thứ tự mới; Ctrl+Z để hoàn tác).", task.id)


class MoveToSectionDialog(QDialog):
    """Choose the section a task goes to, and whether its number follows (said in words, ticked by default)."""

    def __init__(self, parent, sections, task):
        super().__init__(parent)
        self.setWindowTitle("Chuyển nhiệm vụ sang mục khác")
        self.setObjectName("moveToSectionDialog")
        layout = QVBoxLayout(self)
        intro = QLabel(f"Chuyển nhiệm vụ «{task.content[:90]}» sang cuối mục:")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.sections = QComboBox()
        self.sections.setObjectName("targetSection")
        for section in sections:
            if section.code != task.section:
                self.sections.addItem(section_label(sections, section), section.code)
        layout.addWidget(self.sections)
        self.renumber = QCheckBox("Đánh lại số thứ tự: nhiệm vụ nhận số tiếp theo của mục mới, các nhiệm vụ "
                                  "sau nó ở mục cũ lùi lên một số")
        self.renumber.setObjectName("renumberCheck")
        self.renumber.setChecked(True)
        layout.addWidget(self.renumber)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Chuyển")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())


def move_task_to_section(window) -> None:
    task = _current_task(window) if _writable(window) else None
    if task is None or task.id is None:
        return
    dialog = MoveToSectionDialog(window, window.plan.sections, task)
    if not dialog.exec() or dialog.sections.currentData() is None:
        return
    with refusals_said(window):
        plan_moves.move_task_to_section(window.store, task.id, dialog.sections.currentData(),
                                        renumber=dialog.renumber.isChecked())
        reread(window, f"Đã chuyển nhiệm vụ sang mục khác: nay là số {_shown_number(window, task.id)} "
                       "(Ctrl+Z để hoàn tác).", task.id)


# ---------------------------------------------------------------------------------------------- sections
def move_section(window, step: int) -> None:
    """The section chosen in the tree (a group with its sections) one place up or down; its tasks follow."""
    section = _current_section(window) if _writable(window) else None
    if section is None:
        return
    with refusals_said(window):
        plan_moves.move_section(window.store, section.id, step)
        reread(window, f"Đã chuyển mục {'lên' if step < 0 else 'xuống'} (Ctrl+Z để hoàn tác).")


def move_section_into_group(window) -> None:
    section = _current_section(window) if _writable(window) else None
    if section is None:
        return
    groups = [s for s in window.plan.sections
              if s.code not in (section.code, section.parent) and is_group(window.plan.sections, s.code)]
    if not groups:
        _refused(window, UserError("Kế hoạch không có nhóm mục nào khác (nhóm là mục đánh số 1, 2… chứa các mục "
                                   "La Mã): hãy thêm một nhóm trước."))
        return
    labels = [_section_label(window, g) for g in groups]
    label, ok = QInputDialog.getItem(window, "Chuyển mục vào nhóm",
                                     f"Chuyển mục «{_section_label(window, section)}» vào cuối nhóm:", labels, 0, False)
    if not ok:
        return
    with refusals_said(window):
        plan_moves.move_section_to_group(window.store, section.id, groups[labels.index(label)].code)
        reread(window, "Đã chuyển mục vào nhóm (Ctrl+Z để hoàn tác).")


def move_section_out_of_group(window) -> None:
    section = _current_section(window) if _writable(window) else None
    if section is None:
        return
    with refusals_said(window):
        plan_moves.move_section_to_group(window.store, section.id, None)
        reread(window, "Đã đưa mục ra khỏi nhóm (Ctrl+Z để hoàn tác).")


# ---------------------------------------------------------------------------------------------- menus
def task_context_actions(window, menu: QMenu) -> list[QAction]:
    """"Chuyển lên", "Chuyển xuống", "Chuyển sang mục…" for the task table's context menu."""
    actions = entry_actions(window, TASK_MOVES, menu, with_names=False)
    read_only = bool(window.read_only_reason())
    for act in actions:
        act.setEnabled(not read_only)
    return actions


def install_tree_menu(window, page) -> None:
    """The section tree's context menu: the moves and the existing rename of the section under the mouse."""
    tree = page.section_tree
    tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(pos) -> None:
        item = tree.itemAt(pos)
        if item is None or not item.data(0, Qt.ItemDataRole.UserRole):
            return  # "Tất cả nhiệm vụ" is not a section
        tree.setCurrentItem(item)
        menu = QMenu(tree)
        menu.setObjectName("sectionTreeMenu")
        for act in entry_actions(window, SECTION_MOVES, menu, with_names=False):
            act.setEnabled(not window.read_only_reason())
            menu.addAction(act)
        menu.addSeparator()
        rename = menu.addAction("Đổi tên mục…")
        rename.triggered.connect(lambda: rename_section(window))
        menu.exec(tree.viewport().mapToGlobal(pos))

    tree.customContextMenuRequested.connect(show)
    enable_tree_drag(window, page)


# ---------------------------------------------------------------------------------------------- drag and drop
def drop_place(sections, dragged: str, target: str, fraction: float) -> tuple[str | None, str | None]:
    """Where a section dragged onto ``target`` goes, from how far down the target's row it was dropped
    (``fraction`` 0…1): (its parent, the sibling it goes before). The row's middle half on a group: into it."""
    by_code = {s.code: s for s in sections}
    target_section = by_code[target]
    has_children = any(s.parent == dragged for s in sections)
    if has_children and target_section.parent:  # a group goes among groups: beside the target's group
        target_section, fraction = by_code[target_section.parent], (0.0 if fraction < 0.5 else 1.0)
    if 0.25 <= fraction <= 0.75 and not has_children and is_group(sections, target_section.code) \
            and target_section.code != dragged:
        return target_section.code, None
    parent = target_section.parent or None
    if fraction < 0.5:
        return parent, target_section.code
    siblings = [s.code for s in sections if (s.parent or None) == parent and s.code != dragged]
    after = siblings.index(target_section.code) + 1 if target_section.code in siblings else len(siblings)
    return parent, siblings[after] if after < len(siblings) else None


def drop_section(window, dragged: str, target: str, fraction: float) -> None:
    """A section dropped in the tree: placed as ``drop_place`` says, one transaction, one undo."""
    section = next((s for s in window.plan.sections if s.code == dragged), None)
    if section is None or target == dragged or not _writable(window):
        return
    parent, before = drop_place(window.plan.sections, dragged, target, fraction)
    with refusals_said(window):
        plan_moves.place_section(window.store, section.id, parent, before)
        reread(window, "Đã chuyển mục (Ctrl+Z để hoàn tác).")


def enable_tree_drag(window, page) -> None:
    """Sections dragged in the tree with the mouse; the drop is handled here (the tree's own move is not used:
    the plan is read again and the tree rebuilt)."""
    tree = page.section_tree
    tree.setDragEnabled(True)
    tree.setAcceptDrops(True)
    tree.setDropIndicatorShown(True)
    tree.setDragDropMode(tree.DragDropMode.InternalMove)

    class DropFilter(QObject):
        def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt API
            if event.type() != QEvent.Type.Drop:
                return False
            point = event.position().toPoint()
            item, current = tree.itemAt(point), tree.currentItem()
            event.setDropAction(Qt.DropAction.IgnoreAction)
            event.accept()  # consumed: the tree does not move its items itself
            dragged = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else ""
            target = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else ""
            if dragged and target:
                rect = tree.visualItemRect(item)
                fraction = (point.y() - rect.top()) / max(1, rect.height())
                target_code, dragged_code = str(target), str(dragged)
                # After the drop has returned: the plan read again rebuilds the tree, items and all.
                QTimer.singleShot(0, lambda: drop_section(window, dragged_code, target_code, fraction))
            return True

    page._drop_filter = DropFilter(tree)
    tree.viewport().installEventFilter(page._drop_filter)
