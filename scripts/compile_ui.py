"""Compile the Qt Designer forms in ui/ into kstthc_desktop/gui/forms/ui_<name>.py with pyside6-uic.

Run after editing a form: ``python3 scripts/compile_ui.py``. The compiled modules are committed, so the program
starts without parsing XML and a bundle needs nothing extra; tests/test_gui_forms.py fails when they are stale.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
OUT_DIR = ROOT / "kstthc_desktop" / "gui" / "forms"


def uic_command() -> list[str]:
    """pyside6-uic of the PySide6 this Python runs: the script beside the interpreter (a venv's bin/ or Scripts/, on
    PATH only when the venv is activated), else the same tool called through its module. (``python -m
    PySide6.scripts.pyside_tool uic`` does not work: that module picks its tool from the name of the script.)"""
    folder = Path(sys.executable).parent
    for name in ("pyside6-uic", "pyside6-uic.exe"):
        if (folder / name).is_file():
            return [str(folder / name)]
    return [sys.executable, "-c", "import sys; from PySide6.scripts.pyside_tool import uic; sys.exit(uic())"]


def compile_form(ui_file: Path, out_file: Path) -> None:
    subprocess.run([*uic_command(), str(ui_file), "-o", str(out_file)], check=True)


def main() -> int:
    for ui_file in sorted(UI_DIR.glob("*.ui")):
        out = OUT_DIR / f"ui_{ui_file.stem}.py"
        compile_form(ui_file, out)
        print(f"{ui_file.relative_to(ROOT)} -> {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
