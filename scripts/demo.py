"""Open the program on a demo database on a fresh machine: ``python3 scripts/demo.py [kstthc options]``.

Outside a virtual environment it makes one in ``.venv/`` (or ``$KSTTHC_VENV``) and runs itself there (see
``own_venv.py``); inside one it installs the program, editable, and starts ``kstthc --demo`` with the options given
(``--smoke-test`` opens the window, runs its after-paint jobs and exits). The demo works on a throw-away copy.
"""

from __future__ import annotations

import subprocess
import sys

from own_venv import in_virtualenv, install, rerun_in_own_venv


def install_and_open(args: list[str]) -> int:
    install()
    return subprocess.call([sys.executable, "-m", "kstthc_desktop", "--demo", *args])


def main(args: list[str]) -> int:
    return install_and_open(args) if in_virtualenv() else rerun_in_own_venv(__file__, args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
