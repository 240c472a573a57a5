"""Glue the import wizard and the safety dialogs share: slow work off the GUI thread, errors shown the way
the rest of the program shows them (``gui.worker`` and ``gui.errors`` of the main window).

Work that touches the Store runs in the GUI thread: its SQLite connection belongs to that thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from kstthc_desktop.errors import UserError

from kstthc_desktop.gui.errors import show_error as _show_error
from kstthc_desktop.gui.worker import run_with_progress


def run_job(parent: QWidget | None, label: str, fn: Callable[[], Any]) -> Any:
    """Run ``fn`` off the GUI thread with a progress dialog after 0.5 s; return its result or raise its error."""
    return run_with_progress(parent, label, fn)


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """A UserError's own sentence under ``title``; anything else logged and shown with the log's location."""
    if isinstance(exc, UserError):
        from kstthc_desktop.gui.errors import plain

        QMessageBox.warning(parent, title, plain(exc.message))  # it may quote the file's text
    else:
        _show_error(parent, exc)
