"""Where the start-up goes: an empty PySide6 window, then the same window with more of our kinds of widgets (static
text, none of our modules), then ``kstthc --demo --exit-after-start``, all started alternately as fresh processes.

    python3 benchmarks/startup_ladder.py [--runs 21]

It answers "how much of our start is Qt drawing a window like ours, and how much is our own code" (docs/startup.md,
"Where the time goes"). Not part of benchmarks/run.py: it is a diagnosis, not a figure with a target.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_gui import EMPTY_WINDOW, ROOT, _env  # noqa: E402

#: What a rung adds to the empty window, before it shows (LEVEL is replaced by 1, 2 or 3).
WIDGETS = """
from PySide6.QtWidgets import (QComboBox, QGridLayout, QLabel, QListWidget, QScrollArea, QTabWidget, QVBoxLayout,
                               QWidget)
LEVEL = {level}
window.setCentralWidget(QLabel("Tổng quan quý IV năm 2024 — Hôm nay: 13/12/2024 · 40 nhiệm vụ đang theo dõi"))
if LEVEL >= 2:
    for title in ["&Tệp", "&Công việc", "&Báo cáo", "C&ài đặt", "Trợ &giúp"]:
        window.menuBar().addMenu(title)
    bar = window.addToolBar("Kế hoạch")
    for _ in range(3):
        combo = QComboBox()
        combo.addItems(["Quý IV năm 2024", "2024"])
        bar.addWidget(combo)
if LEVEL >= 3:
    tabs = QTabWidget()
    area = QScrollArea()
    body = QWidget()
    area.setWidget(body)
    area.setWidgetResizable(True)
    column = QVBoxLayout(body)
    grid = QGridLayout()
    column.addLayout(grid)
    for i in range(8):
        card = QLabel(f"{{i}}  Chưa hoàn thành – trong hạn")
        card.setWordWrap(True)
        grid.addWidget(card, i // 4, i % 4)
    attention = QListWidget()
    attention.setWordWrap(True)
    for i in range(6):
        attention.addItem(f"Quá hạn 30/11/2024 · {{i}}. Rà soát, đánh giá thủ tục hành chính thuộc phạm vi quản lý")
    column.addWidget(attention)
    tabs.addTab(area, "Tổng quan")
    tabs.addTab(QWidget(), "Nhiệm vụ")
    window.setCentralWidget(tabs)
"""


def skeleton(level: int) -> str:
    """The empty window's script with a rung's widgets added before it shows."""
    head, tail = EMPTY_WINDOW.split("class Quit(QObject):")
    return head + WIDGETS.format(level=level) + "class Quit(QObject):" + tail


RUNGS = (
    ("empty PySide6 window", None),
    ("+ one label of Vietnamese text", 1),
    ("+ menus, tool bar with three drop-downs", 2),
    ("+ tabs, eight word-wrapped cards and a list", 3),
)


def ladder(runs: int) -> list[tuple[str, float]]:
    """Median start-up (ms) of each rung and of our program, alternating processes."""
    folder = Path(tempfile.mkdtemp(prefix="kstthc-ladder-"))
    commands: dict[str, list[str]] = {}
    for name, level in RUNGS:
        script = folder / f"rung{level or 0}.py"
        script.write_text(EMPTY_WINDOW if level is None else skeleton(level), encoding="utf-8")
        commands[name] = [sys.executable, str(script)]
    commands["kstthc --demo --exit-after-start"] = [sys.executable, "-m", "kstthc_desktop", "--demo",
                                                   "--exit-after-start"]
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "kstthc_desktop")], check=True)
    env = _env()
    times: dict[str, list[float]] = {name: [] for name in commands}
    from bench_gui import _time

    for _ in range(runs + 1):  # the first round warms the disk cache and is dropped
        for name, command in commands.items():
            times[name].append(_time(command, env) * 1000)
    return [(name, statistics.median(values[1:])) for name, values in times.items()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    rows = ladder(args.runs)
    empty = rows[0][1]
    for name, median in rows:
        print(f"{median:7.1f} ms  {median / empty:5.2f}x  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
