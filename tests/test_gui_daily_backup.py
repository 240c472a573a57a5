"""The daily automatic backup when the program opens (issue 6 §1): after the first paint, off the GUI thread."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

TODAY = date(2025, 3, 10)


def _open_program(qtbot, db, now, *, demo=False):
    from kstthc_desktop.gui.app import make_application, open_main_window
    from kstthc_desktop.store import Store

    make_application()
    store = Store.open(db, lock=not demo)
    win = open_main_window(store, TODAY, demo=demo, now=now)
    qtbot.addWidget(win)
    assert win.daily_backup is None or win.daily_backup._thread is None  # nothing before the first paint
    win.show()
    qtbot.waitExposed(win)
    return win


def _close(win):
    win.close()
    win.store.close()


def test_opening_a_day_after_the_last_backup_makes_one_and_a_second_opening_that_day_does_not(qtbot, tmp_path):
    from kstthc_desktop.store import Store
    from kstthc_desktop.store.backup import is_good_backup, list_backups, make_backup

    db = tmp_path / "kstthc.sqlite3"
    Store.open(db).close()
    now = datetime(2025, 3, 10, 8, 30)
    conn = sqlite3.connect(db)
    make_backup(conn, db, now=now - timedelta(days=1, minutes=5), reason="tu-dong")
    conn.close()
    assert len(list_backups(db)) == 1

    win = _open_program(qtbot, db, now)
    qtbot.waitUntil(lambda: win.daily_backup.done, timeout=15000)
    backups = list_backups(db)
    assert len(backups) == 2
    assert (backups[0].taken_at, backups[0].reason) == (now, "tu-dong") and is_good_backup(backups[0].path)
    assert "sao lưu tự động" in win.statusBar().currentMessage().lower()
    _close(win)

    again = _open_program(qtbot, db, now + timedelta(hours=6))
    qtbot.waitUntil(lambda: again.daily_backup.done, timeout=15000)
    assert again.daily_backup.result is None and not again.daily_backup.error
    assert len(list_backups(db)) == 2
    _close(again)


def test_the_demo_s_throwaway_database_is_not_backed_up(qtbot, tmp_path):
    from kstthc_desktop.store import Store
    from kstthc_desktop.store.backup import list_backups

    db = tmp_path / "demo.sqlite3"
    Store.open(db).close()
    win = _open_program(qtbot, db, datetime(2025, 3, 10, 8, 30), demo=True)
    qtbot.wait(50)
    assert win.daily_backup is None and list_backups(db) == []
    _close(win)
