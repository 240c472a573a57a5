"""Python callbacks must not outlive the widgets they use (issue 14, item 7: the window once vanished in Qt's
core after Ctrl+P). A timer's lambda bound to a closed and deleted dialog, a window's after-paint jobs and the
opening notice's timer are tied to their widget, and every report dialog Ctrl+P opens is deleted when closed."""

from __future__ import annotations

import pytest

from test_report_data import TODAY, store  # noqa: F401  (the hand-computed plan of 2025)

pytestmark = pytest.mark.gui


def test_a_report_dialog_deleted_before_its_preview_starts_leaves_no_callback(qtbot, store):  # noqa: F811
    import shiboken6

    from kstthc_desktop.gui.app import make_application
    from kstthc_desktop.gui.report_dialog import ReportDialog

    make_application()
    dialog = ReportDialog(store, store.plan_id, TODAY)
    dialog.show()  # schedules the first preview for the next turn of the event loop
    shiboken6.delete(dialog)  # the officer closed it at once (or its parent went away)
    qtbot.wait(50)  # pytest-qt fails the test on an exception raised in Qt's event loop


def test_an_after_paint_job_of_a_deleted_window_does_not_run(qtbot, tmp_path):
    import shiboken6

    from kstthc_desktop.gui.app import make_application
    from kstthc_desktop.gui.main_window import MainWindow
    from kstthc_desktop.store import Store

    make_application()
    ran = []
    with Store.open(tmp_path / "kstthc.sqlite3") as opened:
        window = MainWindow(opened, TODAY)  # not handed to qtbot: the test deletes it itself
        window.show()
        qtbot.waitUntil(lambda: window._painted)
        window.after_first_paint(lambda: ran.append(shiboken6.isValid(window)))
        shiboken6.delete(window)
        qtbot.wait(50)
    assert ran == []


def test_each_report_dialog_is_deleted_when_closed(qtbot, store):  # noqa: F811
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from conftest import show_main_window
    from kstthc_desktop.gui.report_dialog import ReportDialog

    window = show_main_window(qtbot, store, TODAY)

    def close_it():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ReportDialog):
            dialog.reject()
        else:
            QTimer.singleShot(50, close_it)

    for _ in range(2):
        QTimer.singleShot(50, close_it)
        window.open_report()
    qtbot.waitUntil(lambda: not window.findChildren(ReportDialog))
