"""Backups with SQLite's online backup API: a consistent snapshot even while the program is writing.

Never a file copy of an open database (a copy taken mid-write, or without its WAL, is a damaged database).
Automatic backups go to ``paths.data_dir()/backups`` as ``<db stem>-<YYYYmmdd-HHMMSS>-<reason>.sqlite3``.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from kstthc_desktop.errors import UserError

log = logging.getLogger(__name__)


def default_backup_dir() -> Path:
    from kstthc_desktop.paths import data_dir

    return data_dir() / "backups"


def snapshot(source: sqlite3.Connection, dest_path: Path) -> Path:
    """Write a consistent copy of the database behind ``source`` to ``dest_path`` (atomically, fsynced)."""
    dest_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest_path.with_name(dest_path.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        dest = sqlite3.connect(str(tmp))
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, dest_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest_path


def make_backup(
    source: sqlite3.Connection,
    db_path: Path,
    *,
    reason: str = "tu-dong",
    now: datetime,
    backup_dir: Path | None = None,
) -> Path:
    """An automatic backup of the database into the backups folder; its path. UserError if it cannot be written."""
    folder = backup_dir or default_backup_dir()
    name = f"{db_path.stem}-{now:%Y%m%d-%H%M%S}-{reason}.sqlite3"
    target = folder / name
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{db_path.stem}-{now:%Y%m%d-%H%M%S}-{reason}-{counter}.sqlite3"
    try:
        return snapshot(source, target)
    except (OSError, sqlite3.Error) as exc:
        log.error("backup of %s to %s failed: %s", db_path, target, exc)
        raise UserError(
            f"Không tạo được bản sao lưu trong \"{folder}\" (ổ đĩa đầy hoặc không có quyền ghi); chưa thay đổi gì.",
            detail=str(exc),
        ) from exc
