"""One program per database: a second program is told so and does not write; a crash never leaves it stuck."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kstthc_desktop.domain import Plan, ProgressEntry, Task
from kstthc_desktop.errors import UserError
from kstthc_desktop.store import DatabaseLocked, Store
from kstthc_desktop.store.lock import is_locked, lock_path_for

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "kstthc.sqlite3"
    with Store.open(path, backup_dir=tmp_path / "b") as store:
        store.save_plan(Plan(tasks=[Task(content="Báo cáo quý")]))
    return path


def test_a_second_opener_is_told_the_database_is_in_use(db):
    with Store.open(db):
        with pytest.raises(DatabaseLocked, match="đang được mở bởi một chương trình KSTTHC khác"):
            Store.open(db)
        assert is_locked(db)
    assert not is_locked(db)
    Store.open(db).close()  # closing released it


def test_database_locked_is_a_user_error():
    assert issubclass(DatabaseLocked, UserError)


def test_the_second_program_may_read_but_not_write(db):
    with Store.open(db) as first:
        with Store.open(db, read_only=True) as second:
            task_id = second.tasks(second.plans()[0].id)[0].id
            with pytest.raises(UserError, match="chỉ đọc"):
                second.add_progress(ProgressEntry(task_id, date(2025, 1, 2), "x", "2025-Q1"))
            first.add_progress(ProgressEntry(task_id, date(2025, 1, 2), "ghi bởi chương trình thứ nhất", "2025-Q1"))
            assert [p.text for p in second.progress()] == ["ghi bởi chương trình thứ nhất"]


def test_a_leftover_lock_file_does_not_block(db):
    """The lock is the OS lock on the open file, not the file's existence."""
    lock_path_for(db).write_text("12345\n")
    Store.open(db).close()


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_a_killed_program_does_not_leave_the_database_locked(db):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from kstthc_desktop.store import Store\n"
         f"s = Store.open({str(db)!r})\n"
         "print('open', flush=True)\n"
         "time.sleep(60)\n"],
        stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout.readline().strip() == b"open"
        with pytest.raises(DatabaseLocked):
            Store.open(db)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        holder.stdout.close()
    with Store.open(db) as store:  # at once: the OS dropped the dead program's lock
        assert store.plans()
