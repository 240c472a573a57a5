"""The Sửa menu: undo, the plan's corrections, split and merge, moves, and "Liên quan đến cơ quan mình".

Built with the window, so that its keys work from the first paint (Ctrl+Z, Ctrl+E, Ctrl+Shift+↑/↓ a task,
Alt+Shift+↑/↓ a section). What an entry does lives in the module named beside it (``gui.plan_edit_dialogs``,
``gui.plan_move_actions``, ``gui.split_merge_dialogs``, ``gui.concern_menu``, ``gui.undo_menu``) and is imported
when an entry is first used: those modules name the types of their dialogs (QMessageBox, QInputDialog, QDialog,
QTableView…), and PySide6 builds each type's Python enums when it is first named, ≈ 5 ms of every start for a menu
that opens later (docs/startup.md). The entries are declared here once; the context menus of the task table and
the section tree build theirs from the same lists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from kstthc_desktop.domain import Concern

if TYPE_CHECKING:
    from kstthc_desktop.gui.main_window import MainWindow

#: An entry: (text, module of ``gui`` and its function called with the window and ``args``, args, key, object
#: name). ``None`` stands for a separator.
Entry = tuple[str, str, str, tuple[Any, ...], str | None, str]

PLAN_EDIT_ENTRIES: list[Entry | None] = [
    ("Sửa nhiệm vụ đang chọn…", "plan_edit_dialogs", "edit_task", (), "Ctrl+E", "editTaskAction"),
    ("Thêm nhiệm vụ…", "plan_edit_dialogs", "add_task", (), None, "addTaskAction"),
    ("Xóa nhiệm vụ đang chọn…", "plan_edit_dialogs", "delete_task", (), None, "deleteTaskAction"),
    None,
    ("Đổi tên mục đang chọn…", "plan_edit_dialogs", "rename_section", (), None, "renameSectionAction"),
    ("Thêm mục sau mục đang chọn…", "plan_edit_dialogs", "add_section", (), None, "addSectionAction"),
    ("Xóa mục đang chọn (mục trống)", "plan_edit_dialogs", "delete_section", (), None, "deleteSectionAction"),
]
SPLIT_MERGE_ENTRIES: list[Entry] = [
    ("Tách nhiệm vụ…", "split_merge_dialogs", "split_task", (), None, "splitTaskAction"),
    ("Gộp nhiệm vụ…", "split_merge_dialogs", "merge_tasks", (), None, "mergeTasksAction"),
]
TASK_MOVES: list[Entry] = [
    ("Chuyển lên", "plan_move_actions", "move_task", (-1,), "Ctrl+Shift+Up", "moveTaskUpAction"),
    ("Chuyển xuống", "plan_move_actions", "move_task", (1,), "Ctrl+Shift+Down", "moveTaskDownAction"),
    ("Chuyển sang mục…", "plan_move_actions", "move_task_to_section", (), None, "moveTaskToSectionAction"),
]
SECTION_MOVES: list[Entry] = [
    ("Chuyển lên", "plan_move_actions", "move_section", (-1,), "Alt+Shift+Up", "moveSectionUpAction"),
    ("Chuyển xuống", "plan_move_actions", "move_section", (1,), "Alt+Shift+Down", "moveSectionDownAction"),
    ("Chuyển vào nhóm…", "plan_move_actions", "move_section_into_group", (), None, "moveSectionIntoGroupAction"),
    ("Đưa ra khỏi nhóm", "plan_move_actions", "move_section_out_of_group", (), None, "moveSectionOutAction"),
]
CONCERN_CHOICES = [(Concern.LEAD, "Cơ quan mình chủ trì"), (Concern.COOPERATE, "Cơ quan mình phối hợp"),
                   (Concern.NONE, "Không liên quan đến cơ quan mình"),
                   (Concern.UNKNOWN, "Chưa xác định (theo tên cơ quan)")]


def calling(window, module: str, function: str, *args: Any) -> Callable[..., None]:
    """A slot calling ``gui.<module>.<function>(window, *args)``, the module imported when first triggered."""

    def run(_checked: bool = False) -> None:
        getattr(import_module(f"kstthc_desktop.gui.{module}"), function)(window, *args)

    return run


def entry_actions(window, entries: Sequence[Entry], owner, *, prefix: str = "",
                  with_names: bool = True) -> list[QAction]:
    """One action per entry, owned by ``owner``; ``prefix`` before each text ("Nhiệm vụ đang chọn: chuyển
    lên"). A context menu's copies go without object names (``with_names``), so that a test finds the menu's."""
    actions = []
    for text, module, function, args, key, name in entries:
        act = QAction(prefix + text[0].lower() + text[1:] if prefix else text, owner)
        act.setObjectName(name if with_names else "")
        if key:
            act.setShortcuts([QKeySequence(key)])  # setShortcut(one) would build the Qt namespace at start-up
        act.triggered.connect(calling(window, module, function, *args))
        actions.append(act)
    return actions


def concern_menu(window, parent=None) -> QMenu:
    """The four choices, each applied to the rows chosen in the task table (``gui.concern_menu.mark_selected``)."""
    menu = QMenu("Liên quan đến cơ quan mình", parent or window)
    menu.setObjectName("concernMenu")
    for concern, text in CONCERN_CHOICES:
        act = QAction(text, menu)
        act.setObjectName(f"concern_{concern.name.lower()}")
        act.triggered.connect(calling(window, "concern_menu", "mark_selected", concern))
        menu.addAction(act)
    return menu


def enable_split_merge(window, split: QAction, merge: QAction) -> None:
    """Split needs a chosen task, merge two or more; neither on a read-only database."""
    from kstthc_desktop.gui.concern_menu import selected_task_ids

    writable = not window.read_only_reason()
    split.setEnabled(writable and window.current_task_id() is not None)
    merge.setEnabled(writable and len(selected_task_ids(window)) >= 2)


def _add(menu: QMenu, actions: list[QAction]) -> None:
    menu.addActions(actions)
    menu.addSeparator()


def install_edit_menu(window: MainWindow) -> QAction:
    """Add the menu "Sửa" (after "Tệp") to ``window``; its undo action. ``window.plan_edit_actions`` gets the
    plan's corrections (off while the database is read-only)."""
    bar = window.menuBar()
    edit = QMenu("&Sửa", window)
    edit.setObjectName("editMenu")
    actions = bar.actions()
    bar.insertMenu(actions[1], edit) if len(actions) > 1 else bar.addMenu(edit)
    undo = QAction("Hoàn tác", window)
    undo.setObjectName("undoAction")
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    undo.triggered.connect(calling(window, "undo_menu", "undo"))
    edit.aboutToShow.connect(calling(window, "undo_menu", "name_undo", undo))
    edit.aboutToHide.connect(lambda: undo.setEnabled(True))  # the key stays live; undo() says when there is none
    _add(edit, [undo])

    corrections: list[QAction] = []
    for entry in PLAN_EDIT_ENTRIES:
        if entry is None:
            edit.addSeparator()
        else:
            corrections += entry_actions(window, [entry], window)
            edit.addAction(corrections[-1])
    edit.addSeparator()
    split_merge = entry_actions(window, SPLIT_MERGE_ENTRIES, window)
    edit.aboutToShow.connect(lambda: enable_split_merge(window, *split_merge))
    _add(edit, split_merge)
    task_moves = entry_actions(window, TASK_MOVES, window, prefix="Nhiệm vụ đang chọn: ")
    section_moves = entry_actions(window, SECTION_MOVES, window, prefix="Mục đang chọn: ")
    _add(edit, task_moves)
    _add(edit, section_moves)
    edit.addMenu(concern_menu(window, edit))
    window.plan_edit_actions = corrections + split_merge + task_moves + section_moves
    return undo
