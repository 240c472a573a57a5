"""Start the desktop program: ``run_gui(args)`` is what ``kstthc`` (with no subcommand) calls.

Start-up is measured against an empty PySide6 window (benchmarks/bench_gui.py), so this module imports
only what the first paint needs; dialogs, importers and reports are imported when first opened.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

from kstthc_desktop.errors import UserError

log = logging.getLogger(__name__)

#: "Today" of the demo when --today is not given: inside the demo plan's year, so every status shows.
DEMO_TODAY = date(2024, 12, 13)


def _parse_today(text: str | None, default: date) -> date:
    if not text:
        return default
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"Ngày '{text}' không hợp lệ; hãy ghi theo dạng NĂM-THÁNG-NGÀY, ví dụ 2024-12-13.") from None


def _skip_optional_numpy() -> None:
    """sqlite-utils imports numpy and pandas when they happen to be installed, only to store their types;
    we never hand it either, and numpy alone costs more than the rest of our start-up."""
    for name in ("numpy", "pandas"):
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


def _open_store(path: Path, parent=None):
    """Open the database through the safety dialogs (damaged, locked, newer) when they are present."""
    try:
        from kstthc_desktop.gui.safety_dialogs import open_store_interactively
    except ImportError:
        from kstthc_desktop.store import Store

        path.parent.mkdir(parents=True, exist_ok=True)
        return Store.open(path)
    return open_store_interactively(path, parent=parent)


def make_application(argv: list[str] | None = None):
    """The QApplication with our name (for QSettings), a calm style and Vietnamese standard dialogs."""
    from PySide6.QtCore import QCoreApplication, QLocale
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("KSTTHC")
        QCoreApplication.setApplicationName("KSTTHC Desktop")
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setStyle("Fusion")
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    from kstthc_desktop.paths import resource

    icon = resource("icons", "kstthc.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_gui(args) -> int:
    """Open the main window on the user's database (or a fresh demo one) and run until it closes."""
    demo = bool(getattr(args, "demo", False))
    today = _parse_today(getattr(args, "today", None), DEMO_TODAY if demo else date.today())
    _skip_optional_numpy()
    from PySide6.QtCore import QEvent, QObject, QTimer

    app = make_application()
    from kstthc_desktop.gui.errors import install_excepthook

    install_excepthook()
    workdir: Path | None = None
    if demo:
        from kstthc_desktop.demo import build_demo_db

        workdir = Path(tempfile.mkdtemp(prefix="kstthc-demo-"))
        db_path = workdir / "demo.sqlite3"
        build_demo_db(db_path, today)
    else:
        from kstthc_desktop.paths import default_db_path

        db_path = Path(getattr(args, "db", None) or default_db_path())
    try:
        store = _open_store(db_path)
        if store is None:  # the officer gave up on a damaged or locked database
            return 1
        from kstthc_desktop.gui.main_window import MainWindow

        window = MainWindow(store, today, demo=demo)
        window.show()
        if getattr(args, "exit_after_start", False):

            class _QuitAfterPaint(QObject):
                def eventFilter(self, obj, event):  # noqa: N802 - Qt API
                    if event.type() == QEvent.Type.Paint:
                        QTimer.singleShot(0, app.quit)
                    return False

            watcher = _QuitAfterPaint(window)
            window.installEventFilter(watcher)
            QTimer.singleShot(5000, app.quit)  # never hang a smoke test
        else:
            QTimer.singleShot(0, window.show_opening_notice)
        status = app.exec()
        window.store.close()
        return int(status)
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
