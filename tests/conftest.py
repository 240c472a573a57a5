"""Shared test set-up: offscreen Qt, fixed dates, the plans copied from shared/ into tests/fixtures."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"
PLANS = FIXTURES / "plans"
PLAN_NAMES = ("soc-trang-2022", "dong-nai-so-noi-vu-2022", "vinh-long-2024")


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", help="also run tests marked slow (CI=true does this too)")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runslow") or os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow (CI runs it)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory, monkeypatch):
    """Never touch the real user's data or log folder from a test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("LOCALAPPDATA", str(home / "localappdata"))
    if "PySide6.QtCore" in sys.modules:
        # Qt reads XDG_CONFIG_HOME once: without this, what one test's window remembers (QSettings: the period
        # kind, the geometry) is what the next test's window opens with.
        from PySide6.QtCore import QSettings

        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(home / "config"))
    import kstthc_desktop.logsetup as logsetup

    monkeypatch.setattr(logsetup, "_configured", None)


@pytest.fixture(autouse=True)
def _collect_qt_garbage():
    """After a test, delete what its widgets left for later and collect cycles, while nothing is being built.

    Python's collector otherwise runs at an arbitrary allocation in a later test; freeing a cycle of Qt wrappers
    there (inside a QWizard's constructor) crashed the process now and then when many GUI tests ran in a row."""
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        QApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


DEMO_TODAY = date(2024, 12, 13)


@pytest.fixture
def demo_window(qtbot, tmp_path):
    """The main window over a fresh demo database, "today" 13/12/2024 (the window tests' usual day)."""
    from kstthc_desktop.demo import build_demo_db
    from kstthc_desktop.store import Store

    build_demo_db(tmp_path / "demo.sqlite3", DEMO_TODAY)
    win = show_main_window(qtbot, Store.open(tmp_path / "demo.sqlite3"), DEMO_TODAY, demo=True)
    yield win
    win.store.close()


def show_main_window(qtbot, store, today, **kwargs):
    """The program's main window over ``store``, shown at 1366 px wide (the officers' laptops) and exposed."""
    from kstthc_desktop.gui.app import make_application
    from kstthc_desktop.gui.main_window import MainWindow

    make_application()
    win = MainWindow(store, today, **kwargs)
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    qtbot.waitExposed(win)
    return win


def type_text(qtbot, widget, text: str, *, replace: bool = False) -> None:
    """Type like a user, one key event per character (qtbot.keyClicks cannot send Vietnamese letters);
    ``replace``: select what the field holds and delete it first."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    if replace:
        widget.selectAll()
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
    qtbot.wait(1)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """A test that leaves an import wizard with corrections in its preview: closed without the question "Bỏ và
    đóng / Quay lại" before pytest-qt's teardown closes its widgets (a modal question there would wait for ever).
    A conftest hook wrapper runs outside pytest-qt's, so this comes first."""
    if "PySide6.QtWidgets" in sys.modules and "kstthc_desktop.gui.import_wizard" in sys.modules:
        from PySide6.QtWidgets import QApplication, QDialog

        from kstthc_desktop.gui.import_wizard import ImportWizard

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, ImportWizard) and widget.isVisible():
                QDialog.reject(widget)
    yield


def when_shown(kind, act):
    """Run ``act(widget)`` once, when a visible top-level widget of ``kind`` appears (a dialog or a menu runs its
    own event loop, so the test cannot act on it in line). The polling timer: stop it after the action."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def poll():
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if found:
            timer.stop()
            act(found[0])

    timer = QTimer()
    timer.setInterval(30)
    timer.timeout.connect(poll)
    timer.start()
    return timer


class Answers:
    """Stands in for the officer at every message box (the ``answers`` fixture): records what was said, clicks
    the named button."""

    def __init__(self, monkeypatch):
        from PySide6.QtWidgets import QMessageBox

        self.boxes: list[dict] = []
        self.told: list[tuple[str, str]] = []
        self.answers: list[str] = []
        answers = self

        def fake_exec(box):
            answers.boxes.append({"title": box.windowTitle(), "text": box.text(), "info": box.informativeText(),
                                  "buttons": [b.text() for b in box.buttons()]})
            wanted = answers.answers.pop(0)
            next(b for b in box.buttons() if b.text().startswith(wanted)).click()
            return 0

        monkeypatch.setattr(QMessageBox, "exec", fake_exec)
        for kind in ("information", "warning", "critical"):
            monkeypatch.setattr(QMessageBox, kind, staticmethod(
                lambda parent, title, text, *a, _k=kind, **k: answers.told.append((_k, text))))


@pytest.fixture
def answers(monkeypatch, qapp):
    return Answers(monkeypatch)


def make_wizard(qtbot, store, today=date(2024, 1, 15)):
    """The import wizard on ``store``, shown."""
    from kstthc_desktop.gui.import_wizard import ImportWizard

    wizard = ImportWizard(store, today)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def open_through_button(qtbot, wizard, monkeypatch, path: Path) -> None:
    """Choose ``path`` with the wizard's open button (the file dialog answered): the preview reads it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    qtbot.mouseClick(wizard.source_page.open_button, Qt.MouseButton.LeftButton)
