"""Backups: automatic ones (daily and before risky actions, rotated), "Sao lưu" to a zip, "Khôi phục" from it."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kstthc_desktop.domain import Evidence, Plan, ProgressEntry, Section, Task
from kstthc_desktop.errors import UserError
from kstthc_desktop.store import DamagedDatabase, DatabaseLocked, Store
from kstthc_desktop.store.archive import export_backup, read_backup, restore_backup
from kstthc_desktop.store.backup import (
    backup_before,
    backup_if_due,
    keep_backups,
    list_backups,
    newest_good_backup,
    rotate_backups,
)
from kstthc_desktop.store.checks import check_file

NOW = datetime(2025, 3, 10, 8, 0)


@pytest.fixture
def backups(tmp_path) -> Path:
    return tmp_path / "backups"


@pytest.fixture
def store(tmp_path, backups):
    with Store.open(tmp_path / "work" / "kstthc.sqlite3", backup_dir=backups, clock=lambda: NOW) as opened:
        yield opened


def fill(store: Store, tmp_path: Path, n: int = 3) -> list[int]:
    """A plan with one task, ``n`` progress entries each with an evidence file; the task id."""
    plan_id = store.save_plan(Plan(sections=[Section("I", "Chỉ đạo")], tasks=[Task(section="I", stt="1", content="Báo cáo quý")]))
    task_id = store.tasks(plan_id)[0].id
    for i in range(n):
        entry_id = store.add_progress(ProgressEntry(task_id, date(2025, 1, 1 + i), f"Kết quả {i}", "2025-Q1"))
        scan = tmp_path / f"scan {i}.pdf"
        scan.write_bytes(f"scan number {i}".encode() * 100)
        store.add_evidence(Evidence(task_id, f"{i}/BC-SNV", date(2025, 1, 1 + i), progress_id=entry_id), scan)
    return [task_id]


# --- automatic backups -----------------------------------------------------------------------------------------


def test_a_daily_backup_is_taken_when_a_day_has_passed(store, backups):
    first = backup_if_due(store, NOW, backups)
    assert first is not None and first.parent == backups
    assert backup_if_due(store, NOW + timedelta(hours=23), backups) is None
    assert backup_if_due(store, NOW + timedelta(days=1), backups) is not None
    assert len(list_backups(store.path, backups)) == 2


def test_a_backup_is_a_consistent_sqlite_snapshot(store, backups, tmp_path):
    fill(store, tmp_path)
    path = backup_before(store, "truoc-nhap", NOW, backups)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("select count(*) from progress").fetchone()[0] == 3
    conn.close()
    assert list_backups(store.path, backups)[0].reason == "truoc-nhap"


def test_backups_before_actions_are_always_taken(store, backups):
    backup_before(store, "truoc-nhap", NOW, backups)
    backup_before(store, "truoc-nhap", NOW, backups)  # same second: a second file, not an overwrite
    assert len(list(backups.glob("*.sqlite3"))) == 2


def test_rotation_keeps_the_last_ten_and_one_per_week_for_eight_weeks():
    today = date(2025, 3, 10)
    daily = [datetime(2025, 3, 10, 9) - timedelta(days=d) for d in range(120)]
    kept = keep_backups(daily, today)
    assert set(sorted(daily, reverse=True)[:10]) <= kept
    weeks = {k.isocalendar()[:2] for k in kept}
    assert len(weeks) == 8  # the eight calendar weeks up to this one, each with a backup
    newest_per_week = {}
    for moment in daily:
        week = moment.isocalendar()[:2]
        newest_per_week[week] = max(moment, newest_per_week.get(week, moment))
    eight_weeks = sorted(newest_per_week.values(), reverse=True)[:8]
    assert kept == set(sorted(daily, reverse=True)[:10]) | set(eight_weeks)
    assert min(kept) >= datetime(2025, 3, 10) - timedelta(days=7 * 7 + 1)


@given(st.lists(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2025, 3, 10, 23)), max_size=60))
@settings(max_examples=60, deadline=None)
def test_rotation_never_drops_the_newest_and_keeps_at_most_eighteen(moments):
    kept = keep_backups(moments, date(2025, 3, 10))
    assert kept <= set(moments)
    assert len(kept) <= 18
    if moments:
        assert max(moments) in kept


def test_a_month_of_daily_backups_is_thinned_as_it_goes(store, backups):
    for d in reversed(range(40)):  # one backup a day, each rotating the older ones
        backup_if_due(store, NOW - timedelta(days=d), backups)
    left = [b.taken_at for b in list_backups(store.path, backups)]
    assert left[:10] == [NOW - timedelta(days=d) for d in range(10)]
    assert len(left) <= 18 and min(left) < NOW - timedelta(days=21)
    assert rotate_backups(store.path, NOW.date(), backups) == []  # already in shape


# --- opening damaged files and the newest good backup -----------------------------------------------------------


def test_a_non_database_file_is_refused_and_left_byte_for_byte(tmp_path):
    path = tmp_path / "kstthc.sqlite3"
    path.write_bytes(b"this is a Word file, not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(DamagedDatabase, match="không phải là cơ sở dữ liệu KSTTHC hoặc đã bị hỏng"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_damaged_database_is_refused_and_the_newest_good_backup_is_offered(store, backups, tmp_path):
    fill(store, tmp_path)
    good = backup_before(store, "tu-dong", NOW, backups)
    path = store.path
    store.close()
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, min(len(data), 4096 * 6)):  # scribble over the pages after the schema
        data[offset] = 0x5A
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    before = path.read_bytes()
    with pytest.raises(DamagedDatabase):
        Store.open(path, backup_dir=backups)
    assert path.read_bytes() == before
    offer = newest_good_backup(path, backups)
    assert offer.path == good
    result = restore_backup(path, offer.path, now=NOW + timedelta(hours=1), backup_dir=backups)
    assert result.previous.name.startswith("kstthc.sqlite3.hong-") and result.previous.read_bytes() == before
    with Store.open(path, backup_dir=backups) as restored:
        assert len(restored.progress()) == 3


def test_a_sqlite_file_of_another_program_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("create table customers(id integer primary key)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DamagedDatabase, match="không phải của KSTTHC"):
        Store.open(path)
    assert path.read_bytes() == before


# --- Sao lưu / Khôi phục ------------------------------------------------------------------------------------------


def test_sao_luu_writes_a_zip_with_the_database_the_files_and_a_manifest(store, tmp_path):
    fill(store, tmp_path)
    out = tmp_path / "USB" / "sao lưu 2025-03-10.zip"
    manifest = export_backup(store, out, now=NOW)
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        data = json.loads(archive.read("manifest.json"))
    assert {"manifest.json", "database.sqlite3"} <= names
    assert len(manifest.files) == 3 and all(f"files/{s[:2]}/{s}" in names for s in manifest.files)
    assert data["database"]["sha256"] == manifest.db_sha256 and data["schema"] == manifest.schema


def test_khoi_phuc_restores_the_backup_after_keeping_the_current_state(store, tmp_path, backups):
    fill(store, tmp_path)
    out = tmp_path / "backup.zip"
    export_backup(store, out, now=NOW)
    task_id = store.tasks(store.plans()[0].id)[0].id
    store.add_progress(ProgressEntry(task_id, date(2025, 2, 1), "Ghi sau khi sao lưu", "2025-Q1"))
    path = store.path
    store.close()

    result = restore_backup(path, out, now=NOW + timedelta(days=1), backup_dir=backups)
    with Store.open(path, backup_dir=backups) as restored:
        assert [p.text for p in restored.progress()] == ["Kết quả 0", "Kết quả 1", "Kết quả 2"]
        assert all(restored.evidence_path(ev) for ev in restored.evidence())
    kept = sqlite3.connect(result.previous)
    assert kept.execute("select count(*) from progress").fetchone()[0] == 4  # the state before, kept
    kept.close()


def test_restore_into_a_new_place_brings_the_evidence_files(store, tmp_path):
    fill(store, tmp_path)
    out = tmp_path / "backup.zip"
    export_backup(store, out, now=NOW)
    other = tmp_path / "other pc" / "dữ liệu.sqlite3"
    result = restore_backup(other, out, now=NOW, backup_dir=tmp_path / "b2")
    assert result.files_added == 3 and result.previous is None
    with Store.open(other, backup_dir=tmp_path / "b2") as restored:
        paths = [restored.evidence_path(ev) for ev in restored.evidence()]
        assert all(p and p.is_file() for p in paths)
    assert check_file(other, full=True).ok


def test_restore_is_refused_while_another_program_has_the_database_open(store, tmp_path):
    fill(store, tmp_path)
    out = tmp_path / "backup.zip"
    export_backup(store, out, now=NOW)
    with pytest.raises(DatabaseLocked):
        restore_backup(store.path, out, now=NOW)


@pytest.mark.parametrize("damage", ["not a zip", "manifest", "db hash", "file hash", "newer schema"])
def test_a_damaged_or_foreign_backup_is_refused_before_anything_changes(store, tmp_path, damage, backups):
    fill(store, tmp_path)
    good = tmp_path / "backup.zip"
    export_backup(store, good, now=NOW)
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(good) as src:
        entries = {name: src.read(name) for name in src.namelist()}
    manifest = json.loads(entries["manifest.json"])
    if damage == "not a zip":
        bad.write_bytes(b"PK\x03\x04 but not really")
    else:
        if damage == "manifest":
            entries["manifest.json"] = b"{broken"
        elif damage == "db hash":
            entries["database.sqlite3"] = entries["database.sqlite3"][:-10] + b"0123456789"
        elif damage == "file hash":
            name = next(n for n in entries if n.startswith("files/"))
            entries[name] = b"tampered"
        elif damage == "newer schema":
            manifest["schema"].append("m999_future")
            entries["manifest.json"] = json.dumps(manifest).encode()
        with zipfile.ZipFile(bad, "w") as dst:
            for name, data in entries.items():
                dst.writestr(name, data)
    path = store.path
    store.close()
    before = sqlite3.connect(path).execute("select count(*) from progress").fetchone()[0]
    with pytest.raises(UserError, match="không dùng được"):
        restore_backup(path, bad, now=NOW, backup_dir=backups)
    assert sqlite3.connect(path).execute("select count(*) from progress").fetchone()[0] == before
    assert not backups.exists() or not list(backups.glob("*truoc-khoi-phuc*"))


def test_a_zip_cannot_write_outside_the_managed_folder(tmp_path, store):
    fill(store, tmp_path, 1)
    good = tmp_path / "backup.zip"
    export_backup(store, good, now=NOW)
    with zipfile.ZipFile(good) as src:
        entries = {name: src.read(name) for name in src.namelist()}
    manifest = json.loads(entries["manifest.json"])
    manifest["files"].append({"sha256": "../../../evil", "size": 1})
    entries["manifest.json"] = json.dumps(manifest).encode()
    entries["files/../../../evil"] = b"x"
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as dst:
        for name, data in entries.items():
            dst.writestr(name, data)
    store.close()
    with pytest.raises(UserError):
        restore_backup(tmp_path / "new.sqlite3", evil, now=NOW, backup_dir=tmp_path / "b")
    assert not (tmp_path.parent / "evil").exists() and not (tmp_path / "evil").exists()


def test_sao_luu_to_a_folder_that_cannot_be_written_says_so(store, tmp_path, monkeypatch):
    import os

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(UserError, match="ổ đĩa đầy"):
        export_backup(store, tmp_path / "usb" / "b.zip", now=NOW)
    monkeypatch.undo()
    assert not (tmp_path / "usb" / "b.zip").exists() and not list((tmp_path / "usb").glob("*.part"))


def test_read_backup_reports_what_it_holds(store, tmp_path):
    fill(store, tmp_path, 2)
    out = tmp_path / "b.zip"
    export_backup(store, out, now=NOW)
    work = tmp_path / "w"
    work.mkdir()
    manifest, db = read_backup(out, work)
    assert manifest.created_at == "2025-03-10T08:00:00" and db.is_file() and len(manifest.files) == 2


# --- the command line -------------------------------------------------------------------------------------------


@pytest.fixture
def cli(monkeypatch):
    """``kstthc`` with only this module's commands (others may still be in the making)."""
    import kstthc_desktop.cli as cli_module

    monkeypatch.setattr(cli_module, "COMMANDS", {"backup": "backup", "restore": "restore", "check": "check"})
    return cli_module.main


def test_cli_backup_restore_and_check(cli, store, tmp_path, capsys, backups):
    fill(store, tmp_path)
    path = store.path
    store.close()
    out = tmp_path / "usb" / "sao-luu.zip"
    assert cli(["backup", "--db", str(path), "--out", str(out)]) == 0
    assert "3 tệp minh chứng" in capsys.readouterr().out
    assert cli(["check", "--db", str(path), "--full"]) == 0
    assert "không có lỗi" in capsys.readouterr().out
    assert cli(["restore", "--db", str(path), str(out)]) == 0
    assert "Đã khôi phục" in capsys.readouterr().out


def test_cli_check_clean_removes_unused_files(cli, store, tmp_path, capsys):
    fill(store, tmp_path, 1)
    ev = store.evidence()[0]
    path = store.evidence_path(ev)
    store.delete_evidence(ev.id)
    db = store.path
    store.close()
    assert cli(["check", "--db", str(db)]) == 0
    assert "1 tệp minh chứng không còn dùng" in capsys.readouterr().out
    assert cli(["check", "--db", str(db), "--clean"]) == 0
    assert "Đã dọn 1 tệp" in capsys.readouterr().out and not path.exists()


def test_cli_refuses_damaged_input_with_one_line(cli, tmp_path, capsys):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"garbage" * 50)
    assert cli(["check", "--db", str(junk)]) == 1
    assert cli(["restore", "--db", str(tmp_path / "x.sqlite3"), str(junk)]) == 1
    assert cli(["backup", "--db", str(tmp_path / "missing.sqlite3"), "--out", str(tmp_path / "b.zip")]) == 1
    err = capsys.readouterr().err
    assert err.count("Lỗi:") == 3 and "Traceback" not in err


# --- checking on demand ------------------------------------------------------------------------------------------


def test_check_finds_missing_and_changed_evidence_files_and_orphans(store, tmp_path):
    fill(store, tmp_path)
    first, second, third = (store.evidence_path(ev) for ev in store.evidence())
    first.unlink()
    second.write_bytes(b"changed behind the program's back")
    third.with_name("f" * 64).write_bytes(b"left by a crash")  # wrong folder for its name: not ours, ignored
    (third.parent.parent / "ab").mkdir()
    orphan = third.parent.parent / "ab" / ("ab" + "0" * 62)
    orphan.write_bytes(b"orphan")
    quick = check_file(store.path)
    assert not quick.ok and len(quick.missing_files) == 1 and quick.damaged_files == []
    full = check_file(store.path, full=True)
    assert len(full.damaged_files) == 1 and full.orphan_files == [orphan]
    assert any("Thiếu 1 tệp minh chứng" in p for p in full.problems)


def test_sao_luu_notes_evidence_files_that_were_already_missing(store, tmp_path, backups):
    fill(store, tmp_path, 2)
    store.evidence_path(store.evidence()[0]).unlink()
    manifest = export_backup(store, tmp_path / "b.zip", now=NOW)
    assert len(manifest.missing_files) == 1 and len(manifest.files) == 1
    result = restore_backup(tmp_path / "elsewhere" / "k.sqlite3", tmp_path / "b.zip", now=NOW, backup_dir=backups)
    assert result.missing_files == manifest.missing_files


def test_unfinished_file_copies_of_a_crashed_program_are_removed_on_opening(tmp_path, backups):
    path = tmp_path / "k.sqlite3"
    Store.open(path, backup_dir=backups).close()
    leftover = tmp_path / "k-files" / "tmp" / "0123.part"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"half a scan")
    Store.open(path, backup_dir=backups).close()
    assert not leftover.exists()
