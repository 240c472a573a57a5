"""``kstthc deadline`` as a user or a script runs it: exit codes, JSON, stdin mode, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def kstthc(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "kstthc_desktop", *args], input=stdin, capture_output=True, text=True,
        encoding="utf-8", cwd=ROOT, env=env, timeout=60,
    )


def test_json_for_one_text():
    out = kstthc("deadline", "--year", "2024", "--json", "Quý III")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"kind": "dated", "due": "2024-09-30", "every": {}, "within_days": None}


def test_words_without_quotes_are_one_text():
    out = kstthc("deadline", "--year", "2022", "--json", "Hàng", "quý,", "năm")
    assert json.loads(out.stdout)["every"] == {"quarter": None, "year": None}


def test_human_line_in_vietnamese_shows_the_rolled_over_due():
    out = kstthc("deadline", "--year", "2025", "Trước ngày 31/01/2025")
    assert out.returncode == 0
    assert "31/01/2025" in out.stdout and "03/02/2025" in out.stdout
    assert "Định kỳ" in kstthc("deadline", "trước ngày 19 của tháng cuối quý").stdout


def test_stdin_one_object_per_line_in_order_empty_lines_included():
    lines = ["Quý III", "", "Thường xuyên", "Hàng quý, năm", "Khi có phát sinh", "-"]
    out = kstthc("deadline", "--year", "2024", "--json", "-", stdin="\r\n".join(lines) + "\n")
    assert out.returncode == 0, out.stderr
    got = [json.loads(line) for line in out.stdout.splitlines()]
    assert [g["kind"] for g in got] == ["dated", "unspecified", "continuous", "periodic", "on_demand", "unspecified"]


def test_stdin_with_a_bom_and_without_a_final_newline():
    out = kstthc("deadline", "--year", "2024", "--json", "-", stdin="\ufeffQuý I\nQuý II")
    assert [json.loads(line)["due"] for line in out.stdout.splitlines()] == ["2024-03-31", "2024-06-30"]


@pytest.mark.parametrize(
    "args",
    [
        ["deadline"],
        ["deadline", "--year", "abc", "Quý I"],
        ["deadline", "--year", "99999", "Quý I"],
        ["deadline", "--nonsense", "Quý I"],
    ],
)
def test_wrong_usage_is_one_vietnamese_line_and_exit_2(args):
    out = kstthc(*args)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi:")
    assert "Traceback" not in out.stderr


def test_any_text_is_read_without_error():
    out = kstthc("deadline", "--json", ";;; \u202e !!! Quý XIV/99999 ngày 99/99")
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert json.loads(out.stdout)["kind"] in {"dated", "periodic", "continuous", "on_demand", "unspecified"}
    out = kstthc("deadline", "--json", "-", stdin="\x00\x01 tháng 13/0000\n\ufffd quý 0\n")
    assert out.returncode == 0 and len(out.stdout.splitlines()) == 2


def test_in_process_main_returns_the_exit_code(capsys):
    from kstthc_desktop.cli import main

    assert main(["deadline", "--year", "2024", "--json", "Quý III"]) == 0
    assert json.loads(capsys.readouterr().out)["due"] == "2024-09-30"
    assert main(["deadline", "--year", "x"]) == 2
    assert capsys.readouterr().err.startswith("Lỗi:")
