"""Run the whole test suite on a fresh machine: ``python3 scripts/test.py [pytest options]``.

Outside a virtual environment it makes one in ``.venv/`` (or ``$KSTTHC_VENV``) and runs itself there: a system
Python may refuse ``pip install`` (PEP 668), and what an earlier session left installed must not decide the result.
Inside one (``.ci/run`` makes a new one for every run) it installs the program with its test and build extras,
editable, then runs pytest with the options given (paths relative to the repository). Pytest's "no tests ran" (exit 5) is a failure here: a run that
tested nothing must not pass.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NO_TESTS_RAN = 5


def in_virtualenv() -> bool:
    return sys.prefix != sys.base_prefix


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run_in_own_venv(args: list[str]) -> int:
    venv = Path(os.environ.get("KSTTHC_VENV") or ROOT / ".venv")
    if not venv_python(venv).exists():
        print(f"making the virtual environment {venv}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    return subprocess.call([str(venv_python(venv)), str(Path(__file__).resolve()), *args])


def install_and_test(args: list[str]) -> int:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-e", f"{ROOT}[test,build]"], check=True)
    status = subprocess.call([sys.executable, "-m", "pytest", *args], cwd=ROOT)
    if status == NO_TESTS_RAN:
        print("scripts/test.py: pytest ran no test; that is a failure", file=sys.stderr)
        return 1
    return status


def main(args: list[str]) -> int:
    return install_and_test(args) if in_virtualenv() else run_in_own_venv(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
