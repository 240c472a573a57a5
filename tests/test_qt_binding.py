"""The Qt binding we install must not corrupt the interpreter.

PySide6 6.12.0 returns ``None`` from C++ void methods without taking a new reference to it. From Python 3.12 on,
None is immortal and nothing happens; on Python 3.11 every such call (``setFixedHeight``, ``QPainter.setRenderHint``,
``fillPath``…) takes one reference away from None, and after some thousands of them (a few hundred repaints of
the dashboard) the interpreter aborts with "deallocating None". pyproject.toml keeps that version away on 3.11;
this test fails if a future upgrade brings such a build back.
"""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.gui


def test_void_qt_calls_leave_none_s_reference_count_alone(qtbot):
    from PySide6.QtGui import QImage, QPainter, QPainterPath
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    image = QImage(20, 20, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    path = QPainterPath()
    try:
        before = sys.getrefcount(None)
        for _ in range(200):
            widget.setFixedHeight(10)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            path.addRect(0, 0, 1, 1)
        lost = before - sys.getrefcount(None)
    finally:
        painter.end()
    assert lost < 50, f"{lost} references to None lost in 600 void Qt calls: this PySide6 build would crash the program"


def test_the_dashboard_survives_thousands_of_repaints(qtbot, tmp_path):
    """What the officer would meet: hovering the dashboard repaints it, again and again."""
    from datetime import date

    from kstthc_desktop.demo import build_demo_db
    from kstthc_desktop.gui.app import make_application
    from kstthc_desktop.gui.main_window import MainWindow
    from kstthc_desktop.store import Store

    make_application()
    build_demo_db(tmp_path / "demo.sqlite3", date(2024, 12, 13))
    store = Store.open(tmp_path / "demo.sqlite3")
    window = MainWindow(store, date(2024, 12, 13), demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    before = sys.getrefcount(None)
    for _ in range(100):  # ~6,000 void calls: a broken build loses that many references (and a few more would abort)
        window.dashboard.repaint()
    assert before - sys.getrefcount(None) < 100
    store.close()
