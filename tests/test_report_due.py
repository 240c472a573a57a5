"""The body's own report deadline, per kind of report in the settings (issue 15 §6)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kstthc_desktop.reports.due import next_report_text, upcoming_reports

SOC_TRANG = {"quarter": 19, "year": 19}  # before the 19th of the quarter's last month, and 19/12


def test_the_next_quarterly_report_and_the_days_left():
    assert next_report_text(SOC_TRANG, date(2025, 6, 16)) == "Báo cáo quý II: hạn 19/6/2025, còn 3 ngày"
    assert next_report_text(SOC_TRANG, date(2025, 6, 19)) == "Báo cáo quý II: hạn 19/6/2025, hôm nay"


def test_a_report_produced_gives_way_to_the_next_one_and_one_not_produced_is_late():
    assert next_report_text(SOC_TRANG, date(2025, 6, 21)) == "Báo cáo quý II: hạn 19/6/2025, quá hạn 2 ngày"
    assert next_report_text(SOC_TRANG, date(2025, 6, 21), ["2025-Q2"]) == "Báo cáo quý III: hạn 19/9/2025, còn 90 ngày"


def test_the_annual_report_stands_for_the_fourth_quarter():
    assert next_report_text(SOC_TRANG, date(2025, 10, 1), ["2025-Q3"]) == "Báo cáo năm 2025: hạn 19/12/2025, còn 79 ngày"
    assert [r.period.key for r in upcoming_reports({"quarter": 19}, date(2025, 10, 1), ["2025-Q3"])] == ["2025-Q4"]


def test_no_day_set_no_line():
    assert next_report_text({}, date(2025, 6, 16)) == ""


@pytest.mark.gui
def test_the_dashboard_says_which_report_is_due(qtbot, tmp_path):
    from conftest import show_main_window
    from kstthc_desktop.store import Store
    from test_report_word import make_province_db

    db = make_province_db(tmp_path / "k.sqlite3")
    with Store.open(db) as s:
        s.save_settings(replace(s.settings(), report_deadlines={"quarter": 19, "year": 19}))
    store = Store.open(db)
    try:
        win = show_main_window(qtbot, store, date(2025, 6, 16))
        label = win.dashboard.report_due
        assert label.isVisible() and label.text() == "Báo cáo quý II: hạn 19/6/2025, còn 3 ngày"
    finally:
        store.close()


@pytest.mark.gui
def test_the_report_dialog_shows_the_periods_deadline(qtbot, tmp_path):
    from kstthc_desktop.gui.report_dialog import ReportDialog
    from kstthc_desktop.store import Store
    from test_report_word import make_province_db

    store = Store.open(make_province_db(tmp_path / "k.sqlite3"))
    try:
        dialog = ReportDialog(store, store.plans()[0].id, date(2025, 6, 16))
        qtbot.addWidget(dialog)
        dialog.set_period("2025-Q2")
        assert dialog.due_label.text() == "Hạn nộp: 19/6/2025, còn 3 ngày"
        dialog.set_period("2025")
        assert dialog.due_label.text() == "Hạn nộp: 19/12/2025, còn 186 ngày"
    finally:
        store.close()
