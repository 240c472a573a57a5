"""The core must never import Qt: it is used from the command line and tests, and Qt costs start-up time."""

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kstthc_desktop"
CORE_MODULES = sorted(
    ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
    for p in PACKAGE.rglob("*.py")
    if "gui" not in p.relative_to(PACKAGE).parts and p.name != "__main__.py"
)


def _modules_loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True,
    ).stdout
    return set(out.split())


def test_the_core_has_modules_to_check():
    assert "kstthc_desktop.domain" in CORE_MODULES and "kstthc_desktop.cli" in CORE_MODULES


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_without_qt(module):
    loaded = _modules_loaded_after(f"import {module}")
    assert not {m for m in loaded if m.startswith(("PySide6", "shiboken6"))}, f"{module} pulls in Qt"


def test_cli_commands_do_not_load_qt():
    loaded = _modules_loaded_after(
        "from kstthc_desktop.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['deadline', '--year', '2024', '--json', 'Quý III'])"
    )
    assert "kstthc_desktop.cli" in loaded
    assert not {m for m in loaded if m.startswith(("PySide6", "shiboken6"))}
