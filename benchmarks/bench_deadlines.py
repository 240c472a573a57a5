"""Deadline figures: the reader over a few thousand printed deadlines, and the occurrences and statuses of every
task of a 10-year database (generated in memory: the store is not needed).

Texts mix every deadline printed in the three real plans with the forms officers type (capitals, NFD, no
diacritics, other years and dates); the same fixed seed every run so figures compare.
"""

from __future__ import annotations

import json
import random
import unicodedata
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_PLANS = ROOT / "tests" / "fixtures" / "plans"

_TEMPLATES = [
    "Thường xuyên", "Hằng quý", "Hàng quý, năm", "Định kỳ 6 tháng, năm", "Ngày {d:02d} hàng tháng",
    "trước ngày {d} của tháng cuối quý", "Quý {r}/{y}", "Quý {q} năm {y}", "Tháng {m}/{y}", "Trước ngày {d}/{m}/{y}",
    "Chậm nhất ngày {d:02d}/{m:02d}/{y}", "Trong quý I, quý II/{y}", "Tháng 01 - {m}/{y}", "Năm {y}", "Trong năm {y}.",
    "6 tháng đầu năm", "Khi có phát sinh", "Theo yêu cầu của UBND tỉnh", "Đột xuất",
    "Trong thời gian {d} ngày kể từ ngày tiếp nhận", "Theo lộ trình tại Quyết định số {d}/QĐ-UBND ngày {d}/{m}/{y}",
    "Thường xuyên và đột xuất khi có yêu cầu", "Định kỳ hàng quý và năm hoặc đột xuất", "-", "",
    "Báo cáo kết quả kiểm tra", "Hằng tháng (trước ngày {d})", "Từ tháng 3 đến tháng {m}/{y}", "Đến hết năm {y}",
]
_ROMAN = ["I", "II", "III", "IV"]


def _fixture_texts() -> list[str]:
    texts = []
    for path in sorted(_PLANS.glob("*.json")):
        plan = json.loads(path.read_text(encoding="utf-8"))
        texts += [t["deadline_text"] for t in plan["tasks"]]
    return texts


def deadline_texts(n: int, seed: int = 1) -> list[str]:
    """``n`` printed deadlines, as varied as officers type them."""
    rng = random.Random(seed)
    base = _fixture_texts()
    out = []
    for i in range(n):
        if base and i % 5 == 0:
            text = rng.choice(base)
        else:
            q = rng.randint(1, 4)
            text = rng.choice(_TEMPLATES).format(d=rng.randint(1, 28), m=rng.randint(1, 12), y=rng.randint(2020, 2030),
                                                q=q, r=_ROMAN[q - 1])
        variant = rng.randint(0, 4)
        if variant == 1:
            text = unicodedata.normalize("NFD", text)
        elif variant == 2:
            text = text.upper()
        elif variant == 3:
            from kstthc_desktop.text import fold

            text = fold(text)
        out.append(text)
    return out


def _reader(quick: bool):
    from kstthc_desktop.deadlines import read_deadline

    texts = deadline_texts(300 if quick else 3000)
    read_deadline("Quý III", 2024)  # imports and compiled patterns out of the timing

    def work():
        for text in texts:
            read_deadline(text, 2024)

    return work, len(texts)


def ten_year_database(years: int = 10, tasks_per_year: int = 200, seed: int = 2):
    """(year, task, events, progress) for ``years`` plan years of ``tasks_per_year`` tasks, with a year of progress."""
    from kstthc_desktop.deadlines import read_deadline
    from kstthc_desktop.domain import ProgressEntry, Task

    rng = random.Random(seed)
    texts = ["Thường xuyên", "Hằng quý", "trước ngày 19 của tháng cuối quý", "Ngày 05 hàng tháng", "Hàng quý, năm",
             "Quý III", "Trước ngày 31/01", "Trong năm", "Khi có phát sinh", "Trong thời gian 10 ngày kể từ ngày tiếp nhận",
             "Định kỳ 6 tháng, năm", "Tháng 6"]
    rows = []
    task_id = 0
    for year in range(2020, 2020 + years):
        for _ in range(tasks_per_year):
            task_id += 1
            text = rng.choice(texts)
            task = Task(id=task_id, deadline_text=text, deadline=read_deadline(text, year))
            events = [(task_id * 100 + k, date(year, 1, 1) + timedelta(days=rng.randint(0, 340))) for k in range(rng.randint(0, 4))]
            progress = [
                ProgressEntry(task_id, date(year, m, rng.randint(1, 28)), "Đã thực hiện", f"{year}-Q{(m - 1) // 3 + 1}",
                              done=rng.random() < 0.6)
                for m in range(1, 13) if rng.random() < 0.5
            ]
            rows.append((year, task, events, progress))
    return rows


def _occurrences(quick: bool):
    from kstthc_desktop.occurrences import occurrences

    db = ten_year_database(2 if quick else 10, 50 if quick else 200)

    def work():
        for year, task, events, _ in db:
            occurrences(task.deadline, year, events)

    work()  # holiday tables loaded outside the timing
    return work, len(db)


def _statuses(quick: bool):
    from kstthc_desktop.periods import periods_of_year
    from kstthc_desktop.status import task_status

    db = ten_year_database(2 if quick else 10, 50 if quick else 200)
    today = date(2031, 1, 1)

    def work():
        for year, task, events, progress in db:
            for period in periods_of_year(year, "quarter"):
                task_status(task, progress, period, today, events=events)

    work()
    return work, 4 * len(db)


BENCHMARKS = {
    "deadline reader: printed deadlines (3,000)": _reader,
    "occurrences: every task of a 10-year database (2,000 tasks)": _occurrences,
    "status: every task x quarter of a 10-year database (8,000)": _statuses,
}
