"""Run the whole test suite on a fresh machine: ``python3 scripts/test.py [pytest options]``.

Outside a virtual environment it makes one in ``.venv/`` (or ``$KSTTHC_VENV``) and runs itself there (see
``own_venv.py``). Inside one (``.ci/run`` makes a new one for every run) it installs the program with its test and
build extras, editable, then runs pytest with the options given (paths relative to the repository). Pytest's "no
tests ran" (exit 5) is a failure here: a run that tested nothing must not pass.
"""

from __future__ import annotations

import subprocess
import sys

from own_venv import ROOT, in_virtualenv, install, rerun_in_own_venv

NO_TESTS_RAN = 5


def install_and_test(args: list[str]) -> int:
    install("test,build")
    status = subprocess.call([sys.executable, "-m", "pytest", *args], cwd=ROOT)
    if status == NO_TESTS_RAN:
        print("scripts/test.py: pytest ran no test; that is a failure", file=sys.stderr)
        return 1
    return status


def main(args: list[str]) -> int:
    return install_and_test(args) if in_virtualenv() else rerun_in_own_venv(__file__, args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
