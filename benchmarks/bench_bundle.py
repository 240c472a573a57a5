"""Start-up of the PyInstaller bundle next to start-up from source, as fresh processes.

Two things the officer waits for: ``kstthc --version`` (the interpreter and the command line, no Qt) and
``kstthc --demo --exit-after-start`` (the demo database built and the main window shown once, offscreen unless
DISPLAY is set). Each is run from ``dist/kstthc`` and as ``python -m kstthc_desktop``, alternately, after one
untimed warm-up of each, so disk cache and machine load hit both alike.

    python3 benchmarks/bench_bundle.py [--repeats 7] [--rebuild] [--json out.json]

Needs the bundle: built here with ``scripts/build_bundle.sh --no-installer`` when ``dist/kstthc`` is missing (or
with ``--rebuild``), which needs PyInstaller (``pip install -e '.[build]'``). ``figures()`` returns the rows for
benchmarks/run.py; it is left out of ``--quick`` (a build takes about a minute).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "kstthc"
EXE = BUNDLE / ("kstthc.exe" if sys.platform == "win32" else "kstthc")
QUICK = False  # a bundle build is too slow for the quick CI run

CASES = {
    "--version": ["--version"],
    "--demo --exit-after-start": ["--demo", "--exit-after-start"],
}


def build_bundle() -> None:
    bash = shutil.which("bash")
    if bash is None:
        raise RuntimeError("bash is needed to run scripts/build_bundle.sh")
    subprocess.run([bash, str(ROOT / "scripts" / "build_bundle.sh"), "--no-installer"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _time(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return elapsed


def _row(name: str, times: list[float]) -> dict:
    from run import row  # the runner's, beside this file

    return row(name, times)


def figures(repeats: int = 7, rebuild: bool = False) -> list[dict]:
    if rebuild or not EXE.exists():
        build_bundle()
    rows = []
    with tempfile.TemporaryDirectory(prefix="kstthc-bench-bundle-") as tmp:
        env = _env(Path(tmp))
        for case, args in CASES.items():
            programs = {"bundle": [str(EXE), *args], "source": [sys.executable, "-m", "kstthc_desktop", *args]}
            times: dict[str, list[float]] = {who: [] for who in programs}
            for cmd in programs.values():
                _time(cmd, env)  # warm-up, not counted
            for _ in range(repeats):
                for who, cmd in programs.items():
                    times[who].append(_time(cmd, env))
            for who in programs:
                rows.append(_row(f"start-up {case} ({who})", times[who]))
            ratio = statistics.median(times["bundle"]) / statistics.median(times["source"])
            rows.append({"name": f"start-up {case} bundle/source", "median": ratio, "min": None, "max": None,
                         "unit": "x", "n": repeats})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true", help="build dist/kstthc again first")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    rows = figures(args.repeats, args.rebuild)
    for r in rows:
        spread = f"  (min {r['min']:.0f}, max {r['max']:.0f})" if r["min"] is not None else ""
        print(f"{r['name']:48} {r['median']:8.2f} {r['unit']}{spread}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
