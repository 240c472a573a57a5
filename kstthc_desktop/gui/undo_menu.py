"""Sửa › Hoàn tác «…» (Ctrl+Z): undo the officer's last action of the session (``operations.undo``). The entry
itself is built with the Sửa menu (``gui.edit_menu``); this module is imported when the menu first opens.

The entry names the action it would undo, read when the menu opens; Ctrl+Z in a text field still undoes typing
there (the field takes the shortcut first).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from kstthc_desktop.errors import UserError
from kstthc_desktop.gui.errors import plain
from kstthc_desktop.operations.undo import last_action, undo_last

if TYPE_CHECKING:
    from PySide6.QtGui import QAction


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
