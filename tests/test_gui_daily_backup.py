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


def _without_wal_held_by_another_program(qtbot, db, now, monkeypatch):
    """The program open on a database whose WAL was refused (a network folder), its opening backup done; then
    another program takes the lock its writers hold while they commit (readers wait for it)."""
    from kstthc_desktop.store import opening
    from kstthc_desktop.store.backup import make_backup

    monkeypatch.setattr(opening, "use_wal", lambda conn, path: None)
    from kstthc_desktop.store import Store

    Store.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=DELETE")
    make_backup(conn, db, now=now - timedelta(hours=1), reason="tu-dong")  # none due at opening
    conn.close()
    win = _open_program(qtbot, db, now)
    qtbot.waitUntil(lambda: win.daily_backup.done, timeout=15000)
    other = sqlite3.connect(db, isolation_level=None, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    return win, other


def _backups_folder_files(db):
    from kstthc_desktop.store.backup import default_backup_dir

    return sorted(p.name for p in default_backup_dir().iterdir() if "sqlite3" in p.name)


def test_a_daily_backup_that_cannot_get_the_lock_gives_up_and_says_so_in_the_status_bar(qtbot, tmp_path, monkeypatch):
    from kstthc_desktop.gui.auto_backup import daily_backup
    from kstthc_desktop.store.backup import BUSY_MESSAGE

    db = tmp_path / "kstthc.sqlite3"
    now = datetime(2025, 3, 10, 8, 30)
    win, other = _without_wal_held_by_another_program(qtbot, db, now, monkeypatch)
    before = _backups_folder_files(db)
    try:
        job = daily_backup(win, win.store, now + timedelta(days=1), wait_seconds=0.3)
        job.start()
        qtbot.waitUntil(lambda: job.done, timeout=10000)
    finally:
        other.rollback()
        other.close()
    assert job.result is None and job.error == BUSY_MESSAGE
    assert win.statusBar().currentMessage() == f"Sao lưu tự động: {BUSY_MESSAGE}"
    assert _backups_folder_files(db) == before  # no new backup, no .part
    _close(win)


def test_closing_the_window_while_the_daily_backup_waits_for_a_lock_does_not_hang(qtbot, tmp_path, monkeypatch,
                                                                                  caplog):
    import logging

    from kstthc_desktop.gui.auto_backup import daily_backup
    from kstthc_desktop.store.backup import BUSY_MESSAGE

    db = tmp_path / "kstthc.sqlite3"
    now = datetime(2025, 3, 10, 8, 30)
    win, other = _without_wal_held_by_another_program(qtbot, db, now, monkeypatch)
    try:
        with caplog.at_level(logging.WARNING, logger="kstthc_desktop"):
            job = daily_backup(win, win.store, now + timedelta(days=1), wait_seconds=0.5)
            job.start()
            qtbot.waitUntil(lambda: job._thread is not None)
            win.close()  # what gui.app does next: wait for the backup (60 s at most), then leave
            job.wait(10)
    finally:
        other.rollback()
        other.close()
    assert not job._thread.is_alive()
    assert BUSY_MESSAGE in caplog.text  # the officer's log says why there is no backup today
    win.store.close()
