"""A full disk is told as "ổ đĩa đầy", never as a damaged database and never with advice to restore (issue 13,
item 8): import, report, evidence, backup, restore and opening, on a real small tmpfs filled to the last byte.

Needs root and ``mount`` (CI runs as root); skipped elsewhere. A missing or read-only medium gets its own
sentence too (tested without a mount, through the errors the OS gives).
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from kstthc_desktop.domain import Evidence, Plan, PlanDocument, Task
from kstthc_desktop.errors import UserError
from kstthc_desktop.store import Store
from kstthc_desktop.store.archive import export_backup
from kstthc_desktop.store.media import medium_error

FIXTURES = Path(__file__).parent / "fixtures"
NOW = datetime(2025, 3, 10, 8, 0)


def _can_mount() -> bool:
    return (os.name == "posix" and hasattr(os, "geteuid") and os.geteuid() == 0 and bool(shutil.which("mount"))
            and os.environ.get("KSTTHC_NO_MOUNT") is None)


def told_as_full(message: str) -> None:
    text = message.lower()
    assert "ổ đĩa đầy" in text, message
    damage = text.replace("không bị hỏng", "")
    assert "hỏng" not in damage and "khôi phục từ" not in damage, message


@pytest.fixture
def full_disk(tmp_path):
    """A 2 MB tmpfs holding the officer's database (a plan of 2022), then filled to the last byte."""
    if not _can_mount():
        pytest.skip("needs root and mount for a small tmpfs")
    medium = tmp_path / "disk"
    medium.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(medium)], capture_output=True).returncode:
        pytest.skip("mount is not allowed here")
    try:
        db = medium / "kstthc.sqlite3"
        with Store.open(db, backup_dir=tmp_path / "backups") as store:
            store.save_plan(Plan(document=PlanDocument(year=2022), tasks=[Task(stt="1", content="Báo cáo")]))
        export_backup(db, tmp_path / "sao-luu.zip", now=NOW)
        filler = open(medium / "filler", "wb")  # noqa: SIM115 - closed below, after the disk is full
        try:
            while True:
                filler.write(b"x" * 4096)
                filler.flush()
        except OSError:
            pass
        try:
            filler.close()
        except OSError:
            pass
        assert shutil.disk_usage(medium).free == 0
        yield db
    finally:
        subprocess.run(["umount", "-l", str(medium)], capture_output=True)


def test_import_report_evidence_backup_and_restore_on_a_full_disk_say_so(full_disk, tmp_path, capsys):
    from kstthc_desktop import cli

    db = full_disk
    before = db.read_bytes()
    runs = {
        "import": ["import", "--db", str(db), str(FIXTURES / "plans" / "soc-trang-2022.docx")],
        "report": ["report", "--db", str(db), "--period", "2022-Q1", "--out", str(db.parent / "bao-cao.pdf")],
        "backup": ["backup", "--db", str(db), "--out", str(db.parent / "sao-luu.zip")],
        "restore": ["restore", "--db", str(db), str(tmp_path / "sao-luu.zip")],
    }
    for name, args in runs.items():
        assert cli.main(args) == 1, name
        told_as_full(capsys.readouterr().err)
    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(os.urandom(100_000))
    with Store.open(db, backup_dir=tmp_path / "backups") as store:
        task_id = store.tasks(store.plans()[0].id)[0].id
        with pytest.raises(UserError) as caught:
            store.add_evidence(Evidence(task_id, "1/BB", date(2022, 3, 1)), scan)
        told_as_full(caught.value.message)
    assert sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True).execute("PRAGMA quick_check").fetchone() == ("ok",)
    assert len(db.read_bytes()) == len(before)  # nothing was replaced


def test_a_read_only_or_missing_medium_is_named_not_called_damaged(tmp_path):
    ro = medium_error(OSError(errno.EROFS, "Read-only file system"), tmp_path)
    assert ro is not None and "chỉ cho phép đọc" in ro.message
    gone = medium_error(OSError(errno.EIO, "I/O error"), tmp_path / "usb-da-rut")
    assert gone is not None and "không tìm thấy ổ đĩa" in gone.message
    full = medium_error(sqlite3.OperationalError("database or disk is full"), tmp_path)
    assert full is not None and "ổ đĩa đầy" in full.message
    assert medium_error(sqlite3.DatabaseError("database disk image is malformed"), tmp_path) is None
