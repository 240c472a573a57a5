"""Data safety in the window: "Sao lưu" / "Khôi phục" round trip, a damaged database offered its newest good
backup, a locked one opened read-only, a bad backup refused. Message boxes are answered by patching them."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from kstthc_desktop.domain import Evidence, Plan, Settings
from kstthc_desktop.errors import UserError
from kstthc_desktop.store import Store

PLANS = Path(__file__).parent / "fixtures" / "plans"

pytestmark = pytest.mark.gui


def filled_store(path: Path, tmp_path: Path) -> Store:
    store = Store.open(path)
    store.save_settings(Settings(body_name="SỞ KHOA HỌC VÀ CÔNG NGHỆ", signer_name="Trần Thế Vũ"))
    plan_id = store.save_plan(Plan.from_json(json.loads((PLANS / "soc-trang-2022.json").read_text("utf-8"))))
    task = store.tasks(plan_id)[0]
    scan = tmp_path / "bao-cao quý I.pdf"
    scan.write_bytes(b"%PDF-1.4 evidence " * 100)
    store.add_evidence(Evidence(task_id=task.id, number="15/BC-SKHCN", issued=date(2022, 3, 12),
                                summary="Báo cáo quý I"), file=scan)
    return store


def test_backup_then_restore_brings_back_data_and_evidence_files(tmp_path, answers, monkeypatch):
    from kstthc_desktop.gui.safety_dialogs import backup_to_file, restore_from_file

    store = filled_store(tmp_path / "db" / "kstthc.sqlite3", tmp_path)
    usb = tmp_path / "usb" / "sao lưu tháng 3"  # odd characters, no suffix: the dialog adds .zip
    usb.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(usb), "")))
    written = backup_to_file(None, store, today=date(2022, 3, 20))
    assert written == usb.with_name(usb.name + ".zip") and written.is_file()
    assert answers.told[-1][0] == "information" and "1 tệp minh chứng" in answers.told[-1][1]

    # The officer then loses things: settings changed, the plan deleted (its evidence with it).
    plan_id = store.plans()[0].id
    store.save_settings(Settings(body_name="SAI"))
    store.delete_plan(plan_id)
    store.remove_orphans()
    assert store.plans() == []

    answers.answers = ["Khôi phục"]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(written), "")))
    restored = restore_from_file(None, store)
    assert restored is not None
    try:
        assert "kiểm tra" in answers.boxes[-1]["info"]  # checked before asking
        assert answers.told[-1][0] == "information" and "Đã khôi phục" in answers.told[-1][1]
        assert restored.settings().body_name == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
        plans = restored.plans()
        assert len(plans) == 1
        evidence = restored.evidence(plan_id=plans[0].id)
        assert [e.number for e in evidence] == ["15/BC-SKHCN"]
        stored = restored.evidence_path(evidence[0])
        assert stored is not None and stored.read_bytes().startswith(b"%PDF-1.4 evidence")
        from kstthc_desktop.store.backup import list_backups

        assert any(b.reason == "truoc-khoi-phuc" for b in list_backups(restored.path))  # the state before was kept
    finally:
        restored.close()


def test_restore_cancelled_or_refused_changes_nothing(tmp_path, answers):
    from kstthc_desktop.gui.safety_dialogs import restore_from_file

    store = filled_store(tmp_path / "kstthc.sqlite3", tmp_path)
    try:
        bogus = tmp_path / "không phải sao lưu.zip"
        bogus.write_bytes(b"PK\x03\x04 this is not a backup" * 10)
        assert restore_from_file(None, store, source=bogus) is None
        assert answers.told[-1][0] == "warning" and "không dùng được" in answers.told[-1][1]
        assert answers.boxes == []  # refused before the officer was asked anything
        assert store.settings().body_name == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"  # still open and usable
    finally:
        store.close()


def test_damaged_database_is_explained_and_the_newest_good_backup_restored(tmp_path, answers):
    from kstthc_desktop.gui.safety_dialogs import open_store_interactively
    from kstthc_desktop.store.backup import backup_before

    db = tmp_path / "kstthc.sqlite3"
    with filled_store(db, tmp_path) as store:
        backup_before(store, "truoc-nhap", datetime(2022, 3, 1, 8, 0))
    data = bytearray(db.read_bytes())
    data[0:100] = b"\x00garbage" * 12 + b"\x00" * 4  # the header is gone: not a database any more
    db.write_bytes(bytes(data))

    answers.answers = ["Thoát"]
    assert open_store_interactively(db) is None
    box = answers.boxes[-1]
    assert "bị hỏng" in box["text"]
    assert "Khôi phục bản sao lưu gần nhất" in box["buttons"]
    assert "kstthc.log" in box["info"]  # where the details are
    assert db.read_bytes() == bytes(data)  # giving up leaves the file untouched

    answers.answers = ["Khôi phục bản sao lưu gần nhất"]
    store = open_store_interactively(db)
    assert store is not None
    try:
        assert store.settings().signer_name == "Trần Thế Vũ"
        assert len(store.tasks(store.plans()[0].id)) > 0
        assert answers.told[-1][0] == "information" and "Đã khôi phục" in answers.told[-1][1]
        kept = list(tmp_path.glob("kstthc.sqlite3.hong-*"))
        assert kept and kept[0].read_bytes()[:100] == bytes(data[:100])  # the damaged file kept aside
    finally:
        store.close()


def test_damaged_database_without_backups_offers_to_choose_one(tmp_path, answers):
    from kstthc_desktop.gui.safety_dialogs import open_store_interactively

    db = tmp_path / "kstthc.sqlite3"
    db.write_bytes(b"random bytes, not a database " * 50)
    answers.answers = ["Thoát"]
    assert open_store_interactively(db) is None
    assert "Chọn bản sao lưu…" in answers.boxes[-1]["buttons"]
    assert "Không tìm thấy bản sao lưu" in answers.boxes[-1]["info"]


def test_second_program_is_told_and_may_open_read_only(tmp_path, answers):
    from kstthc_desktop.gui.safety_dialogs import open_store_interactively

    db = tmp_path / "kstthc.sqlite3"
    with filled_store(db, tmp_path):
        answers.answers = ["Mở chỉ để xem"]
        second = open_store_interactively(db)
        assert "đang được mở" in answers.boxes[-1]["text"]
        assert second is not None
        try:
            assert second.settings().body_name == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
            with pytest.raises(UserError):
                second.save_settings(Settings(body_name="KHÁC"))
        finally:
            second.close()
        answers.answers = ["Thoát"]
        assert open_store_interactively(db) is None


def test_backup_to_a_place_that_cannot_be_written_gets_a_message(tmp_path, answers, monkeypatch):
    from kstthc_desktop.gui.safety_dialogs import backup_to_file

    store = filled_store(tmp_path / "kstthc.sqlite3", tmp_path)
    try:
        not_a_folder = tmp_path / "usb-đã-rút.txt"
        not_a_folder.write_text("a file where a folder should be")
        target = not_a_folder / "sao-luu.zip"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
        assert backup_to_file(None, store) is None
        assert answers.told[-1][0] == "warning" and "Không ghi được bản sao lưu" in answers.told[-1][1]
        assert not list(tmp_path.rglob("*.zip*"))  # nothing half-written anywhere
    finally:
        store.close()


def test_database_from_a_newer_program_is_refused_untouched(tmp_path, answers):
    import sqlite3

    from kstthc_desktop.gui.safety_dialogs import open_store_interactively

    db = tmp_path / "kstthc.sqlite3"
    filled_store(db, tmp_path).close()
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("insert into _sqlite_migrations(migration_set, name, applied_at) "
                     "values ('kstthc', 'm999_future', 'x')")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = db.read_bytes()
    assert open_store_interactively(db) is None
    assert answers.told[-1][0] == "critical" and "phiên bản mới hơn" in answers.told[-1][1]
    assert db.read_bytes() == before


def test_restoring_another_databases_backup_says_so_and_asks(tmp_path, answers):
    """Issue 13, item 1: a backup of another database (a colleague's, a test copy) is named as such, and
    "Hủy" is the default; the officer's data stays unless they insist."""
    from kstthc_desktop.gui.safety_dialogs import restore_from_file
    from kstthc_desktop.store.archive import export_backup

    other = filled_store(tmp_path / "dong-nghiep" / "kstthc.sqlite3", tmp_path)
    export_backup(other, tmp_path / "cua-dong-nghiep.zip", now=datetime(2022, 3, 1))
    other.close()
    store = Store.open(tmp_path / "cua-toi" / "kstthc.sqlite3")
    answers.answers = ["Khôi phục", "Hủy"]
    assert restore_from_file(None, store, source=tmp_path / "cua-dong-nghiep.zip") is None
    assert "KHÁC" in answers.boxes[-1]["text"] and answers.boxes[-1]["title"] == "Bản sao lưu của cơ sở dữ liệu khác"
    assert store.plans() == []  # nothing changed, still open
    answers.answers = ["Khôi phục", "Vẫn khôi phục"]
    restored = restore_from_file(None, store, source=tmp_path / "cua-dong-nghiep.zip")
    try:
        assert len(restored.plans()) == 1
    finally:
        restored.close()


def test_task_and_file_text_is_shown_as_plain_text(qapp, monkeypatch):
    """Issue 13, item 10: "a<b" keeps what follows, and an <img> tag cannot size a dialog."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QLabel

    from kstthc_desktop.domain import Task
    from kstthc_desktop.gui import errors
    from kstthc_desktop.gui.entry_dialogs import task_caption
    from kstthc_desktop.gui.safety_dialogs import ask

    shown = []

    def record(box):
        box.adjustSize()
        labels = {lab.objectName(): lab for lab in box.findChildren(QLabel)}
        shown.append((box.textFormat(), labels["qt_msgbox_label"].text(), box.sizeHint()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    huge = '<img src="x.png" width="9000" height="9000">'
    errors.show_error(None, UserError(f"Tệp \"kế hoạch a<b c.docx\" bị hỏng {huge}"))
    ask(None, QMessageBox.Icon.Question, "Hỏi", f"Nhiệm vụ a<b c {huge}", ["Có", "Không"], informative=huge)
    for text_format, text, size in shown:
        assert text_format == Qt.TextFormat.PlainText and "a<b c" in text
        assert size.width() < 2000 and size.height() < 2000
    document = QTextDocument()
    document.setHtml(task_caption(Task(stt="1", content=f"Rà soát a<b c {huge}")))
    assert "Rà soát a<b c <img" in document.toPlainText()  # the caption's own bold number stays
    rich = errors.plain("x<y")
    document.setHtml(rich)
    assert document.toPlainText() == "x<y"


def test_changes_a_read_only_view_leaves_out_are_told_in_the_window(tmp_path, answers, monkeypatch):
    """Issue 13, item 7: on a write-protected medium SQLite cannot read the -wal without its -shm; the window
    opens the file as it is and says that the last changes are not shown."""
    import errno
    import shutil
    import sqlite3

    from kstthc_desktop.gui.safety_dialogs import open_store_interactively
    from kstthc_desktop.store import opening

    source = tmp_path / "src" / "kstthc.sqlite3"
    filled_store(source, tmp_path).close()
    conn = sqlite3.connect(source)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("update tasks set note = 'mới' where id = 1")
    conn.commit()
    db = tmp_path / "usb" / "kstthc.sqlite3"
    db.parent.mkdir()
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{source}{suffix}", f"{db}{suffix}")
    conn.close()
    monkeypatch.setattr(opening, "write_refusal", lambda path: OSError(errno.EROFS, "Read-only file system", str(path)))
    real_check = opening.check_database

    def no_shm_here(conn, **kwargs):  # what a read-only medium answers to SQLite's -shm
        if conn.execute("pragma database_list").fetchone()[2] == str(db) and not getattr(no_shm_here, "done", 0):
            no_shm_here.done = 1
            raise sqlite3.OperationalError("unable to open database file")
        return real_check(conn, **kwargs)

    monkeypatch.setattr(opening, "check_database", no_shm_here)
    store = open_store_interactively(db)
    try:
        assert store is not None and store.read_only
        assert answers.told and "kstthc.sqlite3-wal" in answers.told[-1][1] and "không hiện" in answers.told[-1][1]
    finally:
        store.close()


@pytest.mark.parametrize("loss", ["empty file", "file gone"])
def test_an_empty_or_vanished_database_is_offered_its_backup_never_replaced(tmp_path, answers, loss):
    """Issue 13, items 2 and 3: the next start never makes a fresh, empty database where the officer's was."""
    from kstthc_desktop.gui.safety_dialogs import open_store_interactively
    from kstthc_desktop.store.backup import backup_before

    db = tmp_path / "kstthc.sqlite3"
    with filled_store(db, tmp_path) as store:
        backup_before(store, "truoc-nhap", datetime(2022, 3, 1, 8, 0))
    if loss == "empty file":
        db.write_bytes(b"")
    else:
        db.unlink()
    answers.answers = ["Thoát"]
    assert open_store_interactively(db) is None
    assert "Khôi phục bản sao lưu gần nhất" in answers.boxes[-1]["buttons"]
    assert (db.read_bytes() == b"") if loss == "empty file" else not db.exists()
    answers.answers = ["Khôi phục bản sao lưu gần nhất"]
    store = open_store_interactively(db)
    try:
        assert store.settings().signer_name == "Trần Thế Vũ"
    finally:
        store.close()
