"""One program per database: an OS lock on ``<db>.lock``, held while the database is open, and one on the file's
identity, so that two paths to one file (a hard link, a second name) share a lock.

The lock is a lock on an open file (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows), not the file's
existence: when the program dies, even by SIGKILL or a power cut, the OS drops it, so it can never stay stuck.
The lock file itself is left in place (deleting it would race with a second program taking it).

``<db>.lock`` is named from the path; a second name for the same file would get its own, and two programs would
write one database through two ``-wal`` files (corruption). So the lock also covers the file's identity: device
and inode (on Windows the volume serial number and file ID, which ``os.stat`` gives), as a lock file named from
them in a folder every program on the machine shares (``<temp>/kstthc-khoa``). A new database is locked by its
identity as soon as it exists (``lock_identity``).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

from kstthc_desktop.errors import UserError


class DatabaseLocked(UserError):
    """Another program has this database open for writing."""


class LockFileRefused(UserError):
    """The lock file beside the database cannot be created or opened (its ``__cause__`` is the OSError): most
    often a folder or medium that may only be read."""


log = logging.getLogger(__name__)


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def identity_lock_folder() -> Path:
    return Path(tempfile.gettempdir()) / "kstthc-khoa"


def identity_lock_path(db_path: Path) -> Path | None:
    """The lock file named from the database file's device and inode (None when the file or its id is unknown)."""
    try:
        st = os.stat(db_path)
    except OSError:
        return None
    if not st.st_ino:  # a file system without file ids: the path's lock is all there is
        return None
    return identity_lock_folder() / f"{st.st_dev:x}-{st.st_ino:x}.lock"


def _open_lock_file(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except PermissionError:  # made by another user of this machine: a read-only handle locks as well
        return os.open(path, os.O_RDONLY)


class DatabaseLock:
    """An exclusive lock on a database; ``acquire`` raises DatabaseLocked when someone else holds it."""

    def __init__(self, db_path: Path):
        self.path = lock_path_for(db_path)
        self.db_path = db_path
        self._fd: int | None = None
        self._identity_fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> DatabaseLock:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise LockFileRefused(
                f"Không tạo được tệp khóa bên cạnh cơ sở dữ liệu \"{self.db_path.name}\" (thư mục chỉ cho phép đọc?).",
                detail=str(exc),
            ) from exc
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise DatabaseLocked(
                f"Cơ sở dữ liệu \"{self.db_path.name}\" đang được mở bởi một chương trình KSTTHC khác; "
                "hãy đóng chương trình đó hoặc mở ở chế độ chỉ đọc.",
                detail=str(exc),
            ) from exc
        try:  # who holds it, for the log and the curious; not used for locking
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass
        self._fd = fd
        try:
            self.lock_identity()
        except BaseException:
            self.release()
            raise
        return self

    def lock_identity(self) -> None:
        """Lock the database file's identity too (once it exists): another name for the same file is refused."""
        if self._identity_fd is not None:
            return
        path = identity_lock_path(self.db_path)
        if path is None:
            return
        try:
            path.parent.mkdir(exist_ok=True)
            try:
                os.chmod(path.parent, 0o1777)  # every user of the machine shares it, as /tmp itself
            except OSError:
                pass
            fd = _open_lock_file(path)
        except OSError as exc:  # the path's own lock still holds; say so in the log
            log.warning("no identity lock for %s (%s): %s", self.db_path, path, exc)
            return
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            raise DatabaseLocked(
                f"Cơ sở dữ liệu \"{self.db_path.name}\" đang được mở bởi một chương trình KSTTHC khác "
                "(qua một đường dẫn khác tới cùng tệp); hãy đóng chương trình đó hoặc mở ở chế độ chỉ đọc.",
                detail=str(exc),
            ) from exc
        self._identity_fd = fd

    def release(self) -> None:
        for name in ("_identity_fd", "_fd"):
            fd = getattr(self, name)
            if fd is None:
                continue
            setattr(self, name, None)
            try:
                _unlock(fd)
            except OSError:
                pass
            finally:
                os.close(fd)

    def __enter__(self) -> DatabaseLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def is_locked(db_path: Path) -> bool:
    """Whether another program holds the database's lock right now."""
    lock = DatabaseLock(Path(db_path))
    try:
        lock.acquire()
    except DatabaseLocked:
        return True
    except UserError:
        return False
    lock.release()
    return False


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only (sys.platform: mypy follows it)
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
