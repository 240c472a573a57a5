"""Crash safety: the program's real writing path is killed with SIGKILL at random moments, again and again.

A child process (this file run as a script) records progress entries, each with an evidence document and its
file, one transaction each, and prints the number of every entry once it is committed. The parent kills it at
a random moment, then checks the database as the next start of the program would find it:
- every entry the child reported committed is there, whole (its text exactly as written);
- nothing half-written is visible: every progress entry has its evidence row, and the reverse;
- every evidence row's file is in the managed folder with the right content (a file without a row, an
  orphan left by a kill between the file copy and the commit, is allowed: ``Store.remove_orphans`` cleans it);
- SQLite's integrity_check passes.
The quick version (20 kills) always runs; the full one (200 kills) is marked slow.
"""

from __future__ import annotations

import hashlib
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

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


def entry_text(i: int) -> str:
    return f"Kết quả số {i}: " + "đã thực hiện, " * (i % 40) + f"hết {i}."


def file_bytes(i: int) -> bytes:
    return f"Tệp minh chứng {i} ".encode() * (50 + (i * 7919) % 6000)


def child(db_path: str, start: int) -> None:
    """The writing path, as the program runs it: one transaction per entry with its evidence and file."""
    sys.path.insert(0, str(ROOT))
    from kstthc_desktop.domain import Evidence, ProgressEntry
    from kstthc_desktop.store import Store

    db = Path(db_path)
    sources = db.parent / "sources"
    sources.mkdir(exist_ok=True)
    store = Store.open(db, backup_dir=db.parent / "backups")
    task_id = store.tasks(store.plans()[0].id)[0].id
    print("ready", flush=True)
    i = start
    while True:
        source = sources / f"biên bản {i}.pdf"
        source.write_bytes(file_bytes(i))
        with store.transaction():
            entry_id = store.add_progress(ProgressEntry(task_id, date(2025, 3, 1), entry_text(i), "2025-Q1", True))
            store.add_evidence(
                Evidence(task_id, f"{i}/BC-KT", date(2025, 3, 1), summary=entry_text(i), progress_id=entry_id), source
            )
        print(i, flush=True)
        source.unlink()
        i += 1


def make_db(tmp_path: Path) -> Path:
    from kstthc_desktop.domain import Plan, Task
    from kstthc_desktop.store import Store

    db = tmp_path / "crash.sqlite3"
    with Store.open(db, backup_dir=tmp_path / "backups") as store:
        store.save_plan(Plan(tasks=[Task(stt="1", content="Báo cáo kết quả KSTTHC")]))
    return db


def start_child(db: Path, start: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, __file__, str(db), str(start)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    ready, _, _ = select.select([proc.stdout], [], [], 30)
    line = proc.stdout.readline() if ready else b""
    if line.strip() != b"ready":
        proc.kill()
        raise AssertionError(f"writer did not start: {line!r} {proc.stderr.read()!r}")
    return proc


def verify(db: Path) -> tuple[set[int], int]:
    """Check the database as the program would find it after a crash; (entry numbers present, orphan files)."""
    from kstthc_desktop.store import Store

    with Store.open(db, backup_dir=db.parent / "backups") as store:  # the dead writer's lock is gone
        assert store.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        progress = {p.id: p for p in store.progress()}
        evidence = store.evidence()
        numbers = set()
        for entry in progress.values():
            i = int(entry.text.split(":")[0].rsplit(" ", 1)[1])
            assert entry.text == entry_text(i), "a half-written entry is visible"
            numbers.add(i)
        assert len(numbers) == len(progress), "an entry was recorded twice"
        assert sorted(ev.progress_id for ev in evidence) == sorted(progress), "entry and evidence disagree"
        for ev in evidence:
            i = int(ev.number.split("/")[0])
            assert progress[ev.progress_id].text == entry_text(i) == ev.summary
            path = store.evidence_path(ev)
            assert path is not None, "a row points at a missing file"
            assert path.read_bytes() == file_bytes(i)
            assert ev.file_sha256 == hashlib.sha256(file_bytes(i)).hexdigest()
        orphans = len(store.orphan_files())
    return numbers, orphans


def kill_loop(tmp_path: Path, kills: int, seed: int) -> dict:
    rng = random.Random(seed)
    db = make_db(tmp_path)
    reported: set[int] = set()
    next_i = 0
    totals = {"kills": 0, "runs_with_commits": 0, "orphans_seen": 0}
    for _ in range(kills):
        proc = start_child(db, next_i)
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        out = proc.stdout.read().split()
        proc.stdout.close()
        proc.stderr.close()
        committed = {int(x) for x in out if x.isdigit()}
        totals["kills"] += 1
        totals["runs_with_commits"] += bool(committed)
        reported |= committed
        present, orphans = verify(db)
        lost = reported - present
        assert not lost, f"committed entries lost: {sorted(lost)[:10]}"
        totals["orphans_seen"] = max(totals["orphans_seen"], orphans)
        next_i = max(present, default=-1) + 1
    totals["entries_checked"] = len(present)
    totals["reported_committed"] = len(reported)
    totals["lost"] = 0
    return totals


def report(totals: dict) -> str:
    return (
        f"kills: {totals['kills']}, entries checked: {totals['entries_checked']} "
        f"({totals['reported_committed']} reported committed), none lost; "
        f"runs killed after at least one commit: {totals['runs_with_commits']}; "
        f"most orphan files seen (file copied, row not committed): {totals['orphans_seen']}"
    )


def test_twenty_kills_lose_nothing_and_leave_nothing_half_written(tmp_path, capsys):
    totals = kill_loop(tmp_path, kills=20, seed=20)
    with capsys.disabled():
        print("\n[crash test, quick] " + report(totals))
    assert totals["entries_checked"] >= totals["reported_committed"] > 0


@pytest.mark.slow
def test_two_hundred_kills_lose_nothing_and_leave_nothing_half_written(tmp_path, capsys):
    totals = kill_loop(tmp_path, kills=200, seed=200)
    with capsys.disabled():
        print("\n[crash test, 200 kills] " + report(totals))
    assert totals["kills"] >= 200 and totals["runs_with_commits"] >= 100


def test_a_backup_made_while_the_program_writes_restores_consistent_with_its_files(tmp_path):
    from kstthc_desktop.store.archive import export_backup, restore_backup

    db = make_db(tmp_path)
    proc = start_child(db, 0)
    zips = []
    try:
        for n in range(3):
            time.sleep(0.3)
            zips.append(export_backup(db, tmp_path / f"live-{n}.zip", now=datetime(2025, 3, 1, 9, n)) and tmp_path / f"live-{n}.zip")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    counts = []
    for n, archive in enumerate(zips):
        target = tmp_path / f"restored-{n}" / "kstthc.sqlite3"
        restore_backup(target, archive, now=datetime(2025, 3, 2), backup_dir=tmp_path / "b")
        present, _ = verify(target)
        counts.append(len(present))
        assert present == set(range(len(present))), "a backup is a snapshot: entries 0..n, no gaps"
    assert counts == sorted(counts) and counts[-1] > 0


if __name__ == "__main__":
    child(sys.argv[1], int(sys.argv[2]))
