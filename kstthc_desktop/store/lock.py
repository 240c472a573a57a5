"""One program per database: an OS lock on ``<db>.lock``, held while the database is open.

The lock is a lock on an open file (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows), not the file's
existence: when the program dies, even by SIGKILL or a power cut, the OS drops it, so it can never stay stuck.
The lock file itself is left in place (deleting it would race with a second program taking it).
"""

from __future__ import annotations

import os
from pathlib import Path

from kstthc_desktop.errors import UserError


class DatabaseLocked(UserError):
    """Another program has this database open for writing."""


class LockFileRefused(UserError):
    """The lock file beside the database cannot be created or opened (its ``__cause__`` is the OSError): most
    often a folder or medium that may only be read."""


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class DatabaseLock:
    """An exclusive lock on a database; ``acquire`` raises DatabaseLocked when someone else holds it."""

    def __init__(self, db_path: Path):
        self.path = lock_path_for(db_path)
        self.db_path = db_path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> "DatabaseLock":
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
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        except OSError:
            pass
        finally:
            os.close(fd)

    def __enter__(self) -> "DatabaseLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
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


if os.name == "nt":  # pragma: no cover - exercised on Windows only
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
