"""Mark many tasks at once as the body's own ("Chủ trì", "Phối hợp") or not: the table allows several rows to be
chosen (Ctrl/Shift + click), and its context menu and Sửa › Liên quan đến cơ quan mình apply to all of them
(``operations.concern.set_concern``). The menu itself is built with the Sửa menu (``gui.edit_menu``); this module
is imported with the task page, or when a choice is first made."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QMenu, QMessageBox, QTableView

from kstthc_desktop.domain import Concern
from kstthc_desktop.errors import UserError
from kstthc_desktop.gui.edit_menu import CONCERN_CHOICES, concern_menu
from kstthc_desktop.gui.errors import plain
from kstthc_desktop.gui.task_model import TaskIdRole
from kstthc_desktop.operations.concern import set_concern


def enable_marking(window, table: QTableView) -> None:
    """Let the table choose several rows, with the choices in its context menu."""
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.customContextMenuRequested.connect(
        lambda pos: table_menu(window, table).exec(table.viewport().mapToGlobal(pos)))


def table_menu(window, table: QTableView) -> QMenu:
    """The task table's context menu: split or merge the chosen tasks (gui.split_merge_dialogs), the moves of the
    task under the mouse ("Chuyển lên"… of gui.plan_move_actions), then the concern choices."""
    from kstthc_desktop.gui.plan_move_actions import task_context_actions
    from kstthc_desktop.gui.split_merge_dialogs import add_to_context_menu

    menu = concern_menu(window, table)
    first = menu.actions()[0]
    menu.insertActions(first, task_context_actions(window, menu))
    menu.insertSeparator(first)
    add_to_context_menu(window, menu)
    return menu


def selected_task_ids(window) -> list[int]:
    page = getattr(window, "_task_page", None)
    if page is None:
        return []
    rows = page.table.selectionModel().selectedRows()
    return [index.data(TaskIdRole) for index in sorted(rows, key=lambda i: i.row())]


def mark_selected(window, concern: Concern) -> None:
    try:
        changed = set_concern(window.store, selected_task_ids(window), concern)
    except UserError as exc:
        QMessageBox.information(window, "Liên quan đến cơ quan mình", plain(exc.message))
        return
    window.refresh()
    label = dict(CONCERN_CHOICES)[concern].lower()
    window.statusBar().showMessage(f"Đã đánh dấu {changed} nhiệm vụ: {label}.", 6000)
