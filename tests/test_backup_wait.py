"""A backup never waits for ever on a lock: it gives up after a bounded wait with one Vietnamese message, leaving
no backup file and the database as it was (``store.backup.BACKUP_WAIT``; the waits here are passed short)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from kstthc_desktop.domain import Plan, Section, Task
from kstthc_desktop.errors import UserError
from kstthc_desktop.store import Store
from kstthc_desktop.store.archive import export_backup
from kstthc_desktop.store.backup import BUSY_MESSAGE, backup_before, is_good_backup, list_backups, make_backup

NOW = datetime(2025, 3, 10, 8, 0)
SHORT = 0.3  # seconds a backup here waits for a lock


@pytest.fixture
def backups(tmp_path) -> Path:
    return tmp_path / "backups"


@pytest.fixture
def store(tmp_path, backups):
    with Store.open(tmp_path / "work" / "kstthc.sqlite3", backup_dir=backups, clock=lambda: NOW) as opened:
        opened.save_plan(Plan(sections=[Section("I", "Chỉ đạo")], tasks=[Task(section="I", stt="1", content="Báo cáo quý")]))
        yield opened


def _contents(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute("select id, content from tasks order by id").fetchall()


def _left_in(folder: Path) -> list[str]:
    """Every file a backup left in ``folder`` (a ``.part`` too)."""
    return sorted(p.name for p in folder.rglob("*") if p.is_file() and "sqlite3" in p.name) if folder.exists() else []


def _finishes(job: Callable[[], object], seconds: float) -> object:
    """``job()``'s result or exception, run in a thread the test waits for ``seconds`` at most (a hang fails)."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(job())
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"the backup still waits after {seconds} s"
    return outcome[0]


def _without_wal(path: Path) -> None:
    """Turn a database to a rollback journal: what the program works with where WAL is refused (network folder)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()


def test_a_write_left_open_on_the_store_s_connection_stops_the_backup_with_one_message(store, backups):
    before = _contents(store.conn)
    store.conn.execute("update tasks set content = 'ghi dở, chưa lưu'")  # outside store.transaction(): left open

    with pytest.raises(UserError) as raised:
        backup_before(store, "truoc-nhap", NOW, backups, wait_seconds=SHORT)

    assert raised.value.message == BUSY_MESSAGE and "chưa thay đổi gì" in BUSY_MESSAGE
    assert _left_in(backups) == [] and list_backups(store.path, backups) == []
    assert store.conn.in_transaction  # the backup neither committed nor dropped the open write
    store.conn.rollback()
    assert _contents(store.conn) == before


def test_an_import_over_a_write_left_open_is_refused_at_once_and_writes_nothing(store, backups):
    from kstthc_desktop.domain import PlanDocument
    from kstthc_desktop.operations.imports import save_import

    plans_before = len(store.plans())
    store.conn.execute("update tasks set content = 'ghi dở, chưa lưu'")
    plan = Plan(document=PlanDocument(issuer="UBND tỉnh", year=2026), sections=[Section("I", "Chỉ đạo")],
                tasks=[Task(section="I", stt="1", content="Mới")])

    # the default wait: no waiting at all, since the holder of the lock is the very thread that waits
    outcome = _finishes_here(lambda: save_import(store, plan, NOW), seconds=5)

    assert isinstance(outcome, UserError) and outcome.message == BUSY_MESSAGE
    store.conn.rollback()
    assert len(store.plans()) == plans_before and _left_in(backups) == []


def _finishes_here(job: Callable[[], object], seconds: float) -> object:
    """``job()``'s result or exception, run in this thread (the store's connection belongs to it), in time."""
    import time

    started = time.monotonic()
    try:
        result: object = job()
    except Exception as exc:  # noqa: BLE001 - handed to the test
        result = exc
    assert time.monotonic() - started < seconds
    return result


def test_another_connection_in_begin_immediate_does_not_stop_the_backup_of_a_wal_database(store, backups):
    other = sqlite3.connect(store.path, isolation_level=None, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("update tasks set content = 'của chương trình khác, chưa lưu'")

        def back_up() -> Path:
            source = sqlite3.connect(store.path, timeout=10)
            try:
                return make_backup(source, store.path, now=NOW, backup_dir=backups, wait_seconds=SHORT)
            finally:
                source.close()

        made = _finishes(back_up, 10)
    finally:
        other.rollback()
        other.close()

    assert isinstance(made, Path) and is_good_backup(made)  # WAL: readers never wait for a writer
    copy = sqlite3.connect(made)
    assert [c for _, c in _contents(copy)] == ["Báo cáo quý"]  # what was saved, not the other's unsaved write
    copy.close()


def test_another_program_s_lock_on_a_database_without_wal_stops_the_backup_after_the_wait(store, backups):
    path = store.path
    before = _contents(store.conn)
    store.close()
    _without_wal(path)
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        other.execute("BEGIN EXCLUSIVE")  # what a writer holds while it commits: readers wait
        other.execute("update tasks set content = 'của chương trình khác, chưa lưu'")

        def back_up() -> Path:
            source = sqlite3.connect(path, timeout=10)
            try:
                return make_backup(source, path, now=NOW, backup_dir=backups, wait_seconds=SHORT)
            finally:
                source.close()

        failed = _finishes(back_up, 10)
    finally:
        other.rollback()
        other.close()

    assert isinstance(failed, UserError) and failed.message == BUSY_MESSAGE
    assert _left_in(backups) == [] and list_backups(path, backups) == []
    check = sqlite3.connect(path)
    assert _contents(check) == before
    check.close()


def test_kstthc_backup_gives_up_on_another_program_s_lock_without_leaving_a_zip(store, tmp_path):
    path = store.path
    store.close()
    _without_wal(path)
    out = tmp_path / "USB" / "sao lưu.zip"
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        other.execute("BEGIN EXCLUSIVE")
        failed = _finishes(lambda: export_backup(path, out, now=NOW, wait_seconds=SHORT), 10)
    finally:
        other.rollback()
        other.close()

    assert isinstance(failed, UserError) and failed.message == BUSY_MESSAGE
    assert not out.exists() and not out.with_name(out.name + ".part").exists()
