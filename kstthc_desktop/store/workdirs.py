"""Work folders and half-written files that a killed run leaves behind, found and removed on the next start.

A temporary folder (a database copy being checked, a backup being assembled) holds a lock file, locked while it
is in use; a file written under a temporary name (``.part`` beside a backup on a USB drive, in the backups
folder) is noted in ``<temp>/kstthc-dang-ghi`` by a note that is locked while the file is written. The OS drops
those locks when the program dies, so at the next start (``clean_leftovers``, called by ``Store.open`` with the
database's lock held) whatever is no longer locked was left by a run that died: it is removed, and the log says so.
Work in progress of another running program stays locked and untouched.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

log = logging.getLogger(__name__)

IN_USE = ".dang-dung"
#: Temporary folders of ours in the system's temporary folder.
TEMP_PREFIXES = ("kstthc-kiem-tra-", "kstthc-backup-", "kstthc-check-")
NOTES = "kstthc-dang-ghi"
#: A folder without its lock file younger than this may be one being made right now.
GRACE_SECONDS = 120


def _lock_functions() -> tuple[Callable[[int], None], Callable[[int], None]]:
    from kstthc_desktop.store.lock import _lock, _unlock

    return _lock, _unlock


@contextlib.contextmanager
def _held(path: Path) -> Iterator[None]:
    lock, unlock = _lock_functions()
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        lock(fd)
        try:
            yield
        finally:
            unlock(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def work_folder(prefix: str, parent: Path | None = None) -> Iterator[Path]:
    """A fresh folder (in the temporary folder, or in ``parent``), marked in use, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    try:
        with _held(folder / IN_USE):
            yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def in_use(marker: Path) -> bool:
    """Whether a live program holds the lock file ``marker`` (False when it is free or cannot be opened)."""
    lock, unlock = _lock_functions()
    try:
        fd = os.open(marker, os.O_RDWR)
    except OSError:
        return False
    try:
        lock(fd)
    except OSError:
        return True
    finally:
        try:
            unlock(fd)
        except OSError:
            pass
        os.close(fd)
    return False


def _abandoned_folder(folder: Path) -> bool:
    marker = folder / IN_USE
    if marker.exists():
        return not in_use(marker)
    try:
        return time.time() - folder.stat().st_mtime > GRACE_SECONDS
    except OSError:
        return False


def notes_folder() -> Path:
    return Path(tempfile.gettempdir()) / NOTES


@contextlib.contextmanager
def pending_file(part: Path) -> Iterator[Path]:
    """Note that ``part`` is being written (so that a killed run's ``part`` is found and removed later)."""
    folder = notes_folder()
    note = None
    try:
        folder.mkdir(exist_ok=True)
        note = folder / f"{os.getpid()}-{os.urandom(6).hex()}.json"
        note.write_text(json.dumps({"part": str(Path(part).absolute())}, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:  # a note is a courtesy: writing the backup matters more
        log.warning("could not note %s as being written: %s", part, exc)
        note = None
    if note is None:
        yield part
        return
    try:
        with _held(note):
            yield part
    finally:
        note.unlink(missing_ok=True)


def _clean_notes() -> list[Path]:
    removed: list[Path] = []
    folder = notes_folder()
    if not folder.is_dir():
        return removed
    for note in folder.glob("*.json"):
        if in_use(note):
            continue
        try:
            part = Path(json.loads(note.read_text(encoding="utf-8"))["part"])
        except (OSError, ValueError, KeyError, TypeError):
            part = None
        try:
            if part is not None and part.name.endswith(".part") and part.is_file():
                part.unlink()
                removed.append(part)
            note.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not remove the leftover %s: %s", part, exc)
    return removed


def _our_temp_folders() -> list[Path]:
    """Our folders in the system's temporary folder. Names are compared before any path is made: the folder can
    hold thousands of other programs' entries (1,800 on a build machine; %TEMP% on an officer's PC is often
    larger), and making a Path of each took ~5 ms of every start."""
    try:
        with os.scandir(tempfile.gettempdir()) as entries:
            return [Path(e.path) for e in entries if e.name.startswith(TEMP_PREFIXES) and e.is_dir()]
    except OSError:
        return []


def _clean_temp_folders() -> list[Path]:
    removed: list[Path] = []
    for entry in _our_temp_folders():
        if _abandoned_folder(entry):
            shutil.rmtree(entry, ignore_errors=True)
            if not entry.exists():
                removed.append(entry)
    return removed


def clean_leftovers(db_path: Path) -> list[Path]:
    """Remove what killed runs left (for this database, with its lock held, and machine-wide when no longer
    in use); the removed paths, each told in the log."""
    from kstthc_desktop.store.files import files_dir_for, leftover_temp_files

    removed: list[Path] = []
    for leftover in leftover_temp_files(files_dir_for(db_path)):
        leftover.unlink(missing_ok=True)
        removed.append(leftover)
    for suffix in ("", "-journal", "-wal", "-shm"):
        made = Path(f"{db_path}.tao-moi{suffix}")
        if made.exists():
            made.unlink()
            removed.append(made)
    removed += _clean_notes()
    removed += _clean_temp_folders()
    for path in removed:
        log.warning("removed what an interrupted run left behind: %s", path)
    return removed
