"""Run slow work off the GUI thread, with a progress dialog only when it is really slow.

Use it for anything that may take more than half a second (reading a plan file, building a report,
a backup)::

    from kstthc_desktop.gui.worker import run_with_progress

    plan = run_with_progress(self, "Đang đọc kế hoạch…", extract, path)

``run_with_progress(parent, label, fn, *args, **kwargs)`` calls ``fn(*args, **kwargs)`` in a worker thread
and waits for it in a local event loop, so the window keeps painting. Input to the program's windows is held
back while it waits; if the work lasts longer than ``DELAY_MS`` (0.5 s) a busy ``QProgressDialog`` with
``label`` appears. It returns ``fn``'s result, or raises ``fn``'s exception in the GUI thread (so a
``UserError`` reaches the caller's usual handler, e.g. ``kstthc_desktop.gui.errors.show_error``).

Rules for ``fn``: it must not touch widgets (Qt widgets live in the GUI thread only). A SQLite connection
can only be used from another thread if it was opened with ``check_same_thread=False``; prefer passing plain
data or a path, or let ``fn`` open its own connection.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

#: The progress dialog appears only when the work lasts longer than this.
DELAY_MS = 500


class _Relay(QObject):
    """Carries "done" from the worker thread to the GUI thread (a queued signal)."""

    done = Signal()


def run_with_progress(parent: QWidget | None, label: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run ``fn(*args, **kwargs)`` in a thread; return its result or raise its exception here."""
    if QApplication.instance() is None:  # no GUI (a script or a core test): just call it
        return fn(*args, **kwargs)
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["result"] = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread below
            outcome["error"] = exc
        finally:
            relay.done.emit()

    relay = _Relay()
    loop = QEventLoop()
    relay.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    dialog: list[QProgressDialog] = []

    def show_dialog() -> None:
        if "result" in outcome or "error" in outcome:
            return
        box = QProgressDialog(label, "", 0, 0, parent)
        box.setWindowTitle("Xin chờ")
        box.setCancelButton(None)  # arbitrary work cannot be stopped half-way safely
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setMinimumDuration(0)
        box.setAutoClose(False)
        box.show()
        dialog.append(box)

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(show_dialog)
    timer.start(DELAY_MS)
    thread = threading.Thread(target=work, name="kstthc-worker", daemon=True)
    thread.start()
    if thread.is_alive() or not outcome:
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    thread.join()
    timer.stop()
    for box in dialog:
        box.close()
        box.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")
