"""The virtual environment the repository's scripts run in when none is active.

A system Python may refuse ``pip install`` (PEP 668, Debian and Ubuntu), and what an earlier session left installed
must not decide a result: outside a venv a script makes ``.venv/`` (or ``$KSTTHC_VENV``) and runs itself there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def in_virtualenv() -> bool:
    return sys.prefix != sys.base_prefix


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def rerun_in_own_venv(script: str, args: list[str]) -> int:
    """Run ``script`` with ``args`` again under the repository's own venv, making it first when missing."""
    venv = Path(os.environ.get("KSTTHC_VENV") or ROOT / ".venv")
    if not venv_python(venv).exists():
        print(f"making the virtual environment {venv}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    return subprocess.call([str(venv_python(venv)), str(Path(script).resolve()), *args])


def install(extras: str = "") -> None:
    """Install the program from this checkout, editable, into the running venv (quietly; fast when up to date)."""
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-e", target], check=True)
