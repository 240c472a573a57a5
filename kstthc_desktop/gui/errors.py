"""Errors in the window: a ``UserError`` shows its Vietnamese sentence; anything unexpected is logged and shown
with the log's location, and the program keeps running.

``install_excepthook()`` (called once by ``run_gui``) catches exceptions escaping Qt slots. Code that acts on a
user's click can also wrap the action: ``with reporting_errors(self): store.add_progress(entry)`` shows the
message and swallows the exception, so the dialog stays open for a correction.
"""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtWidgets import QApplication, QWidget

from kstthc_desktop.errors import UserError

log = logging.getLogger(__name__)
_showing = False  # one box at a time: a failing paint event must not stack hundreds of boxes


def _active_parent(parent: QWidget | None) -> QWidget | None:
    if parent is not None:
        return parent
    app = QApplication.instance()
    return app.activeWindow() if isinstance(app, QApplication) else None


def plain(text: str) -> str:
    """``text`` (a sentence holding a task's or a file's text) made safe for a Qt call that guesses the format:
    Qt reads "a<b" or "<img …>" as rich text (what follows "<" vanishes, an image can size the dialog), so the
    text goes as rich text of plain characters. For a QMessageBox or QLabel we make, ``setTextFormat(PlainText)``."""
    from PySide6.QtGui import Qt

    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def unexpected_message() -> str:
    from kstthc_desktop.logsetup import log_path

    return (
        "Đã xảy ra lỗi không mong muốn. Chương trình vẫn tiếp tục chạy; dữ liệu đã lưu không bị ảnh hưởng.\n\n"
        f"Chi tiết được ghi trong nhật ký: {log_path()}"
    )


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show ``exc`` to the user: its own message for a UserError, the log's location otherwise."""
    global _showing
    from PySide6.QtWidgets import QMessageBox  # not at import: the first paint does not need it

    if isinstance(exc, UserError):
        log.info("user error: %s %s", exc.message, exc.detail)
        title, text, icon = "Không thực hiện được", exc.message, QMessageBox.Icon.Warning
    else:
        log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        title, text, icon = "Lỗi", unexpected_message(), QMessageBox.Icon.Critical
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, _active_parent(parent))
        from PySide6.QtCore import Qt  # here: naming Qt builds its namespace (~13 ms), not wanted at start-up

        box.setTextFormat(Qt.TextFormat.PlainText)  # the message may quote a task's or a file's text
        if not isinstance(exc, UserError):
            box.setDetailedText("".join(traceback.format_exception_only(type(exc), exc)))
        box.exec()
    finally:
        _showing = False


class reporting_errors:
    """Show any exception raised inside the block and carry on (the block's work is abandoned): the GUI's last
    guard for one action. A class rather than a generator, so that its ``__exit__`` says it may swallow the
    exception and type checkers read the code after the ``with`` block as reachable."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> bool:
        if isinstance(exc, Exception):
            show_error(self.parent, exc)
            return True
        return False


def _excepthook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc is not None and exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    show_error(None, exc)


def install_excepthook() -> None:
    """Route exceptions escaping Qt slots to ``show_error`` instead of a traceback on a console."""
    sys.excepthook = _excepthook
