"""Store figures: opening a 10-year database, one user action (progress; evidence with a file), backups.

The database is built once per setup in a temporary folder (not timed): 10 yearly plans of 60 tasks, four
progress entries and one evidence document per task (quick mode: 2 plans of 20 tasks).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

_TMP: list[Path] = []


def _folder() -> Path:
    path = Path(tempfile.mkdtemp(prefix="kstthc-bench-store-"))
    _TMP.append(path)
    return path


@atexit.register
def _clean() -> None:
    for path in _TMP:
        shutil.rmtree(path, ignore_errors=True)


def _build(quick: bool) -> Path:
    from kstthc_desktop.domain import Evidence, Plan, PlanDocument, ProgressEntry, Task
    from kstthc_desktop.store import Store

    folder = _folder()
    db = folder / "kstthc.sqlite3"
    years, tasks = (2, 20) if quick else (10, 60)
    with Store.open(db, backup_dir=folder / "backups") as store:
        for y in range(years):
            year = 2016 + y
            with store.transaction():
                plan_id = store.save_plan(Plan(
                    document=PlanDocument(year=year, title=f"Kế hoạch KSTTHC năm {year}"),
                    tasks=[Task(stt=str(t + 1), content=f"Nhiệm vụ {t + 1} năm {year}", lead="Văn phòng UBND tỉnh",
                                cooperate="Các sở, ban, ngành tỉnh; UBND cấp huyện") for t in range(tasks)],
                ))
                for task in store.tasks(plan_id):
                    for q in range(4):
                        store.add_progress(ProgressEntry(task.id, date(year, 3 * q + 1, 10), f"Kết quả quý {q + 1}",
                                                         f"{year}-Q{q + 1}", True))
                    store.add_evidence(Evidence(task.id, f"{task.id}/BC-VP", date(year, 12, 1), summary="Báo cáo năm"))
    return db


def _open(quick: bool):
    from kstthc_desktop.store import Store

    db = _build(quick)
    return lambda: Store.open(db, backup_dir=db.parent / "backups").close()


def _add_progress(quick: bool):
    from kstthc_desktop.domain import ProgressEntry
    from kstthc_desktop.store import Store

    db = _build(True)
    store = Store.open(db, backup_dir=db.parent / "backups")
    task_id = store.tasks(store.plans()[0].id)[0].id
    n = 20

    def run():
        for i in range(n):
            store.add_progress(ProgressEntry(task_id, date(2017, 5, 2), f"Ghi lần {i}", "2017-Q2"))

    return run, n


def _add_evidence(quick: bool):
    from kstthc_desktop.domain import Evidence
    from kstthc_desktop.store import Store

    db = _build(True)
    store = Store.open(db, backup_dir=db.parent / "backups")
    task_id = store.tasks(store.plans()[0].id)[0].id
    sources = db.parent / "src"
    sources.mkdir()
    n = 10
    counter = iter(range(10**9))

    def run():
        for _ in range(n):
            k = next(counter)
            scan = sources / f"scan-{k}.pdf"
            scan.write_bytes(f"{k}".encode() * 50_000)  # a few hundred KB, each different
            store.add_evidence(Evidence(task_id, f"{k}/BC-X", None), scan)

    return run, n


def _backup(quick: bool):
    from kstthc_desktop.store import Store
    from kstthc_desktop.store.backup import make_backup

    db = _build(quick)
    store = Store.open(db, backup_dir=db.parent / "backups")
    return lambda: make_backup(store.conn, db, now=datetime.now(), backup_dir=_folder())


def _sao_luu(quick: bool):
    from kstthc_desktop.store.archive import export_backup

    db = _build(quick)
    return lambda: export_backup(db, _folder() / "b.zip", now=datetime.now())


BENCHMARKS = {
    "store: open + quick_check (10-year db)": _open,
    "store: add_progress, one transaction each": _add_progress,
    "store: add_evidence with a file (fsync'd)": _add_evidence,
    "store: automatic backup (online API, 10-year db)": _backup,
    "store: Sao lưu zip (10-year db)": _sao_luu,
}
