"""The managed folder of evidence files: ``<db folder>/<db stem>-files/<sha256[:2]>/<sha256>``.

Files are named only by their SHA-256, so no name typed by anyone can escape the folder, and the same
document attached twice is stored once. A file is written whole (temporary name, fsync, rename, fsync of
the folder) *before* the database row that points at it is committed: after a crash there may be a file
without a row (an orphan, removed by ``orphan_files``/``remove_orphans``), never a row without its file.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from kstthc_desktop.errors import UserError

log = logging.getLogger(__name__)

#: Larger evidence files are refused: a scanned document is a few MB; 200 MB means a wrong file.
MAX_FILE_BYTES = 200 * 1024 * 1024
_SHA = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1024 * 1024


def files_dir_for(db_path: Path) -> Path:
    return db_path.parent / f"{db_path.stem}-files"


def is_sha256(text: str | None) -> bool:
    return bool(text and _SHA.match(text))


def stored_path(files_dir: Path, sha256: str) -> Path | None:
    """Where a file with this hash lives, or None for anything that is not a plain SHA-256 hex name."""
    if not is_sha256(sha256):
        return None
    return files_dir / sha256[:2] / sha256


def file_sha256(path: Path) -> str:
    import hashlib  # here, not at the top: the window's start-up never hashes a file (OpenSSL loads in ~2 ms)

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder for fsync; NTFS journals the rename
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


fsync_dir = _fsync_dir

#: Characters no file name may hold on Windows (and "/" nowhere), plus control characters.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


def safe_file_name(name: str | None, fallback: str = "tep") -> str:
    """A name from a file the program did not make (a restored archive, a unit's return), made safe to use as
    one file name in a folder of ours: no folder parts ("../../tmp/evil" → "evil"), no drive or stream
    ("C:x", "x:y"), no "." or "..", no characters Windows refuses, no reserved device name, at most 150 chars."""
    text = str(name or "").replace("\\", "/").split("/")[-1]
    text = _UNSAFE.sub("_", text).strip(" .")
    if not text or _RESERVED.match(text):
        text = f"{fallback}_{text}" if text else fallback
    if len(text) > 150:
        stem, dot, ext = text.rpartition(".")
        text = (stem[: 150 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else text[:150]
    return text


def viewable_copy(stored: Path, file_name: str, sha256: str) -> Path:
    """The store keeps files under their SHA-256 with no extension; the system's viewer needs the real name, so
    a copy named as the officer attached it goes into the temp folder (never the original). The name is made
    safe first: it may come from a restored archive, and must not lead the copy outside its own folder."""
    import shutil
    import tempfile

    folder = Path(tempfile.gettempdir()) / "kstthc-mo-tep" / (sha256[:16] if is_sha256(sha256) else "tep")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / safe_file_name(file_name, fallback=stored.name)
    if folder.resolve() not in target.resolve().parents:  # belt and braces: never outside its folder
        raise UserError("Tên tệp minh chứng không hợp lệ.")
    if not target.exists():
        shutil.copyfile(stored, target)
    return target


def check_source(source: Path) -> int:
    """The size of a file the officer chose, or UserError saying why it cannot be used."""
    name = source.name
    try:
        if not source.exists():
            raise UserError(f"Không tìm thấy tệp minh chứng \"{name}\".")
        if not source.is_file():
            raise UserError(f"\"{name}\" không phải là một tệp.")
        size = source.stat().st_size
    except OSError as exc:
        raise UserError(f"Không đọc được tệp minh chứng \"{name}\".", detail=str(exc)) from exc
    if size > MAX_FILE_BYTES:
        raise UserError(
            f"Tệp minh chứng \"{name}\" quá lớn ({size // (1024 * 1024)} MB); chỉ nhận tệp đến {MAX_FILE_BYTES // (1024 * 1024)} MB."
        )
    return size


def store_file(files_dir: Path, source: Path) -> tuple[str, int]:
    """Copy ``source`` into the managed folder; return (sha256, size). Whole and on disk when it returns.

    On failure nothing new is left behind (not even an empty folder).
    """
    check_source(source)
    try:
        reader = open(source, "rb")  # noqa: SIM115 - closed by `with reader:` below; opening fails on its own
    except OSError as exc:
        raise UserError(
            f"Không mở được tệp minh chứng \"{source.name}\" (tệp có thể đang được chương trình khác mở).",
            detail=str(exc),
        ) from exc
    tmp_dir = files_dir / "tmp"
    created = [d for d in (files_dir, tmp_dir) if not d.exists()]
    import hashlib

    tmp = tmp_dir / f"{os.urandom(8).hex()}.part"
    digest = hashlib.sha256()
    size = 0
    try:
        with reader:
            tmp_dir.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as writer:
                for chunk in iter(lambda: reader.read(_CHUNK), b""):
                    size += len(chunk)
                    if size > MAX_FILE_BYTES:
                        raise UserError(f"Tệp minh chứng \"{source.name}\" quá lớn.")
                    digest.update(chunk)
                    writer.write(chunk)
                writer.flush()
                os.fsync(writer.fileno())
        sha = digest.hexdigest()
        final = stored_path(files_dir, sha)
        assert final is not None
        if final.exists() and final.stat().st_size == size:
            tmp.unlink()
        else:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, final)
            _fsync_dir(final.parent)
        return sha, size
    except (UserError, OSError) as exc:
        tmp.unlink(missing_ok=True)
        for folder in reversed(created):
            try:
                folder.rmdir()
            except OSError:
                pass
        if isinstance(exc, UserError):
            raise
        from kstthc_desktop.store.media import medium_error

        prefix = f"Không sao chép được tệp minh chứng \"{source.name}\"."
        raise (medium_error(exc, files_dir.parent, prefix=prefix)
               or UserError(f"{prefix[:-1]} (không có quyền ghi?).", detail=str(exc))) from exc


def stored_files(files_dir: Path) -> dict[str, Path]:
    """Every stored file by its hash (temporary leftovers excluded)."""
    found: dict[str, Path] = {}
    if not files_dir.is_dir():
        return found
    for sub in files_dir.iterdir():
        if sub.is_dir() and len(sub.name) == 2 and sub.name != "tmp":
            for item in sub.iterdir():
                if is_sha256(item.name) and item.name[:2] == sub.name:
                    found[item.name] = item
    return found


def leftover_temp_files(files_dir: Path) -> list[Path]:
    tmp_dir = files_dir / "tmp"
    return sorted(tmp_dir.glob("*.part")) if tmp_dir.is_dir() else []
