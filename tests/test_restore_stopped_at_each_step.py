"""A restore stopped before each of its file operations in turn, then the next start: old or new, never broken.

The random kill loop (``test_crash_restore.py``) finds a bad moment only when a kill happens to land in it; this
test enumerates the moments. A driver process (this file run as a script) forks a child that restores a "Sao lưu"
zip and ends itself (``os._exit``, nothing cleaned up: as a kill) just before its Nth file operation in the
officer's folder (opening a file for writing, a rename, a removal, a new folder, an SQLite connection), for every
N until a restore runs to its end; where the restore was already decided (``san-sang.json`` written), the start
that finishes it is stopped in the same way at each of its own operations. After each stop, the driver starts the
program as the officer would next (``Store.open``) and reports what it found; the test checks that each start
found either the old database, as it was, or the restored one with every evidence file, that a decided restore
was finished, and that no work folder was left. Both a damaged database and a sound one are restored over.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2025, 3, 10, 8, 0)
FILES = 3
TASKS = 4

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="stops a forked child (POSIX)")


# ------------------------------------------------------------------------------------- the driver (a script)
def _under(path: object, folder: str) -> bool:
    if isinstance(path, (str, bytes, os.PathLike)):
        text = os.fsdecode(path)
        return os.path.isabs(text) and (text + os.sep).startswith(folder + os.sep)
    return False


def _writes(event: str, args: tuple) -> bool:
    if event == "open":
        mode, flags = args[1], args[2]
        if isinstance(mode, str):
            return any(c in mode for c in "wax+")
        return bool(isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
    return event in ("os.rename", "os.remove", "os.rmdir", "os.mkdir", "os.truncate", "os.link", "shutil.rmtree",
                     "shutil.copyfile", "sqlite3.connect")


def stop_before(step: int, folder: str, tell: int) -> None:
    """End this process (no clean-up, as a kill) just before its ``step``th file operation in ``folder``
    (the removals inside a ``shutil.rmtree`` of a folder there count one by one); what it was goes to ``tell``."""
    seen = 0
    in_rmtree = False

    def hook(event: str, args: tuple) -> None:
        nonlocal seen, in_rmtree
        if not args or not _writes(event, args):
            return
        if event == "shutil.rmtree":
            in_rmtree = _under(args[0], folder)
        relative = event in ("os.remove", "os.rmdir", "open") and len(args) > 1 and isinstance(args[0], str) \
            and not os.path.isabs(args[0]) and in_rmtree  # rmtree works by names relative to a folder
        if _under(args[0], folder) or relative:
            seen += 1
            if seen == step:
                names = [os.path.basename(os.fsdecode(a)) for a in args[:2] if isinstance(a, (str, bytes, os.PathLike))]
                os.write(tell, f"{event} {' '.join(names)}".encode())
                os._exit(9)

    sys.addaudithook(hook)


def stopped(step: int, folder: Path, action: Callable[[], object]) -> str | None:
    """``action`` in a forked child stopped before its ``step``th operation in ``folder``: which operation
    (None: it ran to its end). A refusal (UserError) counts as an end: a start may refuse the old, damaged file."""
    from kstthc_desktop.errors import UserError

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            os.close(read)
            stop_before(step, str(folder), write)
            action()
        except UserError:
            os._exit(0)
        except BaseException as exc:  # noqa: BLE001 - told to the parent, which fails the test
            print(f"failed by itself: {exc!r}", file=sys.stderr, flush=True)
            os._exit(1)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as told:
        operation = told.read().decode()
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    assert code in (0, 9), f"failed by itself at step {step} (exit {code})"
    return operation if code == 9 else None


def next_start(db: Path, backups: Path) -> dict[str, object]:
    """What the officer's next start finds: "old", "damaged" (the old file, refused) or "restored", and how whole."""
    from kstthc_desktop.store import DamagedDatabase, Store
    from kstthc_desktop.store.files import file_sha256
    from kstthc_desktop.store.restoring import READY, restore_work_folders

    found: dict[str, object] = {"decided": any((w / READY).is_file() for w in restore_work_folders(db))}
    if not db.exists():
        found["state"] = "no database"
        return found
    try:
        store = Store.open(db, create=False, backup_dir=backups)
    except DamagedDatabase:
        found["state"] = "damaged"
        found["db_sha256"] = file_sha256(db)
    else:
        with store:
            plans = store.plans()
            tasks = len(store.tasks(plans[0].id)) if plans else 0
            found["state"] = {TASKS: "restored", 1: "old"}.get(tasks, f"a database of {tasks} tasks")
            found["evidence"] = len(store.evidence())
            found["missing_files"] = sum(store.evidence_path(ev) is None for ev in store.evidence())
            found["integrity"] = store.conn.execute("PRAGMA integrity_check").fetchone()[0]
    found["work_folders_left"] = len(restore_work_folders(db))
    return found


def drive(start: Path, officer: Path, zip_path: Path, backups: Path) -> None:
    """Every step of the restore in turn, each from the same start (``start``: a copy of the officer's folder);
    where the restore was decided, also every step of the next start (that finishes it) in turn. One JSON line
    for each, saying what the start after it found."""
    from kstthc_desktop.store import Store
    from kstthc_desktop.store.archive import restore_backup

    db = officer / "kstthc.sqlite3"
    after = officer.with_name("after-stop")

    def fresh(source: Path) -> None:
        shutil.rmtree(officer, ignore_errors=True)
        shutil.copytree(source, officer)

    def report(step: str, before: str | None, decided: bool) -> dict[str, object]:
        found = next_start(db, backups)
        found["decided"] = bool(found["decided"] or decided)
        print(json.dumps({"step": step, "before": before, **found}), flush=True)
        return found

    for step in itertools.count(1):
        fresh(start)
        shutil.rmtree(backups, ignore_errors=True)
        before = stopped(step, officer, lambda: restore_backup(db, zip_path, now=NOW, backup_dir=backups,
                                                                allow_foreign=True))
        if before is None:
            report(str(step), "nothing: the restore ran to its end", False)
            return
        shutil.rmtree(after, ignore_errors=True)
        shutil.copytree(officer, after)
        if not report(str(step), before, False)["decided"]:
            continue
        for again in itertools.count(1):  # the start that finishes the decided restore, itself stopped
            fresh(after)
            stopped_again = stopped(again, officer, lambda: Store.open(db, create=False, backup_dir=backups).close())
            report(f"{step}.{again}", f"{before}, then at the next start {stopped_again or 'nothing'}", True)
            if stopped_again is None:
                break


# ------------------------------------------------------------------------------------------------- the test
def make_backup_zip(tmp_path: Path) -> Path:
    from kstthc_desktop.domain import Evidence, Plan, ProgressEntry, Task
    from kstthc_desktop.store import Store
    from kstthc_desktop.store.archive import export_backup

    source = tmp_path / "source" / "kstthc.sqlite3"
    with Store.open(source, backup_dir=tmp_path / "source-backups") as store:
        plan_id = store.save_plan(Plan(tasks=[Task(stt=str(i), content=f"Nhiệm vụ {i}") for i in range(TASKS)]))
        task_id = store.tasks(plan_id)[0].id
        for i in range(FILES):
            entry = store.add_progress(ProgressEntry(task_id, date(2025, 1, 1), f"Kết quả {i}", "2025-Q1"))
            scan = tmp_path / f"scan {i}.pdf"
            scan.write_bytes(os.urandom(20_000))
            store.add_evidence(Evidence(task_id, f"{i}/BC", date(2025, 1, 1), progress_id=entry), scan)
    zip_path = tmp_path / "sao-luu.zip"
    export_backup(source, zip_path, now=NOW)
    return zip_path


def officer_folder(tmp_path: Path, kind: str) -> Path:
    """The officer's folder before the restore: a database whose first bytes are gone (and its evidence folder
    with it), or a sound database of one task."""
    from kstthc_desktop.domain import Plan, Task
    from kstthc_desktop.store import Store

    start = tmp_path / f"start-{kind}"
    db = start / "kstthc.sqlite3"
    with Store.open(db, backup_dir=tmp_path / "unused-backups") as store:
        store.save_plan(Plan(tasks=[Task(stt="1", content="Nhiệm vụ cũ")]))
    if kind == "damaged":
        with open(db, "r+b") as handle:
            handle.write(b"\x00" * 100)
    return start


def run_driver(tmp_path: Path, kind: str) -> list[dict[str, object]]:
    zip_path = make_backup_zip(tmp_path)
    start = officer_folder(tmp_path, kind)
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp)}
    args = [str(start), str(tmp_path / "officer"), str(zip_path), str(tmp_path / "backups")]
    done = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.mark.parametrize("kind", ["damaged", "sound"])
def test_a_restore_stopped_before_any_file_operation_leaves_the_old_database_or_the_new_one_whole(tmp_path, kind):
    from kstthc_desktop.store.files import file_sha256

    results = run_driver(tmp_path, kind)
    old = file_sha256(tmp_path / f"start-{kind}" / "kstthc.sqlite3")
    assert len(results) > 40 and results[-1]["before"].startswith("nothing") and results[-1]["state"] == "restored"
    assert any("." in found["step"] for found in results)  # starts stopped too
    bad = []
    for found in results:
        state, step = found["state"], f"{found['step']} (before {found['before']})"
        if found["decided"] and state != "restored":
            bad.append(f"step {step}: a decided restore was not finished at the next start ({state})")
        if state == "restored" and (found["missing_files"] or found["evidence"] != FILES or found["integrity"] != "ok"):
            bad.append(f"step {step}: the restored database is not whole: {found}")
        if state == "damaged" and found["db_sha256"] != old:
            bad.append(f"step {step}: the old, damaged file was changed")
        if state not in ("restored", "damaged" if kind == "damaged" else "old"):
            bad.append(f"step {step}: the next start found {state}")
        if found["work_folders_left"]:
            bad.append(f"step {step}: the next start left the restore's work folder")
    assert not bad, "\n".join(bad)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    drive(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
