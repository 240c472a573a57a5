"""Work that goes on behind the window while the officer uses it: no dialog, no input held back (unlike
``gui.worker.run_with_progress``, for work the officer waits for). The file's check and the daily backup after
the first paint are such jobs.

A subclass says what runs in the thread (``work``) and what the GUI thread does with its result (``use_result``);
``wait`` lets a job under way end before the program exits. Only ``QObject`` and ``Signal`` are named here: the
jobs are made before the first paint.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Signal


class BackgroundJob(QObject):
    """One run of ``work`` in a thread of its own; ``use_result(result)`` then runs in the GUI thread (a queued signal:
    ``work`` must not touch widgets, and uses a SQLite connection of its own)."""

    finished = Signal(object)
    thread_name = "kstthc-job"

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self.finished.connect(self.use_result)

    def start(self) -> None:
        self._thread = threading.Thread(target=lambda: self.finished.emit(self.work()), name=self.thread_name,
                                        daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Let the job under way finish (the program calls this before it exits)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def work(self) -> Any:  # in the worker thread
        raise NotImplementedError

    def use_result(self, result: Any) -> None:  # a slot of this object: runs in the GUI thread
        raise NotImplementedError
