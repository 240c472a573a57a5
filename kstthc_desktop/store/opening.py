"""Opening a database safely: lock, check, refuse what is damaged or too new, back up, then migrate.

A database file is only ever changed after all the checks have passed; a refused file is left untouched
(not even a WAL switch or a lock file write happens inside it). Plain sqlite3 throughout: sqlite-utils (about
60 ms to import) is loaded only when a migration is due, so the window's start-up does not pay for it.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kstthc_desktop import __version__
from kstthc_desktop.errors import UserError
from kstthc_desktop.store.lock import LockFileRefused

if TYPE_CHECKING:
    from kstthc_desktop.store.lock import DatabaseLock
    from kstthc_desktop.store.store import Store

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
    """True for a file that begins with SQLite's header. An empty (0-byte) or header-less file is not one: a file
    that exists is opened or refused, never silently made into a new, empty database."""
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    return head == SQLITE_HEADER


class MissingDatabase(UserError):
    """No database at a path where one was (its lock file, -wal or evidence folder are still there): the program
    does not make a fresh, empty one in its place; the newest good backup is offered instead."""


def was_here(path: Path) -> bool:
    """Whether a database lived at ``path``: what a database leaves beside itself is still there."""
    beside = (path.with_name(path.name + suffix) for suffix in (".lock", "-wal", "-shm"))
    return any(p.exists() for p in beside)


@contextlib.contextmanager
def inspection_connection(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only look at the database that changes no byte of it, its -wal or its -shm.

    Without a -wal (every normal start: the last connection's close merges and removes it) the file is read as
    it is (``immutable=1``: no locks, no -shm). With a leftover -wal (or a hot -journal) after a crash, SQLite
    would merge (or roll back) it, and a refused file would be changed for ever: the file and its -wal are copied
    aside and the copy is read. The caller holds the lock, so nobody writes the file meanwhile."""
    beside = [p for p in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-journal"))
              if p.exists() and p.stat().st_size > 0]  # a -wal, or a hot journal to roll back
    if not beside:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            yield conn
        finally:
            conn.close()
        return
    from kstthc_desktop.store.workdirs import work_folder

    with work_folder("kstthc-kiem-tra-") as folder:
        copy = folder / "database.sqlite3"
        shutil.copyfile(path, copy)
        for extra in beside:
            shutil.copyfile(extra, folder / ("database.sqlite3" + extra.name[len(path.name):]))
        conn = sqlite3.connect(str(copy))
        try:
            yield conn
        finally:
            conn.close()


@contextlib.contextmanager
def reading_connection(path: Path, *, timeout: float = 10) -> Iterator[sqlite3.Connection]:
    """A read-only connection for a check or a backup, also on a write-protected medium: SQLite cannot make the
    -shm file there ("unable to open"), so the file is then read through ``inspection_connection`` (with its
    -wal, copied aside when it has one: no change is left out). Safe while the program has the database open.
    ``timeout``: seconds to wait for another writer's lock (a backup waits no longer than it means to)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=min(timeout, 10))
    try:
        conn.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        conn.close()
        if "unable to open" not in str(exc).lower():
            raise
        with inspection_connection(path) as inspected:
            yield inspected
        return
    try:
        yield conn
    finally:
        conn.close()


def verdict(conn: sqlite3.Connection, path: Path, *, read_only: bool,
            problems: list[str] | None = None) -> list[str]:
    """Sound, ours and not from a newer program (else DamagedDatabase / NewerDatabase); its applied migrations.
    ``problems``: what a check already run on ``conn`` found (it is not run twice)."""
    from kstthc_desktop.store.versions import KNOWN_MIGRATIONS

    try:
        problems = check_database(conn) if problems is None else problems
        if problems:
            raise _damaged(path, problems)
        applied = applied_migrations(conn)
        ours = bool(applied) or not _user_tables(conn)
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabase(damaged_message(path), detail=str(exc)) from exc
    unknown = [name for name in applied if name not in KNOWN_MIGRATIONS]
    if unknown or len(applied) > len(KNOWN_MIGRATIONS):
        raise NewerDatabase(
            f"Cơ sở dữ liệu \"{path.name}\" được tạo bởi phiên bản mới hơn của chương trình; "
            "hãy cập nhật KSTTHC Desktop để mở nó (tệp được giữ nguyên)."
        )
    if not ours:
        raise DamagedDatabase(
            f"Tệp \"{path.name}\" là một cơ sở dữ liệu SQLite nhưng không phải của KSTTHC Desktop; chương trình không mở nó."
        )
    if read_only and len(applied) < len(KNOWN_MIGRATIONS):
        raise UserError(f"Cơ sở dữ liệu \"{path.name}\" cần được nâng cấp trước; không thể mở ở chế độ chỉ đọc.")
    return applied


def inspect_database(path: Path, *, quick_check: bool = True) -> list[str]:
    """``verdict`` on a look at the file that changes nothing (``inspection_connection``); the caller holds the
    lock. A full temporary folder (for the copy of a -wal) is told as such. Without ``quick_check`` only the
    header, the schema and its version are read (``Store.open(check_later=True)``)."""
    from kstthc_desktop.store.media import medium_error

    try:
        with inspection_connection(path) as conn:
            return verdict(conn, path, read_only=False, problems=None if quick_check else [])
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabase(damaged_message(path), detail=str(exc)) from exc
    except OSError as exc:
        error = medium_error(exc, None, prefix=f"Không kiểm tra được cơ sở dữ liệu \"{path.name}\".")
        if error is None:
            raise UserError(f"Không đọc được tệp \"{path}\".", detail=str(exc)) from exc
        raise error from exc


def create_database(path: Path) -> None:
    """Make a new database at ``path`` whole or not at all: built under a temporary name beside it (every
    migration applied, its identity given), then renamed into place. A crash leaves no half-made database."""
    from sqlite_utils import Database

    from kstthc_desktop.store.identity import settle_identity
    from kstthc_desktop.store.schema import migrations
    from kstthc_desktop.store.store import atomic

    tmp = path.with_name(path.name + ".tao-moi")
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    conn = sqlite3.connect(str(tmp))
    try:
        migrations.apply(Database(conn))
        with atomic(conn):
            settle_identity(conn, path)
    finally:
        conn.close()
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    from kstthc_desktop.store.files import fsync_dir

    fsync_dir(path.parent)


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


def _exists(path: Path, *, create: bool, read_only: bool, lock: bool = True) -> bool:
    """Whether a database file is at ``path``; UserError for a folder, or a missing file that may not be made.

    A file an interrupted restore is waiting to replace (its work folder is beside it) is judged only after that
    restore was finished or undone, under the lock (``_after_lock``): a restore over a damaged file, killed once
    decided, must end with the restored database, not with the damaged file refused."""
    from kstthc_desktop.store.restoring import restore_work_folders

    try:
        exists = path.exists()
        if exists and not path.is_file():
            raise UserError(f"\"{path}\" không phải là một tệp cơ sở dữ liệu.")
        if lock and not read_only and restore_work_folders(path):
            return exists
        if not exists and (not create or read_only):
            raise UserError(f"Không tìm thấy tệp cơ sở dữ liệu \"{path}\".")
        _refuse_headerless(path, exists)
        return exists
    except OSError as exc:
        raise UserError(f"Không mở được \"{path}\": không có quyền hoặc thư mục không ghi được.", detail=str(exc)) from exc


def _refuse_headerless(path: Path, exists: bool) -> None:
    if exists and not looks_like_sqlite(path):
        raise DamagedDatabase(damaged_message(path), detail="no SQLite header (an empty or foreign file)")


def _acquire(path: Path, exists: bool) -> DatabaseLock:
    from kstthc_desktop.store.lock import DatabaseLock

    try:
        return DatabaseLock(path).acquire()
    except LockFileRefused as exc:
        cause = exc.__cause__
        if exists and isinstance(cause, OSError) and cause.errno in READ_ONLY_ERRORS:
            raise read_only_error(path, PermissionError(cause.errno, str(cause), str(path.parent))) from cause
        raise


def _after_lock(path: Path, expected: bool, create: bool) -> bool:
    """With the lock held: finish (or undo) a restore a crash interrupted, then refuse a header-less file, or
    make the database if there is none and none was ``expected`` (``was_here`` before the lock file was made)
    and ``create``. Whether the file exists now."""
    from kstthc_desktop.store.restoring import recover_interrupted_restore

    recover_interrupted_restore(path)
    try:
        if path.exists():
            _refuse_headerless(path, True)
            return True
    except OSError as exc:
        raise UserError(f"Không mở được \"{path}\": không có quyền hoặc thư mục không ghi được.", detail=str(exc)) from exc
    if expected:
        raise MissingDatabase(
            f"Không tìm thấy cơ sở dữ liệu \"{path.name}\" dù trước đây nó nằm ở đây; chương trình không tạo "
            "cơ sở dữ liệu mới, trống thay cho nó. Hãy khôi phục từ bản sao lưu gần nhất (nếu thật sự muốn "
            f"bắt đầu lại từ đầu, hãy xóa tệp \"{path.name}.lock\" bên cạnh).",
        )
    if not create:
        raise UserError(f"Không tìm thấy tệp cơ sở dữ liệu \"{path}\".")
    path.parent.mkdir(parents=True, exist_ok=True)
    create_database(path)
    return False


def _connect_read_only(path: Path) -> tuple[sqlite3.Connection, list[str], list[str]]:
    """A read-only connection, what ``check_database`` found, and warnings; on a medium nobody can write,
    without a -shm file, the file as it is (and what that leaves out, in the warnings)."""
    warnings: list[str] = []
    conn = connect(path, read_only=True, write_settings=False)
    try:
        return conn, check_database(conn), warnings  # the first read: where a missing -shm shows
    except sqlite3.Error as exc:
        conn.close()
        if not (isinstance(exc, sqlite3.OperationalError) and "unable to open" in str(exc).lower()):
            raise
    # A WAL database on a medium that may only be read, with no -shm file beside it: SQLite can neither use
    # nor make one, so read the file as it is (nobody can change it there).
    conn = connect(path, read_only=True, immutable=True)
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        log.warning("%s opened immutable: the changes in %s are not seen", path, wal)
        warnings.append(wal_left_out_message(path, wal))
    log.info("%s opened immutable (read-only medium without a -shm file)", path)
    return conn, check_database(conn), warnings


def wal_left_out_message(path: Path, wal: Path) -> str:
    return (f"Chú ý: những thay đổi cuối cùng của \"{path.name}\" còn nằm trong tệp \"{wal.name}\" mà chương "
            "trình không đọc được trên ổ đĩa chỉ cho phép đọc này, nên không hiện ở đây. Hãy mở lại cơ sở dữ liệu "
            "trên một ổ đĩa ghi được (ví dụ chép cả ba tệp vào máy) để thấy đủ.")


def open_store(
    cls: type[Store],
    path: Path,
    *,
    create: bool,
    clock: Callable[[], datetime],
    read_only: bool,
    lock: bool,
    backup_dir: Path | None,
    check_later: bool = False,
) -> Store:
    from kstthc_desktop.store.media import medium_error
    from kstthc_desktop.store.versions import KNOWN_MIGRATIONS

    path = Path(path)
    exists = _exists(path, create=create, read_only=read_only, lock=lock)
    if exists and not read_only:  # a read-only medium, share or file: say so before anything is tried
        refusal = write_refusal(path)
        if refusal is not None:
            raise read_only_error(path, refusal)
    if not exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise (medium_error(exc, path.parent, prefix="Không tạo được thư mục cho cơ sở dữ liệu")
                   or UserError(f"Không tạo được thư mục \"{path.parent}\": không có quyền ghi.",
                                detail=str(exc))) from exc
    expected = not exists and was_here(path)
    held = _acquire(path, exists) if (lock and not read_only) else None
    conn: sqlite3.Connection | None = None
    warnings: list[str] = []
    try:
        if held is not None:
            exists = _after_lock(path, expected, create)
            held.lock_identity()
        elif not path.exists():  # lock=False: a caller that knows nobody else uses the file
            if read_only or expected:
                raise UserError(f"Không tìm thấy tệp cơ sở dữ liệu \"{path}\".")
            create_database(path)
        if read_only:  # a read-only connection changes nothing, even while another program writes the file
            try:
                conn, problems, warnings = _connect_read_only(path)
            except sqlite3.DatabaseError as exc:
                raise DamagedDatabase(damaged_message(path), detail=str(exc)) from exc
            applied = verdict(conn, path, read_only=True, problems=problems)
        else:
            applied = inspect_database(path, quick_check=not check_later)  # nothing is changed before this passes
            conn = connect(path, write_settings=True)
        pending = [name for name in KNOWN_MIGRATIONS if name not in applied]
        if pending and check_later:  # a migration writes: the file is checked first after all
            refuse_damaged(conn, path)
            check_later = False
        if pending:  # an older program's database: keep a copy of it as it was, then migrate
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
        store.warnings.extend(warnings)
        store.unchecked = check_later and not read_only
        if held is not None:  # unfinished work of a crashed program; nobody else can be writing it now
            from kstthc_desktop.store.workdirs import clean_leftovers

            clean_leftovers(path)
        if not read_only:
            _settle(store)
        return store
    except BaseException as exc:
        if conn is not None:
            conn.close()
        if held is not None:
            held.release()
        if isinstance(exc, (sqlite3.DatabaseError, OSError)):  # after the checks: a full or read-only disk, mostly
            raise _medium_or(exc, path, f"Không mở được cơ sở dữ liệu \"{path.name}\".") from exc
        raise


def refuse_damaged(conn: sqlite3.Connection, path: Path) -> None:
    """DamagedDatabase when quick_check finds the file damaged, or cannot read it through."""
    try:
        problems = check_database(conn)
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    if problems:
        raise _damaged(path, problems)


def _damaged(path: Path, problems: list[str]) -> DamagedDatabase:
    log.error("database %s failed quick_check: %s", path, problems[:5])
    return DamagedDatabase(damaged_message(path), detail="; ".join(problems[:5]))


def _medium_or(exc: BaseException, path: Path, prefix: str) -> UserError:
    """What the medium did, if it was the medium; else the store's message for a failed write."""
    from kstthc_desktop.store.media import medium_error

    error = medium_error(exc, path.parent, prefix=prefix)
    if error is not None:
        return error
    if isinstance(exc, sqlite3.DatabaseError):
        from kstthc_desktop.store.store import _db_write_error

        inner = _db_write_error(exc)
        return UserError(f"{prefix} {inner.message}", detail=str(exc))
    return UserError(prefix + ".", detail=str(exc))


def _settle(store: Store) -> None:
    """The database's identity (given at creation, renewed for a copy) and the program that last wrote it."""
    from kstthc_desktop.store.identity import HOME_KEY, _key, identity_in, settle_identity
    from kstthc_desktop.store.store import atomic
    from kstthc_desktop.store.versions import KNOWN_MIGRATIONS

    if (store.meta("program_version") == __version__ and identity_in(store.conn)
            and store.meta(HOME_KEY) == _key(store.path)):
        return  # every ordinary start: nothing to write
    store.check_before_writing()
    with atomic(store.conn):
        settle_identity(store.conn, store.path)
        store._set_meta("program_version", __version__)
        store._set_meta("schema_version", str(len(KNOWN_MIGRATIONS)))
