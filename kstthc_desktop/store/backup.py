"""Automatic backups with SQLite's online backup API: a consistent snapshot even while the program is writing.

Never a file copy of an open database (a copy taken mid-write, or without its WAL, is a damaged database).
Automatic backups go to ``paths.data_dir()/backups`` as ``<db stem>-<id>-<YYYYmmdd-HHMMSS>-<reason>.sqlite3``
(``<id>``: the first 12 hex digits of the database's identity, ``store.identity``; two databases of the same name
never share, or rotate away, each other's backups; backups of the older form without an id are listed for a
database without one, offered when it has none of its own, and never rotated):
once a day when the program opens (``backup_if_due``), and always before an import, a re-import, a restore or
a migration (``backup_before``). ``keep_backups`` decides which to keep: the last 10, plus the newest of each
of the last 8 weeks. They hold the database only; evidence files are never deleted by the program except by
the officer's own "dọn tệp" (``Store.remove_orphans``), so a restored automatic backup finds its files.

A backup waits at most ``BACKUP_WAIT`` seconds for a lock (Python's ``Connection.backup`` alone retries a busy
database for ever): a write transaction left open on the very connection it reads (never ends while the backup
waits in the same thread) or another program's lock on a database without WAL ends in one Vietnamese UserError,
with no backup file left and the database untouched.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Protocol

from kstthc_desktop.errors import UserError


class BackupSource(Protocol):
    """What a backup reads: a Store, or the bare read-only connection the daily backup opens in its thread."""

    conn: sqlite3.Connection
    path: Path

log = logging.getLogger(__name__)

KEEP_LAST = 10
KEEP_WEEKS = 8
AUTO_INTERVAL = timedelta(days=1)

#: Seconds a backup waits for another writer's lock before it gives up. A writer of this program holds its lock
#: for one transaction (well under a second, even an import of a plan), and in WAL mode a reader never waits for
#: a writer at all; a wait happens with a database whose WAL was refused (a network folder) while another program
#: writes it. 15 s is more than the 10 s every connection of the program waits for a lock (a backup is never the
#: first to give up on a writer the program itself would wait for), and well below the 60 s the window's close
#: waits for the daily backup: closing never cuts a backup off, and the officer is not left without a word.
BACKUP_WAIT = 15.0

BUSY_MESSAGE = ("Không tạo được bản sao lưu vì cơ sở dữ liệu đang có một thao tác ghi chưa xong (của chương trình "
                "này hoặc một chương trình khác đang mở tệp); chưa thay đổi gì, hãy thử lại sau ít phút hoặc "
                "khởi động lại chương trình.")
_BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


class _GaveUp(Exception):
    """Raised from the backup's progress callback: ``Connection.backup`` then stops and frees the copy."""


def busy_error(exc: BaseException) -> UserError | None:
    """The Vietnamese UserError for a backup stopped by a lock ("database is locked"), or None for another error."""
    return _busy(exc) if getattr(exc, "sqlite_errorcode", None) in _BUSY_CODES else None


def _busy(exc: BaseException) -> UserError:
    return UserError(BUSY_MESSAGE, detail=str(exc))


@contextmanager
def _lock_wait_at_most(conn: sqlite3.Connection, seconds: float) -> Iterator[None]:
    """Cap ``conn``'s busy timeout (SQLite's own wait for a lock inside one backup step) at ``seconds``, and put
    it back afterwards: the connection is the store's own, whose writes keep their 10 s."""
    before = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
    conn.execute(f"PRAGMA busy_timeout={min(before, max(int(seconds * 1000), 0))}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA busy_timeout={before}")


def _copy_within(source: sqlite3.Connection, dest: sqlite3.Connection, wait_seconds: float) -> None:
    """``source.backup(dest)``, given up (``_GaveUp``) once it has waited ``wait_seconds`` for a lock, or at once
    when ``source`` itself is in a write transaction: the backup waits in the thread that would end it."""
    give_up_at = time.monotonic() + wait_seconds

    def progress(status: int, remaining: int, total: int) -> None:
        if status in _BUSY_CODES and (source.in_transaction or time.monotonic() >= give_up_at):
            raise _GaveUp(f"database locked (status {status}, open transaction: {source.in_transaction}, "
                          f"waited up to {wait_seconds:g} s)")

    with _lock_wait_at_most(source, wait_seconds):
        source.backup(dest, progress=progress)


def default_backup_dir() -> Path:
    from kstthc_desktop.paths import data_dir

    return data_dir() / "backups"


def snapshot(source: sqlite3.Connection, dest_path: Path, *, wait_seconds: float = BACKUP_WAIT) -> Path:
    """Write a consistent copy of the database behind ``source`` to ``dest_path`` (atomically, fsynced; the
    ``.part`` it is written as is noted, so a killed run's is removed at the next start). UserError
    (``BUSY_MESSAGE``) after ``wait_seconds`` of waiting for a lock, with nothing written at ``dest_path``."""
    from kstthc_desktop.store.workdirs import pending_file

    dest_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest_path.with_name(dest_path.name + ".part")
    tmp.unlink(missing_ok=True)
    with pending_file(tmp):
        try:
            dest = sqlite3.connect(str(tmp))
            try:
                _copy_within(source, dest, wait_seconds)
                dest.execute("PRAGMA journal_mode=DELETE")
            finally:
                dest.close()
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, dest_path)
        except _GaveUp as exc:
            tmp.unlink(missing_ok=True)
            log.error("backup of the database to %s given up: %s", dest_path, exc)
            raise _busy(exc) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return dest_path


@dataclass(frozen=True)
class BackupInfo:
    """One automatic backup file: when it was taken and why ("tu-dong", "truoc-nhap", …)."""

    path: Path
    taken_at: datetime
    reason: str
    legacy: bool = False  # named without a database id (an older program's): whose it is cannot be told


def backup_name(db_path: Path, now: datetime, reason: str, identity: str | None = None) -> str:
    from kstthc_desktop.store.identity import short

    middle = f"-{short(identity)}" if identity else ""
    return f"{db_path.stem}{middle}-{now:%Y%m%d-%H%M%S}-{reason}.sqlite3"


_TAIL = r"-(\d{8}-\d{6})-([a-z][a-z-]*?)(?:-\d+)?\.sqlite3$"


def _scan(folder: Path, pattern: re.Pattern[str], legacy: bool) -> list[BackupInfo]:
    found: list[BackupInfo] = []
    if not folder.is_dir():
        return found
    for item in folder.iterdir():
        match = pattern.match(item.name)
        if match and item.is_file():
            try:
                taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
            except ValueError:
                continue
            found.append(BackupInfo(item, taken, match.group(2), legacy))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def list_backups(db_path: Path, backup_dir: Path | None = None, identity: str | None = None) -> list[BackupInfo]:
    """The automatic backups of this database (by its identity, read from it or as remembered), newest first.

    A database without an identity (an older program's, not yet opened by this one) gets the older backups of
    its file name, as before."""
    from kstthc_desktop.store.identity import identity_of, short

    folder = backup_dir or default_backup_dir()
    identity = identity or identity_of(Path(db_path), folder)
    if identity is None:
        return legacy_backups(db_path, folder)
    return _scan(folder, re.compile(rf"^.+-{re.escape(short(identity))}{_TAIL}"), legacy=False)


def legacy_backups(db_path: Path, backup_dir: Path | None = None) -> list[BackupInfo]:
    """Backups an older program took of a database of this file name (no identity in their name)."""
    folder = backup_dir or default_backup_dir()
    return _scan(folder, re.compile(rf"^{re.escape(Path(db_path).stem)}{_TAIL}"), legacy=True)


def make_backup(
    source: sqlite3.Connection,
    db_path: Path,
    *,
    reason: str = "tu-dong",
    now: datetime,
    backup_dir: Path | None = None,
    wait_seconds: float = BACKUP_WAIT,
) -> Path:
    """A backup of the database into the backups folder, named with its identity; its path. UserError (saying
    "ổ đĩa đầy" for a full disk, ``BUSY_MESSAGE`` after ``wait_seconds`` of waiting for a lock) if it cannot be
    written."""
    from kstthc_desktop.store.identity import identity_in, remember
    from kstthc_desktop.store.media import medium_error

    folder = backup_dir or default_backup_dir()
    with _lock_wait_at_most(source, wait_seconds):  # reading the identity waits no longer than the copy
        identity = identity_in(source)
    target = folder / backup_name(db_path, now, reason, identity)
    counter = 1
    while target.exists():
        counter += 1
        target = folder / backup_name(db_path, now, f"{reason}-{counter}", identity)
    try:
        path = snapshot(source, target, wait_seconds=wait_seconds)
    except (OSError, sqlite3.Error) as exc:
        log.error("backup of %s to %s failed: %s", db_path, target, exc)
        error = busy_error(exc) or medium_error(exc, folder, prefix="Không tạo được bản sao lưu; chưa thay đổi gì.")
        raise (error or UserError(
            f"Không tạo được bản sao lưu trong \"{folder}\" (không có quyền ghi?); chưa thay đổi gì.",
            detail=str(exc))) from exc
    if identity:
        remember(db_path, identity, folder)
    log.info("backup of %s (%s): %s", db_path, reason, path)
    return path


def keep_backups(
    taken: Iterable[datetime], today: date, *, keep_last: int = KEEP_LAST, weeks: int = KEEP_WEEKS
) -> set[datetime]:
    """Which backups to keep: the ``keep_last`` newest, and the newest one of each of the last ``weeks`` weeks.

    Weeks are calendar weeks (Monday to Sunday): the newest backup of a past week stays the newest of it, so
    rotating every day keeps a steady one-per-week trail. A pure function: tested on lists of dates.
    """
    ordered = sorted(set(taken), reverse=True)
    keep = set(ordered[:keep_last])
    this_monday = today - timedelta(days=today.weekday())
    newest_in_week: dict[int, datetime] = {}
    for moment in ordered:
        monday = moment.date() - timedelta(days=moment.weekday())
        week = (this_monday - monday).days // 7
        if 0 <= week < weeks and week not in newest_in_week:
            newest_in_week[week] = moment
    return keep | set(newest_in_week.values())


def rotate_backups(db_path: Path, today: date, backup_dir: Path | None = None,
                   identity: str | None = None) -> list[Path]:
    """Delete the automatic backups of this database (its identity's only) ``keep_backups`` does not keep; the
    deleted paths. Backups without an identity are never deleted: whose they are cannot be told."""
    backups = [b for b in list_backups(db_path, backup_dir, identity) if not b.legacy]
    keep = keep_backups([b.taken_at for b in backups], today)
    removed = []
    for backup in backups:
        if backup.taken_at in keep:
            continue
        try:
            backup.path.unlink()
            removed.append(backup.path)
        except OSError as exc:
            log.warning("could not remove old backup %s: %s", backup.path, exc)
    return removed


def backup_before(store: BackupSource, reason: str, now: datetime, backup_dir: Path | None = None, *,
                  wait_seconds: float = BACKUP_WAIT) -> Path:
    """Always back up before a risky action (``reason``: "truoc-nhap", "truoc-nhap-lai", "truoc-khoi-phuc")."""
    from kstthc_desktop.store.identity import identity_in

    backup_dir = backup_dir or getattr(store, "backup_dir", None)
    path = make_backup(store.conn, store.path, reason=reason, now=now, backup_dir=backup_dir,
                       wait_seconds=wait_seconds)
    rotate_backups(store.path, now.date(), backup_dir, identity_in(store.conn))
    return path


def backup_if_due(store: BackupSource, now: datetime, backup_dir: Path | None = None, *,
                  wait_seconds: float = BACKUP_WAIT) -> Path | None:
    """The daily backup the program takes on opening: made when a day has passed since the newest backup."""
    from kstthc_desktop.store.identity import identity_in

    backup_dir = backup_dir or getattr(store, "backup_dir", None)
    with _lock_wait_at_most(store.conn, wait_seconds):
        identity = identity_in(store.conn)
    backups = list_backups(store.path, backup_dir, identity)
    if backups and now - backups[0].taken_at < AUTO_INTERVAL and backups[0].taken_at <= now:
        return None
    path = make_backup(store.conn, store.path, reason="tu-dong", now=now, backup_dir=backup_dir,
                       wait_seconds=wait_seconds)
    rotate_backups(store.path, now.date(), backup_dir, identity)
    return path


def is_good_backup(path: Path) -> bool:
    """A backup that passes quick_check and was written by a schema this program knows."""
    from kstthc_desktop.store.opening import applied_migrations, looks_like_sqlite
    from kstthc_desktop.store.versions import KNOWN_MIGRATIONS

    try:
        if not looks_like_sqlite(path):
            return False
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                return False
            applied = applied_migrations(conn)
            return bool(applied) and all(name in KNOWN_MIGRATIONS for name in applied)
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False


def newest_good_backup(db_path: Path, backup_dir: Path | None = None) -> BackupInfo | None:
    """The newest sound automatic backup of this database (its identity's; an older program's backup of the same
    file name only when it has none): what the program offers when the database is damaged."""
    own = list_backups(Path(db_path), backup_dir)
    for backups in (own, [] if any(b.legacy for b in own) else legacy_backups(Path(db_path), backup_dir)):
        for backup in backups:
            if is_good_backup(backup.path):
                return backup
    return None


def files_used_by_backups(db_path: Path, backup_dir: Path | None = None) -> set[str]:
    """The evidence files (by SHA-256) the kept automatic backups of this database refer to."""
    used: set[str] = set()
    own = list_backups(Path(db_path), backup_dir)
    for backup in own + ([] if any(b.legacy for b in own) else legacy_backups(Path(db_path), backup_dir)):
        try:
            conn = sqlite3.connect(f"{backup.path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                used.update(r[0] for r in conn.execute("select distinct file_sha256 from evidence where file_sha256 != ''"))
            finally:
                conn.close()
        except sqlite3.Error as exc:
            log.warning("could not read backup %s: %s", backup.path, exc)
    return used
