"""A database that cannot be written here (a write-protected USB drive, a read-only share, a read-only file) is
recognised before anything is tried (``ReadOnlyDatabase``, opened read-only by the window), and can be read.

The tests run as root in CI, and root ignores file permissions (chmod 444 stops nobody), so the OS's refusals
are simulated where they come from: the writability probe (``opening.write_refusal``), the ``open`` it calls,
``os.access`` and the lock file's ``os.open``. One test uses a real read-only mount when it may make one.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from kstthc_desktop.domain import Plan, Task
from kstthc_desktop.store import ReadOnlyDatabase, Store
from kstthc_desktop.store import lock as lockmod
from kstthc_desktop.store import opening


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "usb" / "kstthc.sqlite3"
    with Store.open(path, backup_dir=tmp_path / "b") as store:
        store.save_plan(Plan(tasks=[Task(content="Nhiệm vụ một")]))
    for leftover in path.parent.glob("*.lock"):
        leftover.unlink()
    return path


def _fingerprint(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_read_only_medium_is_named_and_nothing_is_touched(db, monkeypatch):
    before = _fingerprint(db.parent)
    monkeypatch.setattr(opening, "write_refusal",
                        lambda path: OSError(errno.EROFS, "Read-only file system", str(path)))
    with pytest.raises(ReadOnlyDatabase) as caught:
        Store.open(db)
    assert "ổ đĩa hoặc thư mục chứa cơ sở dữ liệu chỉ cho phép đọc" in caught.value.message
    assert "chỉ mở được để xem" in caught.value.message
    assert caught.value.reason == "ổ đĩa hoặc thư mục chứa cơ sở dữ liệu chỉ cho phép đọc"
    assert _fingerprint(db.parent) == before  # no lock file, no WAL switch, nothing
    with Store.open(db, read_only=True) as reader:  # and it can be read
        assert [t.content for t in reader.tasks(reader.plans()[0].id)] == ["Nhiệm vụ một"]


def test_the_probe_tells_a_read_only_file_from_a_read_only_folder(db, monkeypatch):
    assert opening.write_refusal(db) is None  # a writable database in a writable folder

    def read_only_file(path, mode="r", *args, **kwargs):
        if Path(path) == db and "+" in mode:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return open(path, mode, *args, **kwargs)

    monkeypatch.setattr(opening, "open", read_only_file, raising=False)  # what a read-only file answers
    with pytest.raises(ReadOnlyDatabase) as caught:
        Store.open(db)
    assert caught.value.reason == "tệp cơ sở dữ liệu chỉ cho phép đọc"
    monkeypatch.undo()

    monkeypatch.setattr(opening.os, "access", lambda path, mode: Path(path) != db.parent)  # the folder
    with pytest.raises(ReadOnlyDatabase) as caught:
        Store.open(db)
    assert caught.value.reason.startswith("ổ đĩa hoặc thư mục")
    monkeypatch.undo()
    Store.open(db).close()  # nothing was left locked or changed


def test_a_lock_file_that_cannot_be_made_is_a_read_only_folder(db, monkeypatch):
    """Windows does not tell a read-only share in os.access; creating the lock file then fails."""
    real_open = os.open

    def refuse_lock(path, flags, *args):
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Access is denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(lockmod.os, "open", refuse_lock)
    with pytest.raises(ReadOnlyDatabase, match="chỉ cho phép đọc"):
        Store.open(db)
    with pytest.raises(Exception, match="tệp khóa"):  # a new database there: the old message, not read-only
        Store.open(db.with_name("moi.sqlite3"))


def test_a_wal_database_without_its_shm_file_on_a_read_only_medium_is_read_as_it_is(db, monkeypatch):
    """SQLite cannot make the -shm file on a read-only medium: the first read fails with "unable to open";
    the file is then read as it is (immutable)."""
    calls = []
    real_connect, real_check = opening.connect, opening.check_database

    def connect(path, **kwargs):
        calls.append(kwargs)
        return real_connect(path, **kwargs)

    def check(conn, **kwargs):
        if len(calls) == 1:
            raise sqlite3.OperationalError("unable to open database file")
        return real_check(conn, **kwargs)

    monkeypatch.setattr(opening, "connect", connect)
    monkeypatch.setattr(opening, "check_database", check)
    with Store.open(db, read_only=True) as reader:
        assert [t.content for t in reader.tasks(reader.plans()[0].id)] == ["Nhiệm vụ một"]
    assert calls[-1].get("immutable") is True


def _can_mount() -> bool:
    return (os.name == "posix" and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount")
            and os.environ.get("KSTTHC_NO_MOUNT") is None)


@pytest.mark.skipif(not _can_mount(), reason="needs root and mount for a real read-only medium")
def test_a_real_read_only_mount(tmp_path):
    medium = tmp_path / "usb"
    medium.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(medium)], capture_output=True).returncode:
        pytest.skip("mount is not allowed here")
    try:
        db = medium / "kstthc.sqlite3"
        with Store.open(db, backup_dir=tmp_path / "b") as store:
            store.save_plan(Plan(tasks=[Task(content="Trên USB")]))
        for leftover in medium.glob("*.lock"):
            leftover.unlink()
        subprocess.run(["mount", "-o", "remount,ro", str(medium)], check=True)
        assert opening.write_refusal(db) is not None
        with pytest.raises(ReadOnlyDatabase, match="ổ đĩa hoặc thư mục"):
            Store.open(db)
        with Store.open(db, read_only=True) as reader:  # no -shm file there: read as it is
            assert [t.content for t in reader.tasks(reader.plans()[0].id)] == ["Trên USB"]
    finally:
        subprocess.run(["umount", str(medium)], capture_output=True)
