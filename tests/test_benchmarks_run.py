"""The benchmark runner still runs (quick mode): CI sees a broken benchmark, not a slow one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, timeout=timeout, env=dict(os.environ, PYTHONIOENCODING="utf-8"))


def test_list_shows_the_deadline_benchmarks():
    out = _run("--list")
    assert out.returncode == 0, out.stderr
    assert "deadlines: deadline reader" in out.stdout
    assert "deadlines: occurrences" in out.stdout


def test_quick_run_prints_the_table_and_writes_json(tmp_path):
    target = tmp_path / "quick.json"
    out = _run("--quick", "--only", "deadlines", "--out", str(target))
    assert out.returncode == 0, out.stderr
    assert "median" in out.stdout and "deadline reader" in out.stdout
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["quick"] is True and not data["failures"]
    names = [r["name"] for r in data["rows"]]
    assert any("occurrences" in n for n in names) and any("status" in n for n in names)
    for row in data["rows"]:
        assert row["min"] <= row["median"] <= row["max"] and row["n"] == 3


@pytest.mark.slow
def test_quick_run_of_every_benchmark(tmp_path):
    out = _run("--quick", "--out", str(tmp_path / "all.json"), timeout=1200)
    assert out.returncode == 0, out.stderr[-3000:]


def test_startup_ladder_runs_every_rung():
    """docs/startup.md's table of skeleton windows comes from this script: it must still start every program."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "startup_ladder.py"), "--runs", "1"],
                         capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=300, env=env)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) == 5
    assert "1.00x  empty PySide6 window" in lines[0]
    assert lines[-1].endswith("kstthc --demo --exit-after-start")
