"""Telling what the medium did from what the database did: a full disk, a medium that may only be read, a
medium that went away (a USB drive pulled out) are none of them a damaged database.

An officer told "the database is damaged, restore the latest backup" when the disk is merely full replaces good
data; so every place that writes (opening, saving, evidence files, backups, restore, reports) asks ``medium_error``
first and says "ổ đĩa đầy" (or read-only, or missing) instead, never with advice to restore.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from kstthc_desktop.errors import UserError

#: Less free space than this on the database's disk, with an I/O error from SQLite, is read as a full disk.
LOW_SPACE = 1024 * 1024

FULL = "ổ đĩa đầy"
FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
READ_ONLY_ERRNOS = {errno.EROFS}
GONE_ERRNOS = {errno.ENODEV, errno.ENXIO, getattr(errno, "ENOMEDIUM", errno.ENODEV), errno.EIO}


def free_bytes(folder: Path) -> int | None:
    """Free space on the disk holding ``folder`` (its nearest existing parent), or None when it cannot be told."""
    folder = Path(folder)
    for candidate in (folder, *folder.parents):
        try:
            if candidate.exists():
                return shutil.disk_usage(candidate).free
        except OSError:
            return None
    return None


def kind_of(exc: BaseException, folder: Path | None = None) -> str | None:
    """"full", "read-only", "gone" for an error the medium caused; None for anything else (damage, a bug)."""
    if isinstance(exc, OSError):
        if exc.errno in FULL_ERRNOS:
            return "full"
        if exc.errno in READ_ONLY_ERRNOS:
            return "read-only"
        if exc.errno in GONE_ERRNOS:
            return "gone" if folder is None or not Path(folder).exists() else _low_space(folder) or "gone"
        return None
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        if "full" in text:
            return "full"
        if "readonly" in text or "read-only" in text or "read only" in text:
            return "read-only"
        if "disk i/o error" in text or "unable to open" in text or "ioerr" in text:
            if folder is not None and not Path(folder).exists():
                return "gone"
            return _low_space(folder) if folder is not None else None
    return None


def _low_space(folder: Path) -> str | None:
    free = free_bytes(folder)
    return "full" if free is not None and free < LOW_SPACE else None


def sentence(kind: str, where: Path | None = None, *, lead: str = "Không ghi được: ") -> str:
    """The Vietnamese sentence for a medium's refusal; never advice to restore."""
    place = f" (\"{where}\")" if where is not None else ""
    if kind == "full":
        return (f"{lead}{FULL}{place}, không còn chỗ trống. Dữ liệu không bị hỏng; hãy giải phóng dung lượng "
                "(xóa bớt tệp không cần) rồi thử lại.")
    if kind == "read-only":
        return f"{lead}ổ đĩa hoặc thư mục{place} chỉ cho phép đọc (ví dụ USB đã gạt khóa chống ghi)."
    return (f"{lead}không tìm thấy ổ đĩa{place} (USB hoặc ổ mạng đã bị rút ra hay ngắt kết nối?). "
            "Hãy cắm lại rồi thử lại.")


def medium_error(exc: BaseException, folder: Path | None = None, *, prefix: str = "") -> UserError | None:
    """A UserError saying what the medium did, or None when ``exc`` is not the medium's doing."""
    kind = kind_of(exc, folder)
    if kind is None:
        return None
    where = folder if kind != "full" else None
    if prefix:
        return UserError(f"{prefix.rstrip('.')}: {sentence(kind, where, lead='')}", detail=str(exc))
    return UserError(sentence(kind, where), detail=str(exc))


def write_error(exc: OSError, out_path: Path, what: str) -> UserError:
    """The message for a file (a report, a backup) that could not be written: the medium's sentence when the
    medium refused ("ổ đĩa đầy"), else the OS's reason."""
    error = medium_error(exc, Path(out_path).parent, prefix=f"Không ghi được {what} \"{Path(out_path).name}\".")
    if error is not None:
        return error
    return UserError(f"Không ghi được {what} \"{Path(out_path).name}\": {exc.strerror or exc}.", detail=str(exc))
