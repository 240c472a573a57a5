"""SQLite's check of the officer's database file, run just after the window's first paint.

The window opens the database with ``Store.open(check_later=True)``: the check reads the whole file, so it grows
with a year's work (≈ 4.5 ms of every start at 3.4 MB), and the first paint does not wait for it. It runs in a
thread with a connection of its own as soon as the window is painted; the daily backup waits for it (a damaged file
is never backed up over a good backup's place in the rotation). A write the officer makes before it ends checks
the file first (``Store.transaction``). Damage found: the window lets go of the file and offers, as at any
opening, to restore the newest good backup (``safety_dialogs.open_store_interactively``); the officer who declines
leaves the program, the damaged file untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from kstthc_desktop.gui.background import BackgroundJob

log = logging.getLogger(__name__)


class DatabaseCheck(BackgroundJob):
    """One check of ``window.store`` in a worker thread; what it found (``problems``) is dealt with in the GUI
    thread."""

    thread_name = "kstthc-database-check"

    def __init__(self, window, on_sound: Callable[[], None] | None = None):
        super().__init__(window)
        self.window = window
        self.on_sound = on_sound  # what waits for a sound file (the daily backup)
        self.problems: list[str] | None = None  # None until the check has run

    def work(self) -> list[str]:
        return self.window.store.check()

    def use_result(self, problems: list[str]) -> None:
        self.problems = problems
        if not problems:
            if self.on_sound is not None:
                self.on_sound()
            return
        log.error("database %s failed quick_check after opening: %s", self.window.store.path, problems[:5])
        offer_restore(self.window)


def offer_restore(window) -> None:
    """The damaged file let go of, and the offer to restore it, as at any opening: the window goes on with the
    restored database, or closes when the officer declines."""
    from kstthc_desktop.gui.safety_dialogs import open_store_interactively

    path = window.store.path
    window.store.close()  # the restore replaces the file: its lock and connection go first
    store = open_store_interactively(path, parent=window)
    if store is None:
        window.close()
        return
    window.use_store(store)
