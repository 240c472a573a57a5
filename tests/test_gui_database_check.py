"""The window opens the officer's database before SQLite's check of the whole file, and checks it just after its
first paint (gui.database_check): damage is still told, with the offer to restore, and a damaged file is neither
backed up nor written."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from damaged_databases import damage_history, demo_db

from kstthc_desktop.store import Store
from kstthc_desktop.store.backup import backup_before, list_backups

pytestmark = pytest.mark.gui

TODAY = date(2024, 12, 13)
NOW = datetime(2024, 12, 13, 8, 30)


def open_as_the_program(qtbot, db):
    """What ``kstthc`` does: open the database quietly (unchecked), then the window; shown."""
    from kstthc_desktop.gui.app import _open_quietly, _open_window_or_offer_restore, make_application

    make_application()
    store = _open_quietly(db)
    assert store is not None and store.unchecked
    window, _store = _open_window_or_offer_restore(store, TODAY, False)
    if window is not None:
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
    return window


def test_a_sound_database_is_checked_after_the_first_paint_then_backed_up(qtbot, tmp_path, answers):
    db = demo_db(tmp_path)
    window = open_as_the_program(qtbot, db)
    qtbot.waitUntil(lambda: window.database_check.problems == [])
    qtbot.waitUntil(lambda: window.daily_backup.done)
    assert window.daily_backup.error == "" and len(list_backups(db)) == 1
    assert not window.store.unchecked and answers.boxes == []
    window.close()
    window.store.close()


def test_damage_found_after_the_first_paint_offers_the_backup_and_declining_leaves_it_untouched(
        qtbot, tmp_path, answers):
    db = demo_db(tmp_path)
    damaged = damage_history(db)
    answers.answers = ["Thoát"]
    window = open_as_the_program(qtbot, db)
    assert window.dashboard.isVisible()  # the first page was read and painted
    qtbot.waitUntil(lambda: bool(answers.boxes))
    assert answers.boxes[0]["title"] == "Cơ sở dữ liệu bị hỏng" and "bị hỏng" in answers.boxes[0]["text"]
    qtbot.waitUntil(lambda: not window.isVisible())  # declined: the program leaves
    window.database_check.wait(10)
    assert db.read_bytes() == damaged
    assert list_backups(db) == []  # a damaged file is not backed up


def test_damage_found_after_the_first_paint_is_mended_by_restoring_the_newest_good_backup(
        qtbot, tmp_path, answers):
    db = demo_db(tmp_path)
    with Store.open(db) as store:
        backup_before(store, "truoc-nhap", datetime(2024, 12, 12, 17, 0))
        tasks = len(store.tasks(store.plans()[0].id))
    damage_history(db)
    answers.answers = ["Khôi phục bản sao lưu gần nhất"]
    window = open_as_the_program(qtbot, db)
    qtbot.waitUntil(lambda: any("Đã khôi phục" in text for _kind, text in answers.told))
    assert window.isVisible() and window.store.conn is not None
    assert window.store.check() == []
    assert len(window.store.tasks(window.plan_id)) == tasks == len(window.rows)
    window.close()
    window.store.close()


def test_damage_met_while_reading_the_first_page_is_told_before_any_window(qtbot, tmp_path, answers):
    import sqlite3

    db = demo_db(tmp_path)
    conn = sqlite3.connect(db)
    page, size = conn.execute("select pageno, pgsize from dbstat where name = 'tasks' and pagetype = 'leaf'"
                              " order by pageno limit 1").fetchone()
    conn.close()
    data = bytearray(db.read_bytes())
    data[(page - 1) * size:page * size] = b"\x5a" * size
    db.write_bytes(bytes(data))
    answers.answers = ["Thoát"]
    assert open_as_the_program(qtbot, db) is None
    assert answers.boxes[0]["title"] == "Cơ sở dữ liệu bị hỏng"
    assert db.read_bytes() == bytes(data)
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from kstthc_desktop.gui.main_window import MainWindow

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]  # no half-built window
