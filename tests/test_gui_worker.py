"""Slow work runs off the GUI thread; its result or its error comes back to the caller."""

import threading

import pytest

from kstthc_desktop.errors import UserError

pytestmark = pytest.mark.gui


def test_work_runs_in_another_thread_and_returns_its_result(qtbot):
    from kstthc_desktop.gui.worker import run_with_progress

    main = threading.get_ident()
    result = run_with_progress(None, "Đang làm…", lambda x: (threading.get_ident(), x * 2), 21)
    assert result[1] == 42 and result[0] != main


def test_a_slow_job_shows_a_progress_dialog_and_the_error_reaches_the_caller(qtbot, monkeypatch):
    """The job lasts until the GUI thread has seen its dialog (a condition, not a race against a timer)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from kstthc_desktop.gui import worker

    monkeypatch.setattr(worker, "DELAY_MS", 50)
    seen: list[str] = []
    dialog_seen = threading.Event()

    def visible_dialogs() -> list[QProgressDialog]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]

    def look() -> None:  # runs in the GUI thread while the work is under way
        if not dialog_seen.is_set() and visible_dialogs():
            seen.extend(w.labelText() for w in visible_dialogs())
            dialog_seen.set()

    def slow():
        dialog_seen.wait(timeout=30)
        raise UserError("Tệp không đọc được.")

    poll = QTimer()
    poll.timeout.connect(look)
    poll.start(10)
    try:
        with pytest.raises(UserError, match="không đọc được"):
            worker.run_with_progress(None, "Đang đọc kế hoạch…", slow)
    finally:
        poll.stop()
    assert seen == ["Đang đọc kế hoạch…"]
    qtbot.waitUntil(lambda: not visible_dialogs())  # and it goes away with the work


def test_an_unexpected_error_is_shown_with_the_log_location(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from kstthc_desktop.gui import errors

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    with errors.reporting_errors(None):
        raise RuntimeError("boom")
    with errors.reporting_errors(None):
        raise UserError("Ngày không hợp lệ.")
    assert "nhật ký" in shown[0] and "kstthc.log" in shown[0]
    assert shown[1] == "Ngày không hợp lệ."
