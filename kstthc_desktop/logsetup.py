"""A rotating log in the user's log folder: details of every failure go there, never to the user's face."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

_configured: Path | None = None


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
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
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
