"""``kstthc --smoke-test``: the installed program's check runs what follows the first paint and fails on any error;
starting the window leaves the process as it found it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parent.parent


def _run_gui_in_process(monkeypatch, **options) -> int:
    """``run_gui`` in the test's process; its main window is deleted afterwards, as the ended program's would be
    (a later test looking for "the" main window must not find this one, over a deleted demo database)."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from kstthc_desktop.gui.app import run_gui
    from kstthc_desktop.gui.main_window import MainWindow

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own: undone after the test
    before = set(QApplication.topLevelWidgets())
    try:
        return run_gui(SimpleNamespace(**{"demo": True, "today": None, "exit_after_start": False, "smoke_test": False,
                                          **options}))
    finally:
        for widget in set(QApplication.topLevelWidgets()) - before:
            if isinstance(widget, MainWindow):
                widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_smoke_test_opens_the_demo_runs_the_deferred_jobs_and_exits_zero(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               XDG_STATE_HOME=str(tmp_path / "state"))
    done = subprocess.run([sys.executable, "-m", "kstthc_desktop", "--demo", "--smoke-test"], env=env, cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Lỗi" not in done.stderr


def test_an_error_after_the_first_paint_fails_the_smoke_test(qtbot, monkeypatch, capsys):
    from kstthc_desktop import demo

    ran = []

    def broken_copy(*_args):
        ran.append(True)
        raise FileNotFoundError("demo.py")  # what the bundle met: a file that is not shipped

    monkeypatch.setattr(demo, "copy_demo_files", broken_copy)
    assert _run_gui_in_process(monkeypatch, smoke_test=True) == 1
    assert ran == [True]
    err = capsys.readouterr().err
    assert "Lỗi khi kiểm tra chương trình" in err and "FileNotFoundError" in err


def test_exit_after_start_still_leaves_at_the_first_paint(qtbot, monkeypatch):
    """The start-up benchmarks time the first paint: the deferred jobs are not part of it."""
    from kstthc_desktop import demo

    ran = []
    monkeypatch.setattr(demo, "copy_demo_files", lambda *_args: ran.append(True))
    assert _run_gui_in_process(monkeypatch, exit_after_start=True) == 0
    assert ran == []


def test_starting_the_window_leaves_numpy_importable_for_the_rest_of_the_process(qtbot, monkeypatch):
    """The start once blocked numpy and pandas for good (``sys.modules[name] = None``): every later import of them
    in the same process failed, hypothesis's included."""
    assert _run_gui_in_process(monkeypatch, smoke_test=True) == 0
    for name in ("numpy", "pandas"):
        assert name not in sys.modules or sys.modules[name] is not None


def test_the_program_icon_is_on_its_windows_once_the_window_is_up(qtbot, monkeypatch):
    """The icon is set just after the first paint (gui.app.set_program_icon), not dropped."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    QApplication.setWindowIcon(QIcon())  # what an earlier test's application set does not count
    assert _run_gui_in_process(monkeypatch, smoke_test=True) == 0
    icon = QApplication.windowIcon()
    assert not icon.isNull() and not icon.pixmap(32, 32).isNull()
