"""Import speed: each shared plan in each form in-process, a 100-task plan, and end to end through the CLI.

In-process rows time ``extract(path)`` (read + understand + deadlines + document info). The CLI rows time a whole
``python -m kstthc_desktop import FILE --dry-run --json`` process and a real save into a fresh database: what the
officer waits for. Target: a 100-row plan well under a second.
"""

from __future__ import annotations

import copy
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "tests" / "fixtures" / "plans"
NAMES = ("soc-trang-2022", "dong-nai-so-noi-vu-2022", "vinh-long-2024")
FORMS = ("docx", "xlsx", "txt")
_TMP: list[Path] = []


def tmp() -> Path:
    """One scratch folder per run, made when first needed (importing this module for --list makes none)."""
    if not _TMP:
        _TMP.append(Path(tempfile.mkdtemp(prefix="bench-import-")))
    return _TMP[0]


def big_plan(form: str, tasks: int = 100) -> Path:
    """A plan of ``tasks`` rows in one table: the three plans' tasks, renumbered into ten sections."""
    path = tmp() / f"plan-{tasks}.{form}"
    if path.exists():
        return path
    sys.path.insert(0, str(ROOT / "tests"))
    from test_import_variants import VARIANTS, write_docx, write_xlsx

    pool = [t for name in NAMES for t in json.loads((PLANS / f"{name}.json").read_text(encoding="utf-8"))["tasks"]
            if not t["sub"]]
    sections = [{"code": r, "title": f"Nhóm nhiệm vụ {r}"} for r in ("I", "II", "III", "IV", "V", "VI", "VII",
                                                                        "VIII", "IX", "X")]
    plan_tasks = []
    for i in range(tasks):
        t = copy.deepcopy(pool[i % len(pool)])
        t.update(section=sections[i // (tasks // 10)]["code"], stt=str(i % (tasks // 10) + 1), sub=0)
        t["content"] = f"{t['content']} (đợt {i // len(pool) + 1})"
        plan_tasks.append(t)
    plan = {"document": {"issuer": "Ủy ban nhân dân tỉnh Bình Phước", "title": "KẾ HOẠCH Kiểm soát thủ tục hành "
                         "chính năm 2025", "year": 2025}, "sections": sections, "tasks": plan_tasks}
    (write_docx if form == "docx" else write_xlsx)(plan, VARIANTS[0], path)
    return path


def _in_process(path: Path):
    def setup(quick: bool):
        from kstthc_desktop.importers import extract

        n = len(extract(path).tasks)
        return (lambda: extract(path)), n
    return setup


BENCHMARKS = {f"extract {name}.{form}": _in_process(PLANS / f"{name}.{form}") for name in NAMES for form in FORMS}
BENCHMARKS.update({f"extract 100-row plan .{form}": (lambda form: lambda quick: _in_process(big_plan(form))(quick))(form)  # noqa: B023 - bound by the outer lambda
                   for form in ("docx", "xlsx")})


def _process(args: list[str], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "kstthc_desktop", *args], capture_output=True, cwd=ROOT)
        times.append((time.perf_counter() - start) * 1000)
        if done.returncode != 0:
            raise RuntimeError(done.stderr.decode("utf-8", "replace"))
    return times


def _row(name: str, times: list[float]) -> dict:
    from run import row  # the runner's, beside this file

    return row(name, times)


def figures(repeats: int = 5) -> list[dict]:
    rows = []
    files = [PLANS / f"{name}.{form}" for name in NAMES for form in FORMS]
    files += [big_plan("docx"), big_plan("xlsx")]
    for path in files:
        rows.append(_row(f"CLI import --dry-run --json {path.name}", _process(["import", str(path), "--dry-run", "--json"], repeats)))
    for path in (big_plan("docx"), big_plan("xlsx")):
        times = []
        for i in range(repeats):
            db = tmp() / f"save-{path.suffix}-{i}.db"
            times += _process(["import", str(path), "--db", str(db)], 1)
        rows.append(_row(f"CLI import {path.name} into a new database (target < 1000 ms)", times))
    return rows


if __name__ == "__main__":
    for name, setup in BENCHMARKS.items():
        fn, n = setup(False)
        t = []
        for _ in range(5):
            s = time.perf_counter()
            fn()
            t.append((time.perf_counter() - s) * 1000)
        print(f"{name:50} {statistics.median(t):8.1f} ms  ({n} tasks)")
    for r in figures(3):
        print(f"{r['name']:90} {r['median']:8.1f} ms")
