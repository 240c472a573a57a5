"""Where things live: the user's data and log folders (platformdirs), and the shipped resources.

The program's data never goes into the install folder: on Windows it is under %LOCALAPPDATA%.
The shipped resources live in the repository's top-level ``resources/``; a wheel (``pyproject.toml`` maps the folder
as package data) and the PyInstaller bundle (``build_installer.spec``) carry them as ``kstthc_desktop/_resources``,
found with ``importlib.resources``. A checkout (or an editable install) has no such folder and reads ``resources/``
beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

APP_NAME = "KSTTHC Desktop"
APP_AUTHOR = "KSTTHC"
#: The Start-menu shortcut that the Windows installer makes for the demo (installer/kstthc.nsi, DEMO_SHORTCUT).
DEMO_SHORTCUT = "KSTTHC Desktop – dữ liệu mẫu"


def how_to_open_the_demo() -> str:
    """One Vietnamese sentence for the welcome page: the Start-menu shortcut in the installed Windows program,
    else the command."""
    import sys

    if sys.platform == "win32" and getattr(sys, "frozen", False):
        return f"Muốn xem thử trước? Mở «{DEMO_SHORTCUT}» trong menu Start: chương trình mở trên dữ liệu mẫu."
    return "Muốn xem thử trước? Chạy  kstthc --demo  để mở chương trình trên dữ liệu mẫu."


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


def log_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, APP_AUTHOR))


def default_db_path() -> Path:
    return data_dir() / "kstthc.sqlite3"


#: Where a wheel and the bundle put ``resources/``, inside the package.
SHIPPED_RESOURCES = "_resources"


@cache
def resources_dir() -> Path:
    """The resources folder: inside the installed or bundled package, else ``resources/`` of the checkout.

    A real folder, not just a ``Traversable``: reportlab and Qt open the fonts and icons by file name, and neither a
    wheel nor the bundle is imported from a zip file. (importlib.resources is imported here, when first needed: the
    commands that never read a resource do not pay its few milliseconds.)"""
    from importlib.resources import files

    shipped = files("kstthc_desktop") / SHIPPED_RESOURCES
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
