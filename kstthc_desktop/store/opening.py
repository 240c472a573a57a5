"""Opening a database safely: lock, check, refuse what is damaged or too new, back up, then migrate.

A database file is only ever changed after all the checks have passed; a refused file is left untouched
(not even a WAL switch or a lock file write happens inside it). Plain sqlite3 throughout: sqlite-utils (about
60 ms to import) is loaded only when a migration is due, so the window's start-up does not pay for it.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Callable

from kstthc_desktop import __version__
from kstthc_desktop.errors import UserError
from kstthc_desktop.store.lock import DatabaseLock, LockFileRefused

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


class DamagedDatabase(UserError):
    """The file is not a database, or the database fails its integrity check."""


class NewerDatabase(UserError):
    """The database was written by a newer version of the program; this one must not touch it."""


class ReadOnlyDatabase(UserError):
    """The database file, or the folder it lies in, cannot be written here: a write-protected USB drive, a share
    one may only read, a file marked read-only. It can still be opened with ``read_only=True`` (the window does so
    at once); ``reason`` says why in a few Vietnamese words, for the window's read-only notice."""

    def __init__(self, message: str, *, reason: str, detail: str = ""):
        super().__init__(message, detail=detail)
        self.reason = reason


#: What the OS answers when a file or folder may be read but not written.
READ_ONLY_ERRORS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def write_refusal(path: Path) -> OSError | None:
    """Why the existing database at ``path`` cannot be written here (the OS's error), or None when it can.

    Changes nothing: the file is opened for writing and closed without a byte written (refused for a read-only
    file and on a read-only medium or share, even to root), then the OS is asked whether the folder takes new
    files (SQLite's -wal and -shm files and our lock file go there). ``open_store`` asks before it locks or
    touches the file; a lock file that cannot be created is caught too (``LockFileRefused``), for systems whose
    answer about folders is not to be trusted (Windows ignores a share's rights in ``os.access``)."""
    try:
        with open(path, "r+b"):
            pass
    except OSError as exc:
        return exc if exc.errno in READ_ONLY_ERRORS else None
    if not os.access(path.parent, os.W_OK):
        return PermissionError(errno.EACCES, "the folder cannot be written", str(path.parent))
    return None


def read_only_error(path: Path, refusal: OSError) -> ReadOnlyDatabase:
    """The message for a database that may only be read: the medium or folder, or the file itself."""
    if refusal.errno == errno.EROFS or refusal.filename in (str(path.parent), path.parent):
        reason = "ổ đĩa hoặc thư mục chứa cơ sở dữ liệu chỉ cho phép đọc"
        example = "ví dụ USB đã gạt khóa chống ghi, thư mục dùng chung chỉ được đọc"
    else:
        reason = "tệp cơ sở dữ liệu chỉ cho phép đọc"
        example = "tệp được đánh dấu chỉ đọc, hoặc bạn không có quyền ghi vào tệp"
    return ReadOnlyDatabase(
        f"Không ghi được vào cơ sở dữ liệu \"{path.name}\": {reason} ({example}); chỉ mở được để xem.",
        reason=reason, detail=str(refusal),
    )


def looks_like_sqlite(path: Path) -> bool:
    """True for an SQLite file (or an empty one, which SQLite treats as a new database)."""
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    return head == b"" or head == SQLITE_HEADER


def damaged_message(path: Path) -> str:
    return (
        f"Tệp \"{path.name}\" không phải là cơ sở dữ liệu KSTTHC hoặc đã bị hỏng; "
        "hãy khôi phục từ bản sao lưu gần nhất."
    )


def connect(path: Path, *, read_only: bool = False, write_settings: bool = True,
            immutable: bool = False) -> sqlite3.Connection:
    """A connection with our settings: foreign keys on, WAL, full sync; read-only through a URI (``immutable``:
    read the file as it is, without SQLite's -shm file or locks: only for a medium nobody can write)."""
    if read_only:
        extra = "&immutable=1" if immutable else ""
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{extra}", uri=True, timeout=10)
    else:
        conn = sqlite3.connect(str(path), timeout=10)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA recursive_triggers=ON")  # what sqlite-utils' Database sets, so both behave alike
    if not read_only and write_settings:
        use_wal(conn, path)
    return conn


def use_wal(conn: sqlite3.Connection, path: Path) -> None:
    """WAL (readers never block the writer, a crash never leaves a half-written page) and full sync."""
    mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        log.warning("journal_mode WAL refused (%s) for %s", mode, path)
    conn.execute("PRAGMA synchronous=FULL")


def check_database(conn: sqlite3.Connection, *, full: bool = False) -> list[str]:
    """Problems SQLite finds (``quick_check``, or ``integrity_check`` when ``full``); [] when the file is sound."""
    pragma = "integrity_check" if full else "quick_check"
    rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
    if rows == ["ok"]:
        rows = []
    if full:
        rows += [f"foreign key: {r}" for r in conn.execute("PRAGMA foreign_key_check").fetchall()]
    return rows


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    from kstthc_desktop.store.versions import MIGRATION_SET

    try:
        return [
            r[0]
            for r in conn.execute(
                "select name from _sqlite_migrations where migration_set = ? order by rowid", [MIGRATION_SET]
            )
        ]
    except sqlite3.OperationalError:  # no migrations table: a new, empty database
        return []


def _user_tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("select name from sqlite_master where type='table' and name not like 'sqlite_%'")]


def open_store(
    cls,
    path: Path,
    *,
    create: bool,
    clock: Callable[[], datetime],
    read_only: bool,
    lock: bool,
    backup_dir: Path | None,
):
    from kstthc_desktop.store.versions import KNOWN_MIGRATIONS

    path = Path(path)
    try:
        exists = path.exists()
        if exists and not path.is_file():
            raise UserError(f"\"{path}\" không phải là một tệp cơ sở dữ liệu.")
        if not exists:
            if not create or read_only:
                raise UserError(f"Không tìm thấy tệp cơ sở dữ liệu \"{path}\".")
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not looks_like_sqlite(path):
            raise DamagedDatabase(damaged_message(path))
    except OSError as exc:
        raise UserError(f"Không mở được \"{path}\": không có quyền hoặc thư mục không ghi được.", detail=str(exc)) from exc

    if exists and not read_only:  # a read-only medium, share or file: say so before anything is tried
        refusal = write_refusal(path)
        if refusal is not None:
            raise read_only_error(path, refusal)
    try:
        held = DatabaseLock(path).acquire() if (lock and not read_only) else None
    except LockFileRefused as exc:
        cause = exc.__cause__
        if exists and isinstance(cause, OSError) and cause.errno in READ_ONLY_ERRORS:
            raise read_only_error(path, PermissionError(cause.errno, str(cause), str(path.parent))) from cause
        raise
    conn: sqlite3.Connection | None = None
    try:
        try:
            conn = connect(path, read_only=read_only, write_settings=False)
            try:
                problems = check_database(conn)
            except sqlite3.OperationalError as exc:
                if not (read_only and "unable to open" in str(exc).lower()):
                    raise
                # A WAL database on a medium that may only be read, with no -shm file beside it: SQLite can
                # neither use nor make one, so read the file as it is (nobody can change it there).
                conn.close()
                conn = None
                conn = connect(path, read_only=True, immutable=True)
                problems = check_database(conn)
                wal = path.with_name(path.name + "-wal")
                if wal.exists() and wal.stat().st_size:
                    log.warning("%s opened immutable: the changes in %s are not seen", path, wal)
                log.info("%s opened immutable (read-only medium without a -shm file)", path)
        except sqlite3.DatabaseError as exc:
            if "readonly" in str(exc).lower() or "unable to open" in str(exc).lower():
                raise UserError(
                    f"Không mở được cơ sở dữ liệu \"{path.name}\" để ghi (thư mục hoặc tệp chỉ cho phép đọc).",
                    detail=str(exc),
                ) from exc
            raise DamagedDatabase(damaged_message(path), detail=str(exc)) from exc
        if problems:
            log.error("database %s failed quick_check: %s", path, problems[:5])
            raise DamagedDatabase(damaged_message(path), detail="; ".join(problems[:5]))

        applied = applied_migrations(conn)
        unknown = [name for name in applied if name not in KNOWN_MIGRATIONS]
        if unknown or len(applied) > len(KNOWN_MIGRATIONS):
            raise NewerDatabase(
                f"Cơ sở dữ liệu \"{path.name}\" được tạo bởi phiên bản mới hơn của chương trình; "
                "hãy cập nhật KSTTHC Desktop để mở nó (tệp được giữ nguyên)."
            )
        if not applied and _user_tables(conn):
            raise DamagedDatabase(
                f"Tệp \"{path.name}\" là một cơ sở dữ liệu SQLite nhưng không phải của KSTTHC Desktop; chương trình không mở nó."
            )
        if not read_only:  # only now, with the file known sound and ours, change anything in it
            use_wal(conn, path)
        pending = [name for name in KNOWN_MIGRATIONS if name not in applied]
        if pending:
            if read_only:
                raise UserError(
                    f"Cơ sở dữ liệu \"{path.name}\" cần được nâng cấp trước; không thể mở ở chế độ chỉ đọc."
                )
            if applied:  # an older program's database: keep a copy of it as it was
                from kstthc_desktop.store.backup import make_backup

                backup = make_backup(conn, path, reason="truoc-nang-cap", now=clock(), backup_dir=backup_dir)
                log.info("backed up %s before migrating it to %s: %s", path, KNOWN_MIGRATIONS[-1], backup)
            from sqlite_utils import Database

            from kstthc_desktop.store.schema import migrations

            try:
                migrations.apply(Database(conn))
            except sqlite3.DatabaseError as exc:
                raise UserError(f"Không nâng cấp được cơ sở dữ liệu \"{path.name}\".", detail=str(exc)) from exc
        store = cls(conn, path, clock=clock, read_only=read_only)
        store._lock = held
        store.backup_dir = backup_dir
        if held is not None:  # unfinished copies of a crashed program; nobody else can be writing them now
            from kstthc_desktop.store.files import leftover_temp_files

            for leftover in leftover_temp_files(store.files_dir):
                leftover.unlink(missing_ok=True)
        if not read_only and store.meta("program_version") != __version__:
            from kstthc_desktop.store.store import atomic

            with atomic(conn):
                store._set_meta("program_version", __version__)
                store._set_meta("schema_version", str(len(KNOWN_MIGRATIONS)))
        return store
    except BaseException as exc:
        if conn is not None:
            conn.close()
        if held is not None:
            held.release()
        if isinstance(exc, sqlite3.DatabaseError):  # after the checks: a read-only or full disk, most likely
            from kstthc_desktop.store.store import _db_write_error

            error = _db_write_error(exc)
            raise UserError(f"Không mở được cơ sở dữ liệu \"{path.name}\". {error.message}", detail=str(exc)) from exc
        raise
