"""Sửa › Hoàn tác «…» (Ctrl+Z): undo the officer's last action of the session (``operations.undo``).

The entry names the action it would undo, read when the menu opens; Ctrl+Z in a text field still undoes typing
there (the field takes the shortcut first).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from kstthc_desktop.errors import UserError
from kstthc_desktop.gui.errors import plain
from kstthc_desktop.operations.undo import last_action, undo_last

if TYPE_CHECKING:
    from kstthc_desktop.gui.main_window import MainWindow


def install_undo(window: MainWindow) -> QAction:
    """Add the menu "Sửa" (after "Tệp") with its undo entry to ``window`` (a MainWindow: store, refresh)."""
    bar = window.menuBar()
    edit = QMenu("&Sửa", window)
    edit.setObjectName("editMenu")
    actions = bar.actions()
    bar.insertMenu(actions[1], edit) if len(actions) > 1 else bar.addMenu(edit)
    act = QAction("Hoàn tác", window)
    act.setObjectName("undoAction")
    act.setShortcuts([QKeySequence("Ctrl+Z")])
    edit.addAction(act)
    edit.aboutToShow.connect(lambda: name_undo(window, act))
    edit.aboutToHide.connect(lambda: act.setEnabled(True))  # the shortcut stays live; undo() says when there is none
    act.triggered.connect(lambda: undo(window))
    from kstthc_desktop.gui.concern_menu import concern_menu
    from kstthc_desktop.gui.plan_edit_dialogs import install_plan_edit

    edit.addSeparator()
    window.plan_edit_actions = install_plan_edit(window, edit)
    from kstthc_desktop.gui.plan_move_actions import install_moves

    edit.addSeparator()
    window.plan_edit_actions += install_moves(window, edit)
    edit.addSeparator()
    edit.addMenu(concern_menu(window, edit))
    return act


def name_undo(window, act: QAction) -> None:
    """The entry's text: the action it would undo, or why there is none."""
    found = last_action(window.store)
    if found is None:
        act.setText("Hoàn tác (chưa có thao tác nào)")
        act.setEnabled(False)
    elif not found[1]:
        act.setText(f"Hoàn tác «{found[0]}» (không hoàn tác được)")
        act.setEnabled(False)
    else:
        act.setText(f"Hoàn tác «{found[0]}»")
        act.setEnabled(True)


def undo(window) -> None:
    if getattr(window.store, "read_only", False):
        return
    try:
        label = undo_last(window.store)
    except UserError as exc:
        QMessageBox.information(window, "Hoàn tác", plain(exc.message))
        return
    if window.plan_id is not None:  # an undo may change the plan's sections too
        window.plan = window.store.load_plan(window.plan_id, tasks=False)
    window.refresh()
    window.statusBar().showMessage(f"Đã hoàn tác: {label}.", 6000)
