"""A rotating log in the user's log folder: details of every failure go there, never to the user's face."""

from __future__ import annotations

import logging
import os
from pathlib import Path

_configured: Path | None = None
MAX_BYTES = 1_000_000
BACKUPS = 5


class RotatingLog(logging.FileHandler):
    """``kstthc.log``, moved to ``kstthc.log.1`` (… ``.5``, the oldest dropped) when it passes ``MAX_BYTES``.

    What ``logging.handlers.RotatingFileHandler`` does, without importing ``logging.handlers`` (and socket,
    pickle and queue with it): about 5 ms of every start of the program. A failed rotation (the file held by
    another program on Windows) is logged into the same file next time; logging never stops the program.
    """

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS):
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() >= self.max_bytes:
                self.rotate()
        except (OSError, ValueError):
            pass
        super().emit(record)

    def rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # FileHandler.emit opens a fresh file
        base = self.baseFilename
        for i in range(self.backups - 1, 0, -1):
            if os.path.exists(f"{base}.{i}"):
                os.replace(f"{base}.{i}", f"{base}.{i + 1}")
        if os.path.exists(base):
            os.replace(base, f"{base}.1")


def setup_logging(directory: Path | None = None) -> Path:
    """Send this process's log to ``kstthc.log`` (rotated at 1 MB, 5 kept); returns the file's path.

    Falls back silently to no file when the folder cannot be written: logging must never stop the program.
    """
    global _configured
    from kstthc_desktop.paths import log_dir

    folder = directory or log_dir()
    path = folder / "kstthc.log"
    if _configured == path:
        return path
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingLog(path)
    except OSError:
        return path
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in [h for h in root.handlers if getattr(h, "_kstthc", False)]:
        root.removeHandler(old)
    handler._kstthc = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    _configured = path
    return path


def log_path() -> Path:
    from kstthc_desktop.paths import log_dir

    return _configured or (log_dir() / "kstthc.log")
