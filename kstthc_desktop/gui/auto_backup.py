"""The daily automatic backup when the program opens its database (``store.backup.backup_if_due``).

Started right after the window's first paint, in a thread with its own read-only SQLite connection: the online
backup of a year's database takes some 30 ms (more with a slow disk's fsync), and the officer should not wait
for it, neither to see the dashboard nor for the first click. sqlite3 and fsync let the GUI thread run meanwhile.
The result goes to the status bar and the log; a failure (full disk, no right to write, a lock another program
holds past ``store.backup.BACKUP_WAIT``) is told, never fatal: the thread always ends, so closing the window
(which waits for it) never hangs.

Not for the demo (``kstthc --demo``): its database is a throwaway copy in a temporary folder, and its backups would
only fill the officer's real backups folder with demo data. Not for a database opened read-only either: another
program holds it, and that program takes the backups.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QObject

from kstthc_desktop.gui.background import BackgroundJob

log = logging.getLogger(__name__)


class DailyBackup(BackgroundJob):
    """One check-and-backup in a worker thread. Its outcome, in the GUI thread: ``result`` (the backup's path, or
    None when none was due) and ``error`` (a Vietnamese message, or "") once ``done``."""

    thread_name = "kstthc-daily-backup"

    def __init__(self, db_path: Path, now: datetime, backup_dir: Path | None = None, parent: QObject | None = None,
                 on_done=None, wait_seconds: float | None = None):
        from kstthc_desktop.store.backup import BACKUP_WAIT

        super().__init__(parent)
        self.on_done = on_done  # called in the GUI thread with (path or None, error message or "")
        self.db_path = Path(db_path)
        self.now = now
        self.backup_dir = backup_dir
        self.wait_seconds = BACKUP_WAIT if wait_seconds is None else wait_seconds  # for a lock, at most
        self.done = False
        self.result: Path | None = None
        self.error = ""

    def work(self) -> tuple[Path | None, str]:
        """(the backup's path or None, error message or ""); never raises: a failed backup never stops the program.
        The window waits for it before it exits: no stray ``.part`` file."""
        from kstthc_desktop.errors import UserError
        from kstthc_desktop.store.backup import backup_if_due

        path, error = None, ""
        try:
            conn = sqlite3.connect(f"{self.db_path.resolve().as_uri()}?mode=ro", uri=True,
                                   timeout=min(self.wait_seconds, 10))
            try:
                source = SimpleNamespace(conn=conn, path=self.db_path, backup_dir=self.backup_dir)
                path = backup_if_due(source, self.now, wait_seconds=self.wait_seconds)
            finally:
                conn.close()
        except UserError as exc:
            log.warning("daily backup of %s not made: %s (%s)", self.db_path, exc.message, exc.detail)
            error = exc.message  # logged here too: when the window is closing, the slot below never runs
        except Exception as exc:  # a failed backup must never stop the program
            log.exception("daily backup of %s failed", self.db_path)
            error = f"Không tạo được bản sao lưu tự động ({exc.__class__.__name__}); chi tiết trong nhật ký."
        return path, error

    def use_result(self, outcome: tuple[Path | None, str]) -> None:
        path, error = outcome
        self.result, self.error, self.done = path, error, True
        if path is not None:
            log.info("daily backup of %s: %s", self.db_path, path)
        if self.on_done is not None:
            self.on_done(path, error)


def daily_backup(window, store, now: datetime, *, wait_seconds: float | None = None) -> DailyBackup | None:
    """The job that backs ``store`` up if a day has passed since its newest backup, not started (``gui.app``
    starts it after the window's first paint, once the file has passed its check); the status bar says what
    happened. None for a read-only database. ``wait_seconds``: for a lock, at most (default
    ``store.backup.BACKUP_WAIT``)."""
    if getattr(store, "read_only", False):
        return None

    def tell(path, error: str) -> None:
        if error:
            window.statusBar().showMessage(f"Sao lưu tự động: {error}", 15000)
        elif path is not None:
            window.statusBar().showMessage(f"Đã sao lưu tự động dữ liệu ({Path(path).name}).", 6000)

    return DailyBackup(store.path, now, getattr(store, "backup_dir", None), parent=window, on_done=tell,
                       wait_seconds=wait_seconds)
