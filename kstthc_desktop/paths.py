"""Where things live: the user's data and log folders (platformdirs), and the shipped resources.

The program's data never goes into the install folder: on Windows it is under %LOCALAPPDATA%.
Resources are found next to the package in a source tree and under ``sys._MEIPASS`` in a PyInstaller bundle.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP_NAME = "KSTTHC Desktop"
APP_AUTHOR = "KSTTHC"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


def log_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, APP_AUTHOR))


def default_db_path() -> Path:
    return data_dir() / "kstthc.sqlite3"


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the package in a checkout, inside the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
