"""Data safety, second round (issue 13): identity and backups per database, a restore a power cut cannot break,
files that must not be replaced or changed, one lock per file, a restored schema exactly ours, names from other
people's files never used as paths, and leftovers of killed runs cleaned."""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import tempfile
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kstthc_desktop.domain import Plan, ProgressEntry, Task
from kstthc_desktop.store import DamagedDatabase, DatabaseLocked, Store
from kstthc_desktop.store.archive import ForeignBackup, export_backup, restore_backup
from kstthc_desktop.store.backup import backup_before, list_backups, newest_good_backup
from kstthc_desktop.store.files import safe_file_name, viewable_copy
from kstthc_desktop.store.identity import identity_in
from kstthc_desktop.store.opening import MissingDatabase
from kstthc_desktop.store.restoring import NEW_DB, READY, recover_interrupted_restore, work_prefix

NOW = datetime(2025, 3, 10, 8, 0)
ROOT = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def own_temp(tmp_path, monkeypatch):
    """The machine-wide temporary folder (work folders, notes, identity locks) of this test alone."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def backups(tmp_path) -> Path:
    return tmp_path / "backups"


def make_db(path: Path, backups: Path, tasks: int, progress: int = 0) -> Path:
    with Store.open(path, backup_dir=backups, clock=lambda: NOW) as store:
        plan_id = store.save_plan(Plan(tasks=[Task(stt=str(i + 1), content=f"Nhiệm vụ {i + 1}") for i in range(tasks)]))
        task_id = store.tasks(plan_id)[0].id
        for i in range(progress):
            store.add_progress(ProgressEntry(task_id, date(2025, 1, 1 + i), f"Kết quả {i}", "2025-Q1"))
    return path


def task_count(path: Path) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("select count(*) from tasks").fetchone()[0]
    finally:
        conn.close()


def db_identity(path: Path) -> str | None:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return identity_in(conn)
    finally:
        conn.close()


def fingerprint(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --- 1. identity and backups per database ----------------------------------------------------------------------
def test_two_databases_of_the_same_name_keep_their_backups_apart(tmp_path, backups):
    mine = make_db(tmp_path / "may cua toi" / "kstthc.sqlite3", backups, tasks=3)
    other = make_db(tmp_path / "ban sao thu" / "kstthc.sqlite3", backups, tasks=7)
    assert db_identity(mine) != db_identity(other)
    with Store.open(mine, backup_dir=backups) as store:
        backup_before(store, "truoc-nhap", NOW)
    with Store.open(other, backup_dir=backups) as store:
        for i in range(15):  # eleven and more imports into the second database
            backup_before(store, "truoc-nhap", NOW + timedelta(minutes=i + 1))
    own = list_backups(mine, backups)
    assert len(own) == 1 and task_count(own[0].path) == 3  # the officer's backup survived the rotation
    assert all(task_count(b.path) == 7 for b in list_backups(other, backups))
    mine.write_bytes(b"\x00" * 4096)  # then the officer's database is damaged
    offered = newest_good_backup(mine, backups)
    assert offered is not None and task_count(offered.path) == 3  # its own backup, never the other's


def test_a_restore_of_its_own_backup_keeps_the_identity(tmp_path, backups):
    db = make_db(tmp_path / "kstthc.sqlite3", backups, tasks=2)
    before = db_identity(db)
    export_backup(db, tmp_path / "b.zip", now=NOW)
    restore_backup(db, tmp_path / "b.zip", now=NOW, backup_dir=backups)
    assert db_identity(db) == before


def test_another_databases_backup_is_refused_unless_asked_for(tmp_path, backups):
    mine = make_db(tmp_path / "a" / "kstthc.sqlite3", backups, tasks=75)
    other = make_db(tmp_path / "b" / "kstthc.sqlite3", backups, tasks=5)
    export_backup(other, tmp_path / "other.zip", now=NOW)
    with pytest.raises(ForeignBackup) as caught:
        restore_backup(mine, tmp_path / "other.zip", now=NOW, backup_dir=backups)
    assert "KHÁC" in caught.value.message and "5 nhiệm vụ" in caught.value.message
    assert "75 nhiệm vụ" in caught.value.message
    assert task_count(mine) == 75  # nothing changed
    restore_backup(mine, tmp_path / "other.zip", now=NOW, backup_dir=backups, allow_foreign=True)
    assert task_count(mine) == 5
    assert db_identity(mine) not in (None, db_identity(other))  # its own identity: backups never shared


def test_a_file_copy_opened_elsewhere_gets_an_identity_of_its_own(tmp_path, backups):
    original = make_db(tmp_path / "a" / "kstthc.sqlite3", backups, tasks=1)
    copy = tmp_path / "b" / "kstthc.sqlite3"
    copy.parent.mkdir()
    shutil.copyfile(original, copy)
    Store.open(copy, backup_dir=backups).close()
    assert db_identity(copy) != db_identity(original)
    kept = db_identity(original)
    Store.open(original, backup_dir=backups).close()
    assert db_identity(original) == kept  # the original keeps its own


# --- 2. restore over a damaged database: one rename; an interrupted one finished or undone -------------------
def test_an_undecided_interrupted_restore_is_undone_and_a_decided_one_finished(tmp_path, backups, caplog):
    db = make_db(tmp_path / "kstthc.sqlite3", backups, tasks=4)
    new = make_db(tmp_path / "other" / "new.sqlite3", backups, tasks=9)
    undecided = tmp_path / f"{work_prefix(db)}abc"
    undecided.mkdir()
    shutil.copyfile(new, undecided / NEW_DB)
    with caplog.at_level(logging.WARNING):
        Store.open(db, backup_dir=backups).close()
    assert task_count(db) == 4 and not undecided.exists()
    assert "interrupted before it was decided" in caplog.text
    decided = tmp_path / f"{work_prefix(db)}def"
    decided.mkdir()
    shutil.copyfile(new, decided / NEW_DB)
    (decided / READY).write_text("{}")
    assert recover_interrupted_restore(db) == ["finished"]
    assert task_count(db) == 9 and not decided.exists()


@pytest.mark.parametrize("start", ["open", "open-existing-only", "check"])
@pytest.mark.parametrize("left", [b"\x00" * 4096, b"", None])
def test_a_decided_restore_over_a_headerless_or_missing_file_is_finished_by_the_next_start(tmp_path, backups, left,
                                                                                           start):
    """A restore over a database whose first bytes are gone, killed once decided: the next start (or check) must
    finish it, not refuse the old file as damaged (and advise restoring an older backup over it)."""
    from kstthc_desktop.store.checks import check_file

    db = tmp_path / "kstthc.sqlite3"
    new = make_db(tmp_path / "other" / "new.sqlite3", backups, tasks=9)
    if left is not None:
        db.write_bytes(left)
    decided = tmp_path / f"{work_prefix(db)}def"
    decided.mkdir()
    shutil.copyfile(new, decided / NEW_DB)
    (decided / READY).write_text("{}")
    if start == "check":
        assert check_file(db).ok
    else:
        Store.open(db, create=start == "open", backup_dir=backups).close()
    assert task_count(db) == 9 and not decided.exists()


def test_a_missing_database_that_was_here_is_not_replaced_by_an_empty_one(tmp_path, backups):
    db = make_db(tmp_path / "kstthc.sqlite3", backups, tasks=2)
    db.unlink()  # what a killed restore used to leave
    with pytest.raises(MissingDatabase) as caught:
        Store.open(db, backup_dir=backups)
    assert "không tạo" in caught.value.message
    assert not db.exists()


# --- 3. a 0-byte or header-less file is refused as damaged, never replaced ------------------------------------
@pytest.mark.parametrize("content", [b"", b"\x00" * 100, b"SQLite format"])
def test_an_empty_or_headerless_file_is_refused_and_kept(tmp_path, backups, content):
    db = make_db(tmp_path / "kstthc.sqlite3", backups, tasks=3)
    with Store.open(db, backup_dir=backups) as store:
        backup_before(store, "truoc-nhap", NOW)
    db.write_bytes(content)
    with pytest.raises(DamagedDatabase):
        Store.open(db, backup_dir=backups)
    assert db.read_bytes() == content
    offered = newest_good_backup(db, backups)  # the register beside the backups still knows whose they are
    assert offered is not None and task_count(offered.path) == 3


# --- 4. a refused opening changes no byte of the file, its -wal or -shm ----------------------------------------
def _crashed_with_wal(tmp_path: Path, backups: Path) -> Path:
    """A database as a crash leaves it: committed changes still in its -wal, no checkpoint."""
    source = make_db(tmp_path / "src" / "kstthc.sqlite3", backups, tasks=40, progress=20)
    conn = sqlite3.connect(source)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("update tasks set note = 'ghi chú mới' where id = 1")
    conn.commit()
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(f"{source}{suffix}", crashed / f"kstthc.sqlite3{suffix}")
    conn.close()
    return crashed / "kstthc.sqlite3"


def test_a_refused_database_and_its_wal_are_left_byte_for_byte(tmp_path, backups):
    db = _crashed_with_wal(tmp_path, backups)
    size = db.stat().st_size
    page = 4096
    with open(db, "r+b") as handle:  # damage a page the -wal does not hold
        handle.seek(size - 2 * page)
        handle.write(b"\xa5" * page)
    before = fingerprint(db.parent)
    assert (db.parent / "kstthc.sqlite3-wal").stat().st_size > 0
    with pytest.raises(DamagedDatabase):
        Store.open(db, backup_dir=backups)
    after = {k: v for k, v in fingerprint(db.parent).items() if not k.endswith(".lock")}
    assert after == before


def test_a_sound_crashed_database_opens_with_its_wal_changes(tmp_path, backups):
    db = _crashed_with_wal(tmp_path, backups)
    with Store.open(db, backup_dir=backups) as store:
        assert store.conn.execute("select note from tasks where id = 1").fetchone()[0] == "ghi chú mới"


# --- 5. two paths to one file share one lock ------------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "link"), reason="hard links")
def test_a_hard_link_to_an_open_database_is_locked(tmp_path, backups):
    db = make_db(tmp_path / "kstthc.sqlite3", backups, tasks=1)
    second = tmp_path / "elsewhere" / "same.sqlite3"
    second.parent.mkdir()
    os.link(db, second)
    with Store.open(db, backup_dir=backups):
        with pytest.raises(DatabaseLocked):
            Store.open(second, backup_dir=backups)
    Store.open(second, backup_dir=backups).close()  # free again once the first is closed


# --- 6. a restored database must have exactly our schema ------------------------------------------------------
def _tampered_zip(tmp_path: Path, db: Path, sql: str) -> Path:
    good = tmp_path / "good.zip"
    export_backup(db, good, now=NOW)
    with zipfile.ZipFile(good) as src:
        entries = {name: src.read(name) for name in src.namelist()}
    inner = tmp_path / "inner.sqlite3"
    inner.write_bytes(entries["database.sqlite3"])
    conn = sqlite3.connect(inner)
    conn.executescript(sql)
    conn.close()
    entries["database.sqlite3"] = inner.read_bytes()
    manifest = json.loads(entries["manifest.json"])
    import hashlib

    manifest["database"]["sha256"] = hashlib.sha256(entries["database.sqlite3"]).hexdigest()
    entries["manifest.json"] = json.dumps(manifest).encode()
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as dst:
        for name, data in entries.items():
            dst.writestr(name, data)
    return bad


@pytest.mark.parametrize("trap", [
    "create trigger wipe after update on tasks begin delete from progress; end;",
    "drop table report_texts;",
    "create view v as select 1;",
    "create index extra on tasks(content);",
    "alter table tasks add column secret text;",
])
def test_a_backup_whose_schema_is_not_ours_is_refused(tmp_path, backups, trap):
    db = make_db(tmp_path / "kstthc.sqlite3", backups, tasks=3, progress=2)
    bad = _tampered_zip(tmp_path, db, trap)
    before = db.read_bytes()
    with pytest.raises(Exception) as caught:
        restore_backup(db, bad, now=NOW, backup_dir=backups)
    assert "cấu trúc cơ sở dữ liệu bên trong khác" in str(caught.value)
    assert db.read_bytes() == before


def test_an_older_programs_backup_is_still_restored(tmp_path, backups):
    old = ROOT / "fixtures" / "db" / "schema-1.db"
    db = make_db(tmp_path / "kstthc.sqlite3", backups, tasks=1)
    restore_backup(db, shutil.copy(old, tmp_path / "kstthc-20240101-080000-tu-dong.sqlite3"), now=NOW,
                   backup_dir=backups)
    from kstthc_desktop.store.versions import SCHEMA_VERSION

    with Store.open(db, backup_dir=backups) as store:
        assert store.schema_version() == SCHEMA_VERSION  # migrated to the current schema


# --- 14. names from other people's files are never paths ------------------------------------------------------
@pytest.mark.parametrize("name, expected", [
    ("../../tmp/evil", "evil"), ("..\\..\\Windows\\evil.exe", "evil.exe"), ("..", "tep"), ("C:evil", "C_evil"),
    ("bien ban:stream.pdf", "bien ban_stream.pdf"), ("CON.pdf", "tep_CON.pdf"), ("Biên bản.pdf", "Biên bản.pdf"),
])
def test_a_file_name_from_a_foreign_file_is_made_safe(name, expected):
    assert safe_file_name(name) == expected


def test_open_with_the_viewer_never_writes_outside_its_folder(tmp_path, own_temp):
    stored = tmp_path / ("ab" * 32)
    stored.write_bytes(b"scan")
    copy = viewable_copy(stored, "../../evil", "ab" * 32)
    assert copy.name == "evil" and (own_temp / "kstthc-mo-tep") in copy.parents
    assert not (own_temp / "evil").exists() and not (tmp_path / "evil").exists()


# --- 15. leftovers of killed runs are cleaned on the next start, and logged -----------------------------------
def test_leftovers_of_killed_runs_are_removed_at_the_next_start(tmp_path, backups, own_temp, caplog):
    from kstthc_desktop.store.workdirs import IN_USE, notes_folder, work_folder

    db = make_db(tmp_path / "kstthc.sqlite3", backups, tasks=1)
    usb = tmp_path / "usb"
    usb.mkdir()
    part = usb / "sao-luu.zip.part"  # a killed "Sao lưu" to a USB drive
    part.write_bytes(b"half a zip")
    notes_folder().mkdir(exist_ok=True)
    (notes_folder() / "123-dead.json").write_text(json.dumps({"part": str(part)}))
    copy = own_temp / "kstthc-backup-dead"  # a killed backup's database copy
    copy.mkdir()
    (copy / IN_USE).touch()
    (copy / "database.sqlite3").write_bytes(b"x" * 1000)
    restore_work = tmp_path / f"{work_prefix(db)}dead"  # a killed restore's work folder
    restore_work.mkdir()
    (restore_work / NEW_DB).write_bytes(b"x")
    with work_folder("kstthc-backup-") as busy:  # another program's work in progress stays
        with caplog.at_level(logging.WARNING):
            Store.open(db, backup_dir=backups).close()
        assert busy.exists()
    assert not part.exists() and not copy.exists() and not restore_work.exists()
    assert "left behind" in caplog.text and "sao-luu.zip.part" in caplog.text
    assert task_count(db) == 1


def test_a_killed_export_leaves_a_noted_part_file(tmp_path, backups, monkeypatch):
    """What the next start finds: the .part beside the USB backup is noted while it is written."""
    from kstthc_desktop.store import archive
    from kstthc_desktop.store.workdirs import notes_folder

    db = make_db(tmp_path / "kstthc.sqlite3", backups, tasks=1)
    seen = []

    def die(*args, **kwargs):
        seen.extend(json.loads(n.read_text())["part"] for n in notes_folder().glob("*.json"))
        raise KeyboardInterrupt  # stands for the kill

    monkeypatch.setattr(archive.os, "fsync", die)
    with pytest.raises(KeyboardInterrupt):
        export_backup(db, tmp_path / "usb" / "b.zip", now=NOW)
    assert str((tmp_path / "usb" / "b.zip.part").absolute()) in seen


# --- 7. a write-protected medium: check and backup work, changes left out of the read-only view are told ------
def _can_mount() -> bool:
    return (os.name == "posix" and hasattr(os, "geteuid") and os.geteuid() == 0 and bool(shutil.which("mount"))
            and os.environ.get("KSTTHC_NO_MOUNT") is None)


@pytest.fixture
def write_protected(tmp_path, backups):
    """A database on a medium mounted read-only, as a program killed on it left it: changes still in its -wal,
    no -shm."""
    import subprocess

    if not _can_mount():
        pytest.skip("needs root and mount for a real read-only medium")
    medium = tmp_path / "usb"
    medium.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(medium)], capture_output=True).returncode:
        pytest.skip("mount is not allowed here")
    try:
        crashed = _crashed_with_wal(tmp_path, backups)
        for suffix in ("", "-wal"):
            shutil.copyfile(f"{crashed}{suffix}", medium / f"kstthc.sqlite3{suffix}")
        subprocess.run(["mount", "-o", "remount,ro", str(medium)], check=True)
        yield medium / "kstthc.sqlite3"
    finally:
        subprocess.run(["umount", "-l", str(medium)], capture_output=True)


def test_check_and_backup_work_on_a_write_protected_medium(write_protected, tmp_path, capsys):
    from kstthc_desktop import cli

    db = write_protected
    assert cli.main(["check", "--db", str(db)]) == 0
    out = capsys.readouterr()
    assert "không có lỗi" in out.out and "hỏng" not in out.out + out.err
    assert cli.main(["backup", "--db", str(db), "--out", str(tmp_path / "sao-luu.zip")]) == 0
    restored = tmp_path / "restored" / "kstthc.sqlite3"
    restore_backup(restored, tmp_path / "sao-luu.zip", now=NOW, backup_dir=tmp_path / "rb")
    conn = sqlite3.connect(restored)
    assert conn.execute("select note from tasks where id = 1").fetchone()[0] == "ghi chú mới"  # the -wal's change
    conn.close()


def test_changes_left_out_of_a_read_only_view_are_told(write_protected):
    with Store.open(write_protected, read_only=True) as store:
        assert any("-wal" in w and "không hiện" in w for w in store.warnings)


def test_cli_restore_of_another_databases_backup_needs_a_flag(tmp_path, backups, capsys, monkeypatch):
    import kstthc_desktop.cli as cli_module

    monkeypatch.setattr(cli_module, "COMMANDS", {"restore": "restore"})
    mine = make_db(tmp_path / "a" / "kstthc.sqlite3", backups, tasks=4)
    other = make_db(tmp_path / "b" / "kstthc.sqlite3", backups, tasks=2)
    export_backup(other, tmp_path / "other.zip", now=NOW)
    assert cli_module.main(["restore", "--db", str(mine), str(tmp_path / "other.zip")]) == 1
    assert "--other-database" in capsys.readouterr().err and task_count(mine) == 4
    assert cli_module.main(["restore", "--db", str(mine), "--other-database", str(tmp_path / "other.zip")]) == 0
    assert task_count(mine) == 2


def test_a_refused_restore_into_a_new_place_leaves_no_sign_of_a_database(tmp_path, backups):
    """A new PC: the first restore fails (a bad file); the program must still be able to start a database there."""
    from kstthc_desktop.errors import UserError

    bad = tmp_path / "hong.zip"
    bad.write_bytes(b"PK\x03\x04 not a backup")
    target = tmp_path / "new pc" / "kstthc.sqlite3"
    with pytest.raises(UserError):
        restore_backup(target, bad, now=NOW, backup_dir=backups)
    assert not list(target.parent.iterdir())
    Store.open(target, backup_dir=backups).close()
