"""Start the desktop program: ``run_gui(args)`` is what ``kstthc`` (with no subcommand) calls.

Start-up is measured against an empty PySide6 window (benchmarks/bench_gui.py), so this module imports
only what the first paint needs; dialogs, importers and reports are imported when first opened.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import time
import os
from datetime import date, datetime
from pathlib import Path

from kstthc_desktop.errors import UserError

log = logging.getLogger(__name__)

#: "Today" of the demo when --today is not given: inside the demo plan's year, so every status shows.
DEMO_TODAY = date(2024, 12, 13)


_T0 = time.perf_counter()


def _trace(what: str) -> None:
    """KSTTHC_TRACE_START=1 prints how long each start-up step took (for benchmarks/bench_gui.py)."""
    if os.environ.get("KSTTHC_TRACE_START"):
        print(f"{(time.perf_counter() - _T0) * 1000:7.0f} ms (cpu {time.process_time() * 1000:4.0f})  {what}", file=sys.stderr)
        if os.environ.get("KSTTHC_TRACE_ABS"):  # wall-clock stamp, to line the steps up with the process start
            print(f"ABS {time.time():.4f} {what}", file=sys.stderr)


def _running_as_the_program() -> bool:
    """True in the ``kstthc`` process itself (not when a test calls ``run_gui`` in its own process)."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    return bool(spec and spec.name.startswith("kstthc_desktop")) or Path(sys.argv[0]).stem == "kstthc"


def _parse_today(text: str | None, default: date) -> date:
    if not text:
        return default
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"Ngày '{text}' không hợp lệ; hãy ghi theo dạng NĂM-THÁNG-NGÀY, ví dụ 2024-12-13.") from None


def _open_store(path: Path, parent=None):
    """Open the database through the safety dialogs (damaged, locked, newer, read-only)."""
    from kstthc_desktop.gui.safety_dialogs import open_store_interactively

    set_program_icon()  # a dialog may come before the main window
    return open_store_interactively(path, parent=parent)


def finish_application(*, icon: bool = True) -> None:
    """Vietnamese dates and numbers in Qt's own widgets and dialogs (calendar, date edits, file dialogs), Vietnamese
    standard buttons ("Có" / "Không", "Hủy"), and (``icon``) the program's icon on its windows."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from kstthc_desktop.gui.translations import install_vietnamese_buttons

    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    app = QApplication.instance()
    assert isinstance(app, QApplication)  # made by make_application before this runs
    if getattr(app, "_kstthc_translator", None) is None:
        install_vietnamese_buttons(app)
    if icon:
        set_program_icon()


def set_program_icon() -> None:
    """The program's icon on its windows (title bar, task bar). ``run_gui`` sets it just after the main window's
    first paint, or before a dialog that comes first: finding the resources folder (importlib.resources, which
    imports zipfile) and QIcon's type cost ≈ 7 ms, and the first paint does not show the icon in the window."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from kstthc_desktop.paths import resource

    icon = resource("icons", "kstthc.png")
    if icon.exists():
        QApplication.setWindowIcon(QIcon(str(icon)))


def make_application(argv: list[str] | None = None, *, icon: bool = True):
    """The QApplication with our name (for QSettings), a calm style, Vietnamese standard dialogs and our icon
    (``icon=False``: set later with ``set_program_icon``)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("KSTTHC")
        QCoreApplication.setApplicationName("KSTTHC Desktop")
        # Fusion by Qt's own -style option: app.setStyle("Fusion") makes PySide6 build QStyle's Python enums
        # (docs/startup.md)
        app = QApplication([*(argv if argv is not None else sys.argv[:1]), "-style", "Fusion"])
    elif isinstance(app, QApplication):
        app.setStyle("Fusion")
    finish_application(icon=icon)
    return app


def _open_quietly(path: Path):
    """The user's database opened without any window (the usual case); None when opening needs the officer
    (damaged, locked, newer, unwritable: ``_open_store`` asks, once Qt is up)."""
    from kstthc_desktop.store import Store

    try:
        return Store.open(path, check_later=True)  # checked after the first paint (gui.database_check)
    except Exception:  # told and handled by the safety dialogs, which open it again
        log.info("opening %s needs the officer; asking after Qt is up", path, exc_info=True)
        return None


def _collect_garbage_again() -> None:
    """``cli.main`` turns the garbage collector off for the start; on again once the window is up. What
    start-up made lives as long as the program, so it is frozen out of future collections. (Nothing to do when
    the collector is on: a test or a script made the window.)"""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def open_demo(workdir: Path, today: date):
    """The demo's store: a fresh copy of the demo database in ``workdir`` (a new temporary folder), whose
    automatic backups (before a restore or an import) go to ``workdir/sao-luu``: demo data never reaches the
    officer's real backups folder, and goes with the folder on exit."""
    from kstthc_desktop.demo import fresh_demo_copy
    from kstthc_desktop.store import Store

    db_path = fresh_demo_copy(workdir, today, files_later=True)
    _trace("demo copied")
    return Store.open(db_path, lock=False, backup_dir=workdir / "sao-luu")


def open_main_window(store, today: date, *, demo: bool = False, now: datetime | None = None):
    """The main window on an open store, with what follows its first paint: the garbage collector back on, the
    check of a database opened unchecked (``gui.database_check``), then the daily automatic backup (not of the
    demo's throwaway copy; see auto_backup). ``window.daily_backup`` is that backup's job, or None;
    ``window.database_check`` the check's, or None."""
    from kstthc_desktop.gui.main_window import MainWindow

    _trace("main window imported")
    window = MainWindow(store, today, demo=demo)
    _trace("main window built")
    window.after_first_paint(_collect_garbage_again)
    if not demo:
        from kstthc_desktop.gui.auto_backup import daily_backup

        window.daily_backup = daily_backup(window, store, now or datetime.now())
    backup = window.daily_backup.start if window.daily_backup is not None else None
    if store.unchecked:
        from kstthc_desktop.gui.database_check import DatabaseCheck

        window.database_check = DatabaseCheck(window, on_sound=backup)
        window.after_first_paint(window.database_check.start)
    elif backup is not None:
        window.after_first_paint(backup)
    return window


def _open_window_or_offer_restore(store, today: date, demo: bool):
    """The main window, or (None, store) after the offer to restore when the file's damage showed while the first
    page was read (a database opened unchecked: ``Store.open(check_later=True)``); (window, its store)."""
    import sqlite3

    try:
        return open_main_window(store, today, demo=demo), store
    except sqlite3.DatabaseError:
        if not store.unchecked:
            raise
        log.exception("reading %s for the first page failed: damaged?", store.path)
        store.close()
        store = _open_store(store.path)  # checked: tells the damage and offers the newest good backup
        if store is None:
            return None, None
        return open_main_window(store, today, demo=demo), store


def _leave_at_first_paint(app, window) -> None:
    """``--exit-after-start`` (the start-up benchmarks): leave as the window paints for the first time."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    painted: list[bool] = []

    class _QuitAfterPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint and not painted:  # seen before the window paints (and children)
                painted.append(True)
                _trace("first paint")
                # What waits for the first paint is work deferred past the start by design (the demo's files,
                # search index, garbage collector, backup): not start-up, and not timed here. --smoke-test runs it.
                window.drop_after_paint_jobs()
                # exit, not quit: quit closes the windows first, and the main window's closeEvent would
                # save its geometry and period over the officer's own (a smoke test must not)
                QTimer.singleShot(0, lambda: app.exit(0))
            return False

    window.installEventFilter(_QuitAfterPaint(window))
    QTimer.singleShot(5000, lambda: painted or app.quit())  # never hang (and never end a later loop in this process)


class SmokeTest(logging.Handler):
    """``kstthc --smoke-test`` (the checks of the bundle, the installer's workflow and an installed wheel): show the
    window, run every job that waits for its first paint, then leave. Any error logged on the way, an exception
    escaping a Qt slot included, is printed on standard error and makes the exit status 1 (the officer would have
    seen an error box); so does not getting there within ``TIMEOUT_MS``."""

    TIMEOUT_MS = 60_000

    def __init__(self, app, window) -> None:
        from PySide6.QtCore import QTimer

        super().__init__(logging.ERROR)
        self.app = app
        self.errors: list[str] = []
        self.done = False
        self.finished = False
        self._previous_hook = sys.excepthook
        logging.getLogger().addHandler(self)
        sys.excepthook = self._excepthook
        # Registered after every other first-paint job, so it runs after them; one more turn of the event loop
        # lets what they started with a zero timer run too.
        window.after_first_paint(lambda: QTimer.singleShot(0, self._leave))
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._time_out)
        self.timer.start(self.TIMEOUT_MS)

    def emit(self, record: logging.LogRecord) -> None:
        self.errors.append(self.format(record))

    def _excepthook(self, exc_type, exc, tb) -> None:
        log.error("error escaped to the event loop", exc_info=(exc_type, exc, tb))
        self.app.exit(1)

    def _leave(self) -> None:
        # Nothing once finished (an error ended the loop first, in a process that goes on: a test): exit() outside
        # an event loop would make every later dialog's exec() in the process return at once.
        if not self.finished:
            self.done = True
            self.app.exit(0)

    def _time_out(self) -> None:
        self.errors.append(f"the jobs after the first paint did not finish within {self.TIMEOUT_MS // 1000} s")
        self.app.exit(1)

    def finish(self, status: int) -> int:
        """Undo what the check set up and say how it went: 0 only when it ran to its end without an error."""
        self.finished = True
        self.timer.stop()
        logging.getLogger().removeHandler(self)
        sys.excepthook = self._previous_hook
        for error in self.errors:
            print(f"Lỗi khi kiểm tra chương trình: {error}", file=sys.stderr)
        return 0 if self.done and not self.errors and status == 0 else 1


def run_gui(args) -> int:
    """Open the main window on the user's database (or a fresh demo one) and run until it closes."""
    demo = bool(getattr(args, "demo", False))
    today = _parse_today(getattr(args, "today", None), DEMO_TODAY if demo else date.today())
    workdir: Path | None = None
    store = None
    try:
        # The database first, without Qt: the window then only draws what is read.
        if demo:  # a fresh copy in a new temporary folder: nothing to repair or unlock
            workdir = Path(tempfile.mkdtemp(prefix="kstthc-demo-"))
            store = open_demo(workdir, today)
            db_path = store.path
        else:
            from kstthc_desktop.paths import default_db_path

            db_path = Path(getattr(args, "db", None) or default_db_path())
            store = _open_quietly(db_path)
        _trace("store open")
        from PySide6.QtCore import QTimer

        _trace("Qt imported")
        app = make_application(icon=False)  # the icon after the first paint
        _trace("QApplication")
        from kstthc_desktop.gui.errors import install_excepthook

        install_excepthook()
        if store is None:
            store = _open_store(db_path)
        if store is None:  # the officer gave up on a damaged or locked database
            return 1
        window, store = _open_window_or_offer_restore(store, today, demo)
        if window is None:  # the officer gave up on a damaged database
            return 1
        window.after_first_paint(set_program_icon)
        if demo:
            from kstthc_desktop.demo import copy_demo_files

            window.after_first_paint(lambda: copy_demo_files(db_path, today))
        smoke = SmokeTest(app, window) if getattr(args, "smoke_test", False) else None
        window.show()
        if smoke is None and getattr(args, "exit_after_start", False):
            _leave_at_first_paint(app, window)
        elif smoke is None:  # the officer's own start (a check leaves by itself, without the notice)
            QTimer.singleShot(0, window.show_opening_notice)
        status = int(app.exec())
        _trace("event loop left")
        for job in (window.database_check, window.daily_backup):
            if job is not None:
                job.wait(60)
        if smoke is not None:
            status = smoke.finish(status)
        window.store.close()
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
        _trace("cleaned up")
    if (getattr(args, "exit_after_start", False) or getattr(args, "smoke_test", False)) and _running_as_the_program():
        # A smoke test or benchmark measures start-up: skip tearing down every Qt object and module.
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status
