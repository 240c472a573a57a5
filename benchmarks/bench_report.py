"""Report figures: reports of a 200-task plan with a year of progress (target: Word and PDF each under one second;
a 2,000-task plan, a province office's consolidated report, under three).

    python3 benchmarks/bench_report.py [--repeats 7] [--tasks 200] [--json out.json]

The plan mixes every deadline kind; each task gets one progress entry a month (2,400 entries for 200 tasks) and
every third entry an evidence document. Two reports are timed: the quarterly one for Quý IV (the database holds
the whole year; the window keeps three months of it) and the annual one (window 15/12/2024 – 14/12/2025, every
entry; part I prints at most six entries a task, the workbook all). Timed separately: building the data from the
database, writing the PDF, the Word document and the workbook, and the whole "kstthc report" path (build + PDF).
``figures()`` returns the rows for benchmarks/run.py.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = date(2025, 12, 16)
PERIOD = "2025"


def make_report_db(path: Path, n: int = 200) -> int:
    """A database with one 2025 plan of ``n`` tasks and a year of progress and evidence; returns the plan id."""
    from kstthc_desktop.domain import (
        Deadline, DeadlineKind, Evidence, Plan, PlanDocument, ProgressEntry, Section, Settings, Task,
    )
    from kstthc_desktop.store import Store

    kinds = [
        (DeadlineKind.CONTINUOUS, "Thường xuyên", {}),
        (DeadlineKind.PERIODIC, "Hằng quý", {"every": {"quarter": 19}}),
        (DeadlineKind.PERIODIC, "Hằng tháng", {"every": {"month": None}}),
        (DeadlineKind.DATED, "Quý III/2025", {"due": date(2025, 9, 30)}),
        (DeadlineKind.ON_DEMAND, "Khi có phát sinh", {}),
    ]
    sections = [Section(code, title) for code, title in (
        ("I", "Công tác chỉ đạo, điều hành"), ("II", "Kiểm soát quy định thủ tục hành chính"),
        ("III", "Công bố, công khai thủ tục hành chính"), ("IV", "Thực hiện cơ chế một cửa, một cửa liên thông"),
        ("V", "Tiếp nhận, xử lý phản ánh, kiến nghị"))]
    tasks = []
    for i in range(n):
        kind, text, extra = kinds[i % len(kinds)]
        tasks.append(Task(
            section=sections[i % len(sections)].code, stt=f"{i % len(sections) + 1}.{i // len(sections) + 1}",
            content=f"Rà soát, đánh giá và công khai thủ tục hành chính thuộc lĩnh vực số {i + 1} theo kế hoạch của tỉnh",
            result="Báo cáo kết quả", lead=("Văn phòng Sở", "Phòng Kế hoạch", "Thanh tra Sở")[i % 3],
            cooperate="Các phòng chuyên môn", deadline_text=text, deadline=Deadline(kind=kind, **extra)))
    plan = Plan(document=PlanDocument(issuer="Sở Khoa học và Công nghệ", year=2025,
                                      title="Kế hoạch kiểm soát thủ tục hành chính năm 2025"),
                sections=sections, tasks=tasks)
    with Store.open(path) as store:
        store.save_settings(Settings(parent_body="UBND tỉnh Sóc Trăng", body_name="Sở Khoa học và Công nghệ",
                                     body_short="SKHCN", place_name="Sóc Trăng", signer_authority="KT. GIÁM ĐỐC",
                                     signer_title="PHÓ GIÁM ĐỐC", signer_name="Nguyễn Văn An"))
        plan_id = store.save_plan(plan)
        with store.transaction():
            for k, task in enumerate(store.tasks(plan_id)):
                for month in range(1, 13):
                    day = date(2025, month, 1 + (k % 12))
                    entry = store.add_progress(ProgressEntry(
                        task.id, day, f"Đã thực hiện nội dung tháng {month}: rà soát {k % 7 + 3} thủ tục hành chính",
                        f"2025-{month:02d}", done=month % 3 == 0))
                    if month % 3 == 0:
                        store.add_evidence(Evidence(task.id, f"{k * 12 + month}/BC-SKHCN", day, progress_id=entry,
                                                    summary="về kết quả rà soát thủ tục hành chính"))
    return plan_id


_DBS: dict[int, tuple[Path, int]] = {}


def _db(n: int) -> tuple[Path, int]:
    """One database per plan size and process (both reports read the same one)."""
    if n not in _DBS:
        db = Path(tempfile.mkdtemp(prefix="kstthc-bench-report-")) / "plan.sqlite3"
        _DBS[n] = (db, make_report_db(db, n))
    return _DBS[n]


def bench(repeats: int = 7, n: int = 200, period: str = PERIOD) -> dict:
    """Wall and CPU seconds of each step; CPU time is reported too because the machine may be shared."""
    from kstthc_desktop.reports.data import build_report
    from kstthc_desktop.reports.excel import write_xlsx
    from kstthc_desktop.reports.pdf import write_pdf
    from kstthc_desktop.reports.word import write_docx
    from kstthc_desktop.store import Store

    db, plan_id = _db(n)
    folder = Path(tempfile.mkdtemp(prefix="kstthc-bench-report-"))
    times = {"build": [], "pdf": [], "docx": [], "xlsx": [], "total": [], "total_cpu": []}
    with Store.open(db) as store:
        settings, texts = store.settings(), {"shortcomings": "Một số nhiệm vụ còn chậm.", "proposals": "Không."}
        data = build_report(store, plan_id, period, TODAY)
        write_pdf(data, settings, texts, folder / "warm.pdf")  # fonts parsed once per process, as in the program
        for _ in range(repeats):
            c0, t0 = time.process_time(), time.perf_counter()
            data = build_report(store, plan_id, period, TODAY)
            t1 = time.perf_counter()
            write_pdf(data, settings, texts, folder / "report.pdf")
            c2, t2 = time.process_time(), time.perf_counter()
            write_xlsx(data, folder / "report.xlsx")
            t3 = time.perf_counter()
            write_docx(data, settings, texts, folder / "report.docx")
            times["docx"].append(time.perf_counter() - t3)
            times["build"].append(t1 - t0)
            times["pdf"].append(t2 - t1)
            times["xlsx"].append(t3 - t2)
            times["total"].append(t2 - t0)
            times["total_cpu"].append(c2 - c0)
    entries = sum(len(t.progress) for t in data.all_tasks())
    from pypdf import PdfReader

    pages = len(PdfReader(str(folder / "report.pdf")).pages)
    return {"tasks": n, "entries": entries, "pages": pages, "period": period, **times}


def _row(name: str, seconds: list[float]) -> dict:
    from run import row  # the runner's, beside this file

    return row(name, seconds, scale=1000.0)


def figures(repeats: int = 7) -> list[dict]:
    rows = []
    for period, label, n in (("2025-Q4", "quarterly", 200), ("2025", "annual", 200), ("2025-Q4", "quarterly", 2000)):
        b = bench(repeats if n <= 200 else max(1, repeats // 3), n=n, period=period)
        target = 1000 if n <= 200 else 3000
        what = f"{label} report, {b['tasks']} tasks, {b['entries']} entries in window, {b['pages']} p"
        rows += [
            _row(f"{what}: build data", b["build"]),
            _row(f"{what}: write PDF", b["pdf"]),
            _row(f"{what}: build + PDF (target < {target} ms)", b["total"]),
            _row(f"{what}: build + PDF, CPU time", b["total_cpu"]),
            _row(f"{what}: build + Word (target < {target} ms)", [a + w for a, w in zip(b["build"], b["docx"], strict=False)]),
            _row(f"{what}: write Excel", b["xlsx"]),
        ]
    return rows


def main(argv: list[str] | None = None) -> int:
    from run import figures_main  # the runner, beside this file

    return figures_main(figures, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    raise SystemExit(main())
