"""The wheel is the program: every package and the shipped resources go in, and an installed wheel (not editable, no
checkout beside it) runs the demo window, an import and a report."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kstthc_desktop.reports.fonts import windows_fonts_dir

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "tests" / "fixtures" / "plans" / "vinh-long-2024.docx"


def test_the_wheel_lists_every_package_folder_and_maps_resources_into_the_package():
    """pyproject.toml names its packages (the resources mapping needs that): a new package folder missing from the
    list would be missing from every installed program."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "kstthc_desktop").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert set(config["packages"]) == folders | {"kstthc_desktop._resources"}
    assert config["package-dir"] == {"kstthc_desktop._resources": "resources"}
    assert config["package-data"]["kstthc_desktop._resources"] == ["**/*"]


def _copy_of_the_source(target: Path) -> Path:
    """The repository without what a build or a run leaves in it (a wheel builds in its source folder)."""
    ignore = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                                    ".hypothesis", ".ruff_cache", ".mypy_cache", "results", "screenshots")
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False,
                          **kwargs)
    assert done.returncode == 0, f"{cmd} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.mark.slow
def test_an_installed_wheel_runs_the_demo_an_import_and_a_report(tmp_path):
    source = _copy_of_the_source(tmp_path / "source")
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "wheels"), str(source)])
    wheel = next((tmp_path / "wheels").glob("kstthc_desktop-*.whl"))
    shutil.rmtree(source)  # nothing of the checkout is left to fall back on
    _run([sys.executable, "-m", "venv", str(tmp_path / "venv")])
    bin_dir = tmp_path / "venv" / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    _run([str(python), "-m", "pip", "install", "-q", str(wheel)])

    run_dir = tmp_path / "run"
    run_dir.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONPATH", None)
    for name in ("DATA", "STATE", "CACHE", "CONFIG"):
        env[f"XDG_{name}_HOME"] = str(tmp_path / "user" / name.lower())
    kstthc = [str(bin_dir / "kstthc")]
    where = _run([str(python), "-c", "from kstthc_desktop.paths import resource; print(resource('fonts'))"],
                 cwd=run_dir, env=env).stdout.strip()
    assert Path(where).is_relative_to(tmp_path / "venv") and Path(where).is_dir(), where

    _run([*kstthc, "--demo", "--smoke-test"], cwd=run_dir, env=env, timeout=300)
    db = run_dir / "plan.sqlite3"
    imported = _run([*kstthc, "import", str(PLAN), "--db", str(db)], cwd=run_dir, env=env, timeout=300)
    assert "Đã lưu kế hoạch năm 2024" in imported.stdout
    report = run_dir / "bao-cao.pdf"
    _run([*kstthc, "report", "--db", str(db), "--period", "2024-Q3", "--today", "2024-10-20", "--out", str(report)],
         cwd=run_dir, env=env, timeout=300)
    pdf = report.read_bytes()
    assert pdf.startswith(b"%PDF-")
    if windows_fonts_dir() is None:  # Windows has Times New Roman; elsewhere the fonts shipped in the wheel
        assert b"LiberationSerif" in pdf
