"""Desktop figures: start-up of ``kstthc --demo --exit-after-start`` against an empty PySide6 window measured in the
same run (target: at most 1.8x), start-up on a 2,000-task database (target: at most 2x the empty window; a plan just
imported, and for comparison the same size with the demo's progress on every task), changing
the period with 2,000 tasks on screen (target: at most 150 ms) and filtering a 20,000-task database in the real
window (target: under 100 ms).

    python3 benchmarks/bench_gui.py [--repeats 7] [--json out.json]

Both programs are started alternately as fresh processes (same Python, same Qt platform: offscreen unless
DISPLAY is set), so disk cache and machine load hit them alike. ``figures()`` returns the rows for
benchmarks/run.py.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
EMPTY_WINDOW = """
import os
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 760)
class Quit(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
q = Quit(window)
window.installEventFilter(q)
window.show()
status = app.exec()
os._exit(status)  # like kstthc --exit-after-start: measure the start, not the teardown
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="kstthc-bench-config-"))
    env.setdefault("XDG_DATA_HOME", tempfile.mkdtemp(prefix="kstthc-bench-data-"))
    env.setdefault("XDG_STATE_HOME", tempfile.mkdtemp(prefix="kstthc-bench-state-"))
    # Our own cache (the demo's template database, the holiday table), made by the warm-up run: a cache shared
    # with other installs of the program is rebuilt whenever one of them writes it for its own version.
    env.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="kstthc-bench-cache-"))
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far; 0 where Python cannot tell (Windows)."""
    try:
        import resource
    except ImportError:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run_timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of ``cmd``. The CPU time says more than the wall clock on a machine
    shared with other work, where waiting for a core can double a start."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed, _children_cpu() - cpu


def _time(cmd: list[str], env: dict[str, str]) -> float:
    return _run_timed(cmd, env)[0]


def bench_startup(repeats: int = 7, db: Path | None = None) -> dict:
    """``kstthc --exit-after-start`` (on the demo, or on the database ``db``) and the empty window, alternately."""
    env = _env()
    script = Path(tempfile.mkdtemp(prefix="kstthc-bench-")) / "empty_window.py"
    script.write_text(EMPTY_WINDOW, encoding="utf-8")
    where = ["--db", str(db), "--today", "2024-12-13"] if db is not None else ["--demo"]
    ours = [sys.executable, "-m", "kstthc_desktop", *where, "--exit-after-start"]
    empty = [sys.executable, str(script)]
    # Measure the program as installed: pip and the bundle ship compiled bytecode, while a source checkout run
    # with PYTHONDONTWRITEBYTECODE=1 would compile every module of ours again at each start (about 35 ms).
    # (The empty window's own modules are PySide6's and the standard library's, already compiled.)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "kstthc_desktop")], check=True,
                   capture_output=True)
    _time(ours, env), _time(empty, env)  # warm the disk cache (and our cache folder) for both
    a, b, a_cpu, b_cpu = [], [], [], []
    for _ in range(repeats):
        for runs, cpus, command in ((a, a_cpu, ours), (b, b_cpu, empty)):
            wall, cpu = _run_timed(command, env)
            runs.append(wall)
            cpus.append(cpu)
    cpu_ratio = statistics.median(a_cpu) / statistics.median(b_cpu) if any(b_cpu) else None
    # Each round's own ratio (ours, then the empty window, back to back), the median of them: a machine that
    # slows down for a while (a virtual machine's neighbours) moves both of a round alike, while the ratio of the
    # two medians can take ours from a slow stretch and the empty window's from a quick one.
    paired = statistics.median(x / y for x, y in zip(a, b, strict=True))
    return {"kstthc": a, "empty": b, "ratio": statistics.median(a) / statistics.median(b), "cpu_ratio": cpu_ratio,
            "paired_ratio": paired, "instructions_ratio": instructions_ratio(ours, empty, env) if repeats > 1 else None}


def instructions_ratio(ours: list[str], empty: list[str], env: dict[str, str]) -> float | None:
    """Instructions one start of ``ours`` executes per instruction of the empty window's, counted by valgrind's
    callgrind (user space only: no disk, no waiting). The same on every run of the same code, whatever the machine
    is doing: the figure to compare two versions of the code with. None without valgrind."""
    import re
    import shutil

    if shutil.which("valgrind") is None:
        return None
    counts = []
    for command in (ours, empty):
        done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
                              env={**env, "PYTHONHASHSEED": "0"}, cwd=ROOT, capture_output=True, text=True)
        found = re.search(r"Collected : (\d+)", done.stderr)
        if done.returncode != 0 or found is None:
            return None
        counts.append(int(found.group(1)))
    return counts[0] / counts[1]


def make_big_db(path: Path, n: int = 20_000) -> int:
    """A database with one plan of ``n`` tasks of every deadline kind (copies of the demo plan's tasks), with no
    progress and no event: the plan just imported."""
    from dataclasses import replace

    from kstthc_desktop.demo import demo_plan
    from kstthc_desktop.store import Store

    plan = demo_plan()
    base = plan.tasks
    plan.tasks = [replace(base[i % len(base)], stt=str(i + 1), sub=0, content=f"{base[i % len(base)].content} (#{i})")
                  for i in range(n)]
    with Store.open(path, lock=False) as store:
        return store.save_plan(plan)


def make_worked_db(path: Path, n: int = 2_000) -> int:
    """A plan being worked on: the demo database's tasks ``n // 40`` times over, each copy with the demo's progress
    (about two entries per task, dated through the year), events and settings. Every status is computed from the
    task's own entries here, as for the officer's own plan late in the year."""
    from dataclasses import replace

    from kstthc_desktop.demo import build_demo_db
    from kstthc_desktop.store import Store

    demo_path = Path(tempfile.mkdtemp(prefix="kstthc-bench-")) / "demo.sqlite3"
    build_demo_db(demo_path, date(2024, 12, 13))
    with Store.open(demo_path, lock=False) as demo:
        plan_id = demo.plans()[0].id
        plan, progress, events = demo.load_plan(plan_id), demo.progress(plan_id=plan_id), demo.events(plan_id=plan_id)
        settings = demo.settings()
    base = plan.tasks
    copies = max(1, n // len(base))
    plan.id = None
    for section in plan.sections:
        section.id = None
    plan.tasks = [replace(t, id=None, stt=str(k * len(base) + i + 1), content=f"{t.content} (#{k})")
                  for k in range(copies) for i, t in enumerate(base)]
    index = {t.id: i for i, t in enumerate(base)}
    with Store.open(path, lock=False) as store:
        store.save_settings(settings)
        new_id = store.save_plan(plan)
        ids = [t.id for t in store.tasks(new_id)]
        with store.transaction():
            for k in range(copies):
                for entry in progress:
                    store.add_progress(replace(entry, id=None, task_id=ids[k * len(base) + index[entry.task_id]]))
                for event in events:
                    store.add_event(ids[k * len(base) + index[event.task_id]], event.event_date, event.text)
        return new_id


def bench_period_change(repeats: int = 7, n: int = 2_000) -> dict:
    """Time choosing another quarter in the real main window over ``n`` tasks: on the dashboard, and with the task
    page (table, filters, sections tree) shown."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kstthc_desktop.gui.app import make_application
    from kstthc_desktop.gui.main_window import MainWindow
    from kstthc_desktop.store import Store

    app = make_application()
    folder = Path(tempfile.mkdtemp(prefix="kstthc-bench-"))
    make_big_db(folder / "big.sqlite3", n)
    store = Store.open(folder / "big.sqlite3", lock=False)
    window = MainWindow(store, date(2024, 12, 13))
    window.show()
    app.processEvents()
    times: dict[str, list[float]] = {"dashboard": [], "task_page": []}
    for _ in range(repeats):  # the two pages alternately, so that the machine's load hits them alike
        for tab, page in enumerate(times):
            window.tabs.setCurrentIndex(tab)
            app.processEvents()
            following = (window.period_combo.currentIndex() + 1) % window.period_combo.count()
            t0 = time.perf_counter()
            window.period_combo.setCurrentIndex(following)
            app.processEvents()
            times[page].append(time.perf_counter() - t0)
    assert window.task_page.model.rowCount() == n
    window.close()
    store.close()
    return {"tasks": n, **times}


def bench_filter(repeats: int = 7, n: int = 20_000) -> dict:
    """Time typing a search (without diacritics) and choosing a status in the real main window."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kstthc_desktop.gui.app import make_application
    from kstthc_desktop.gui.main_window import MainWindow
    from kstthc_desktop.store import Store

    app = make_application()
    folder = Path(tempfile.mkdtemp(prefix="kstthc-bench-"))
    t0 = time.perf_counter()
    make_big_db(folder / "big.sqlite3", n)
    build = time.perf_counter() - t0
    store = Store.open(folder / "big.sqlite3", lock=False)
    t0 = time.perf_counter()
    window = MainWindow(store, date(2024, 12, 13))
    window.show()
    app.processEvents()
    open_time = time.perf_counter() - t0
    window.tabs.setCurrentIndex(1)
    assert window.task_page.model.rowCount() == n
    searches = ["kiem soat", "thu tuc hanh chinh", "phan anh kien nghi", "tiep nhan", "#1999"]
    typed, status = [], []
    for i in range(repeats):
        text = searches[i % len(searches)]
        window.task_page.search.clear()
        app.processEvents()
        t0 = time.perf_counter()
        window.task_page.search.setText(text)
        app.processEvents()
        typed.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        window.task_page.status_combo.setCurrentIndex(1 + i % (window.task_page.status_combo.count() - 1))
        app.processEvents()
        status.append(time.perf_counter() - t0)
        window.task_page.status_combo.setCurrentIndex(0)
    shown = window.task_page.proxy.rowCount()
    window.close()
    store.close()
    return {"search": typed, "status": status, "tasks": n, "build_db_s": build, "open_window_s": open_time,
            "last_shown": shown}


def _row(name: str, seconds: list[float]) -> dict:
    from run import row  # the runner's, beside this file

    return row(name, seconds, scale=1000.0)


def _start_rows(what: str, target: str, start: dict, repeats: int) -> list[dict]:
    """The rows of one start-up comparison: both programs' times and their ratios (``target`` after the first)."""

    def ratio(name: str, value: float | None) -> dict:
        return {"name": name, "median": value, "min": None, "max": None, "unit": "x", "n": repeats}

    ratios = [ratio(f"start ratio{what}{target}", start["ratio"]),
              ratio(f"start ratio{what}, round by round", start["paired_ratio"]),
              ratio(f"start ratio{what} in CPU time", start["cpu_ratio"])]
    if start["instructions_ratio"] is not None:
        ratios.append(ratio(f"start ratio{what} in instructions (valgrind)", start["instructions_ratio"]))
    return ratios


def figures(repeats: int = 7) -> list[dict]:
    start = bench_startup(repeats)
    rows = [
        _row("start: kstthc --demo --exit-after-start", start["kstthc"]),
        _row("start: empty PySide6 window", start["empty"]),
        *_start_rows("", " (target <= 1.8)", start, repeats),
    ]
    n = 2_000 if repeats > 1 else 200  # --quick: a small database
    big = Path(tempfile.mkdtemp(prefix="kstthc-bench-")) / "big.sqlite3"
    make_big_db(big, n)
    start = bench_startup(repeats, big)
    rows += [
        _row(f"start: kstthc --db <{n} tasks> --exit-after-start", start["kstthc"]),
        _row("start: empty PySide6 window", start["empty"]),
        *_start_rows(f" on {n} tasks", " (target <= 2)", start, repeats),
    ]
    worked = Path(tempfile.mkdtemp(prefix="kstthc-bench-")) / "worked.sqlite3"
    make_worked_db(worked, n)
    start = bench_startup(repeats, worked)
    rows += [
        _row(f"start: kstthc --db <{n} tasks with progress> --exit-after-start", start["kstthc"]),
        _row("start: empty PySide6 window", start["empty"]),
        *_start_rows(f" on {n} tasks with progress", "", start, repeats),
    ]
    change = bench_period_change(max(repeats, 3), n)
    rows += [
        _row(f"change period, {n} tasks, dashboard shown", change["dashboard"]),
        _row(f"change period, {n} tasks, task page shown (target <= 150 ms)", change["task_page"]),
    ]
    flt = bench_filter(max(repeats, 3), 20_000 if repeats > 1 else 2_000)  # --quick: a small database
    rows += [
        _row(f"filter {flt['tasks']} tasks: type a search (target < 100 ms)", flt["search"]),
        _row(f"filter {flt['tasks']} tasks: choose a status (target < 100 ms)", flt["status"]),
        {"name": f"open window on {flt['tasks']} tasks (statuses computed)", "median": flt["open_window_s"] * 1000,
         "min": None, "max": None, "unit": "ms", "n": 1},
    ]
    return rows


def main(argv: list[str] | None = None) -> int:
    from run import figures_main  # the runner, beside this file

    return figures_main(figures, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())
