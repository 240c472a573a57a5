"""The README's first command opens the demo: run as written (in this venv), with ``--smoke-test`` so that the
window opens, runs its after-paint jobs and closes; a failure there is what an officer's first try would meet."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S)]


def test_the_readme_starts_with_the_demo_command_then_the_test_command():
    demo, tests = readme_commands()[:2]
    assert demo == "python3 scripts/demo.py"
    assert tests == "python3 scripts/test.py"


@pytest.mark.slow
def test_the_readme_demo_command_opens_the_demo_and_runs_its_after_paint_jobs(tmp_path):
    words = shlex.split(readme_commands()[0])
    assert words[0] == "python3"
    homes = {name: str(tmp_path / name) for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME")}
    env = {**os.environ, **homes, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, *words[1:], "--smoke-test"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
