"""A restore over a damaged database, killed (SIGKILL: a power cut) at random moments, again and again.

A child process (this file run as a script) restores a "Sao lưu" zip (a plan and evidence files) over a damaged
database; the parent kills it at a random moment and then opens the database as the next start would. Every
kill must end with a database at its path: either the old, damaged one (refused as damaged, its restore undone)
or the restored one, whole, with every evidence file; never no database, never a fresh empty one. 10 kills in
every run, 120 in the slow suite (CI).
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TASKS = 30
NOW = datetime(2025, 3, 10, 8, 0)

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


def child(db_path: str, zip_path: str) -> None:
    sys.path.insert(0, str(ROOT))
    from kstthc_desktop.store.archive import restore_backup

    db = Path(db_path)
    print("ready", flush=True)
    restore_backup(db, Path(zip_path), now=NOW, backup_dir=db.parent / "backups")
    print("done", flush=True)


def make_backup_zip(tmp_path: Path) -> Path:
    from kstthc_desktop.domain import Evidence, Plan, ProgressEntry, Task
    from kstthc_desktop.store import Store
    from kstthc_desktop.store.archive import export_backup

    source = tmp_path / "source" / "kstthc.sqlite3"
    with Store.open(source, backup_dir=tmp_path / "source-backups") as store:
        plan_id = store.save_plan(Plan(tasks=[Task(stt=str(i), content=f"Nhiệm vụ {i}") for i in range(TASKS)]))
        task_id = store.tasks(plan_id)[0].id
        for i in range(25):
            entry = store.add_progress(ProgressEntry(task_id, date(2025, 1, 1), f"Kết quả {i}", "2025-Q1"))
            scan = tmp_path / f"scan {i}.pdf"
            scan.write_bytes(os.urandom(200_000))
            store.add_evidence(Evidence(task_id, f"{i}/BC", date(2025, 1, 1), progress_id=entry), scan)
    zip_path = tmp_path / "sao-luu.zip"
    export_backup(source, zip_path, now=NOW)
    return zip_path


def damage(db: Path) -> None:
    """The officer's database, damaged beyond opening (its evidence folder lost too, so a restore copies files)."""
    import shutil

    from kstthc_desktop.store.files import files_dir_for

    with open(db, "r+b") as handle:
        handle.write(b"\x00" * 100)
    shutil.rmtree(files_dir_for(db), ignore_errors=True)


def outcome(db: Path) -> str:
    """"damaged" (the old file, refused) or "restored" (whole, with its files); fails on anything else."""
    from kstthc_desktop.store import DamagedDatabase, Store
    from kstthc_desktop.store.restoring import restore_work_folders

    assert db.exists(), "a kill left no database at its path"
    try:
        store = Store.open(db, backup_dir=db.parent / "backups")
    except DamagedDatabase:
        # Only once the start finished or undid the interrupted restore: a decided one left waiting was put in
        # place by the next restore's start, over the evidence folder damage() had removed meanwhile.
        assert not restore_work_folders(db), "the damaged file was refused while a restore waited to replace it"
        return "damaged"
    with store:
        plans = store.plans()
        assert plans, "a fresh, empty database took the place of the officer's"
        assert len(store.tasks(plans[0].id)) == TASKS
        for ev in store.evidence():
            assert store.evidence_path(ev) is not None, "a restored row points at a missing file"
        assert store.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    return "restored"


def kill_loop(tmp_path: Path, kills: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    zip_path = make_backup_zip(tmp_path)
    db = tmp_path / "officer" / "kstthc.sqlite3"
    db.parent.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # One undisturbed restore over a damaged database: how long the window to kill in is.
    db.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    started = time.monotonic()
    subprocess.run([sys.executable, __file__, str(db), str(zip_path)], check=True, env=env, capture_output=True)
    span = time.monotonic() - started
    assert outcome(db) == "restored"
    totals = {"kills": 0, "damaged": 0, "restored": 0}
    for _ in range(kills):
        damage(db)
        proc = subprocess.Popen([sys.executable, __file__, str(db), str(zip_path)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env)
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        assert ready and proc.stdout.readline().strip() == b"ready", proc.stderr.read()
        time.sleep(rng.uniform(0.0, span * 0.8))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
        totals["kills"] += 1
        totals[outcome(db)] += 1
    return totals


def test_ten_kills_during_a_restore_over_a_damaged_database_never_leave_no_database(tmp_path, capsys):
    totals = kill_loop(tmp_path, kills=10, seed=10)
    with capsys.disabled():
        print(f"\n[restore crash test, quick] {totals}")
    assert totals["kills"] == 10


@pytest.mark.slow
def test_a_hundred_and_twenty_kills_during_restores_never_leave_no_database(tmp_path, capsys):
    totals = kill_loop(tmp_path, kills=120, seed=120)
    with capsys.disabled():
        print(f"\n[restore crash test, 120 kills] {totals}")
    assert totals["kills"] >= 100 and totals["damaged"] > 0 and totals["restored"] > 0


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2])
