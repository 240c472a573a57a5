"""The one benchmark runner: prints a table (median, min, max over several runs) and writes JSON.

    python3 benchmarks/run.py                 # every benchmark, 7 runs each
    python3 benchmarks/run.py --quick         # small data, few runs: only to see that everything still runs (CI)
    python3 benchmarks/run.py --only deadline --runs 11 --out my.json
    python3 benchmarks/run.py --list

Adding benchmarks: drop a module ``benchmarks/bench_<topic>.py`` next to this file. It is imported by the runner
(with the repository root on ``sys.path``) and may offer either or both of:

- ``BENCHMARKS = {"name": setup, ...}`` where ``setup(quick: bool)`` prepares the data (not timed) and returns the
  zero-argument function to time, or a tuple ``(function, items)`` where ``items`` is how many things one call
  handles (the table then also shows µs per item). The runner calls the function ``--runs`` times (3 in quick mode).
- ``figures(repeats: int) -> list[dict]`` for benchmarks that time things themselves (processes, windows): rows
  ``{"name", "median", "min", "max", "unit", "n"}``. In quick mode they get ``repeats=1``; a module that is too
  heavy even then sets ``QUICK = False`` and is skipped by ``--quick``.

Results go to ``benchmarks/results/<UTC time>.json`` (quick runs to ``quick-<UTC time>.json``; the folder is git-ignored) with
the machine and Python they were measured on. Benchmarks are figures to compare, not timed tests.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import statistics
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def discover() -> dict[str, object]:
    """The ``bench_*.py`` modules beside this file, by topic name ("deadlines" for bench_deadlines.py)."""
    modules = {}
    for path in sorted(HERE.glob("bench_*.py")):
        topic = path.stem.removeprefix("bench_")
        spec = importlib.util.spec_from_file_location(f"benchmarks_{topic}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        modules[topic] = module
    return modules


def _timed(setup, quick: bool, runs: int) -> dict:
    prepared = setup(quick)
    fn, items = prepared if isinstance(prepared, tuple) else (prepared, None)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    timed = row("", times)
    del timed["name"]
    if items:
        timed["items"] = items
        timed["us_per_item"] = timed["median"] * 1000 / items
    return timed


def row(name: str, values: list[float], unit: str = "ms", scale: float = 1.0) -> dict:
    """A table row of repeated measurements: median, min and max of ``values`` times ``scale`` (1000 turns
    seconds into ms). Benchmark modules build their ``figures()`` rows with it."""
    return {"name": name, "median": statistics.median(values) * scale, "min": min(values) * scale,
            "max": max(values) * scale, "unit": unit, "n": len(values)}


def figures_main(figures, description: str, argv: list[str] | None = None) -> int:
    """The command line of a benchmark module run on its own: ``--repeats N``, ``--json FILE``; prints the table."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    rows = figures(args.repeats)
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def run(only: list[str] | None = None, quick: bool = False, runs: int | None = None) -> tuple[list[dict], list[str]]:
    """Run the selected benchmarks; returns (rows, failures)."""
    runs = runs or (3 if quick else 7)
    rows, failures = [], []

    def wanted(topic: str, name: str = "") -> bool:
        return not only or any(o.lower() in topic.lower() or o.lower() in name.lower() for o in only)

    for topic, module in discover().items():
        for name, setup in getattr(module, "BENCHMARKS", {}).items():
            if not wanted(topic, name):
                continue
            try:
                rows.append({"topic": topic, "name": name, **_timed(setup, quick, runs)})
            except Exception:  # noqa: BLE001 - one broken benchmark is reported, the others still run
                failures.append(f"{topic}: {name}\n{traceback.format_exc()}")
        figures = getattr(module, "figures", None)
        if figures is None or not wanted(topic) or (quick and getattr(module, "QUICK", True) is False):
            continue
        try:
            for row in figures(1 if quick else runs):
                rows.append({"topic": topic, **row})
        except Exception:  # noqa: BLE001 - reported with its traceback, the other topics still run
            failures.append(f"{topic}: figures()\n{traceback.format_exc()}")
    return rows, failures


def _fmt(value) -> str:
    if value is None:
        return ""
    return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"


def table(rows: list[dict]) -> str:
    width = max([len(r["name"]) for r in rows] + [9])
    head = f"{'benchmark':{width}}  {'median':>9} {'min':>9} {'max':>9} {'unit':4} {'runs':>4} {'items':>6} {'µs/item':>9}"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r['name']:{width}}  {_fmt(r.get('median')):>9} {_fmt(r.get('min')):>9} {_fmt(r.get('max')):>9} "
            f"{r.get('unit', ''):4} {r.get('n', ''):>4} {r.get('items', ''):>6} {_fmt(r.get('us_per_item')):>9}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="KSTTHC Desktop benchmarks: median/min/max table and JSON.")
    parser.add_argument("--quick", action="store_true", help="small data and few runs (CI: does it still run?)")
    parser.add_argument("--runs", type=int, help="runs per benchmark (default 7, quick 3)")
    parser.add_argument("--only", action="append", metavar="TEXT", help="only benchmarks whose topic or name has TEXT")
    parser.add_argument("--out", type=Path, help="JSON file to write (default: benchmarks/results/<time>.json)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)

    if args.list:
        for topic, module in discover().items():
            for name in getattr(module, "BENCHMARKS", {}):
                print(f"{topic}: {name}")
            if hasattr(module, "figures"):
                print(f"{topic}: figures()" + (" [not in --quick]" if getattr(module, "QUICK", True) is False else ""))
        return 0

    rows, failures = run(args.only, args.quick, args.runs)
    if rows:
        print(table(rows))
    now = datetime.now(UTC)
    out = args.out or RESULTS / f"{'quick-' if args.quick else ''}{now:%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "when": now.isoformat(timespec="seconds"),
                "quick": args.quick,
                "python": platform.python_version(),
                "machine": f"{platform.system()} {platform.machine()} {platform.processor()}".strip(),
                "rows": rows,
                "failures": failures,
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    print(f"\nJSON: {out}")
    for failure in failures:
        print(f"\nFAILED {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
