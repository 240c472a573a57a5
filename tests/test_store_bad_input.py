"""Bad input to the store: each is answered with one clear Vietnamese message and changes nothing.

Missing, locked, huge or odd-named evidence files, wrong dates, empty fields, a read-only folder, a full disk
(simulated) and damaged settings; hypothesis feeds arbitrary text and values.
"""

from __future__ import annotations

import errno
import itertools
import os
import sqlite3
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kstthc_desktop.domain import Evidence, Plan, ProgressEntry, Settings, Task
from kstthc_desktop.errors import UserError
from kstthc_desktop.store import Store
from kstthc_desktop.store import files as evfiles
from kstthc_desktop.store import opening
from kstthc_desktop.store.bodies import split_bodies
from kstthc_desktop.text import clean, fold

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "kstthc.sqlite3", backup_dir=tmp_path / "b") as opened:
        opened.save_plan(Plan(tasks=[Task(stt="1", content="Báo cáo kết quả")]))
        yield opened


@pytest.fixture
def task_id(store) -> int:
    return store.tasks(store.plans()[0].id)[0].id


def snapshot_state(store: Store) -> tuple:
    """Everything a user could notice: rows of every table and the managed files."""
    tables = [r[0] for r in store.conn.execute("select name from sqlite_master where type='table' order by name")]
    rows = tuple(tuple(store.conn.execute(f"select * from [{t}] order by rowid").fetchall()) for t in tables)
    files = tuple(sorted(str(p) for p in store.files_dir.rglob("*"))) if store.files_dir.exists() else ()
    return rows, files


# --- evidence files ------------------------------------------------------------------------------------------------


def test_a_missing_evidence_file_is_refused(store, task_id, tmp_path):
    before = snapshot_state(store)
    with pytest.raises(UserError, match=r'Không tìm thấy tệp minh chứng "mất\.pdf"'):
        store.add_evidence(Evidence(task_id, "1/BC-X", None), tmp_path / "mất.pdf")
    assert snapshot_state(store) == before


def test_a_folder_is_not_an_evidence_file(store, task_id, tmp_path):
    with pytest.raises(UserError, match="không phải là một tệp"):
        store.add_evidence(Evidence(task_id, "1/BC-X", None), tmp_path)


def test_a_huge_evidence_file_is_refused_before_copying(store, task_id, tmp_path):
    huge = tmp_path / "phim.mp4"
    with open(huge, "wb") as handle:  # sparse: takes no real space
        handle.truncate(evfiles.MAX_FILE_BYTES + 1)
    before = snapshot_state(store)
    with pytest.raises(UserError, match="quá lớn"):
        store.add_evidence(Evidence(task_id, "1/BC-X", None), huge)
    assert snapshot_state(store) == before


def test_a_locked_evidence_file_is_refused(store, task_id, tmp_path, monkeypatch):
    """Windows refuses to open a file Word holds open; simulated here as PermissionError on opening it."""
    locked = tmp_path / "đang mở.docx"
    locked.write_bytes(b"docx")
    real_open = open

    def refusing_open(path, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(evfiles, "open", refusing_open, raising=False)
    before = snapshot_state(store)
    with pytest.raises(UserError, match="chương trình khác mở"):
        store.add_evidence(Evidence(task_id, "1/BC-X", None), locked)
    assert snapshot_state(store) == before


def test_a_full_disk_while_copying_a_file_changes_nothing(store, task_id, tmp_path, monkeypatch):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"x" * 5000)

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(evfiles.os, "fsync", no_space)
    before = snapshot_state(store)
    with pytest.raises(UserError, match="ổ đĩa đầy"):
        store.add_evidence(Evidence(task_id, "1/BC-X", None), scan)
    monkeypatch.undo()
    assert snapshot_state(store) == before
    assert evfiles.leftover_temp_files(store.files_dir) == []


def test_a_full_disk_at_commit_changes_nothing(store, task_id, monkeypatch):
    before = snapshot_state(store)
    real_history = store._history

    def full_after_insert(*args):
        real_history(*args)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "_history", full_after_insert)
    with pytest.raises(UserError, match="ổ đĩa đầy"):
        store.add_progress(ProgressEntry(task_id, date(2025, 1, 2), "một", "2025-Q1"))
    monkeypatch.undo()
    assert snapshot_state(store) == before


_NUMBERS = itertools.count(1)
file_names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\\x00"), min_size=1, max_size=40
).filter(lambda s: s.strip(". ") and len(s.encode("utf-8")) < 200)


@given(name=file_names, content=st.binary(max_size=2000))
@FUZZ
def test_any_file_name_is_stored_by_hash_inside_the_managed_folder(store, task_id, tmp_path_factory, name, content):
    folder = tmp_path_factory.mktemp("src")
    source = folder / name
    try:
        source.write_bytes(content)
    except OSError:
        return  # a name this file system itself refuses
    ev = Evidence(task_id, f"{next(_NUMBERS)}/BC-X", None)  # one document per example: a number is cited once
    store.add_evidence(ev, source)
    stored = store.evidence_path(ev)
    assert stored.read_bytes() == content
    assert stored.resolve().is_relative_to(store.files_dir.resolve())
    assert store.evidence(task_id=task_id)[-1].file_name == unicodedata.normalize("NFC", source.name)


# --- text and dates --------------------------------------------------------------------------------------------------

anything = st.one_of(st.none(), st.text(max_size=30), st.integers(), st.dates(), st.floats(allow_nan=True), st.booleans())


@given(text=st.text(max_size=300), key=st.text(max_size=20), when=anything)
@FUZZ
def test_progress_from_any_input_is_stored_cleanly_or_refused_with_a_message(store, task_id, text, key, when):
    before = len(store.progress())
    try:
        entry_id = store.add_progress(ProgressEntry(task_id, when, text, key))
    except UserError as exc:
        assert exc.message and exc.message[0].isupper()
        assert len(store.progress()) == before
        return
    (saved,) = [p for p in store.progress() if p.id == entry_id]
    assert saved.text == clean(text) and saved.text
    assert isinstance(saved.entry_date, date)


@given(number=st.text(max_size=40), issuer=st.text(max_size=40), summary=st.text(max_size=200), issued=anything)
@FUZZ
def test_evidence_from_any_input_is_stored_cleanly_or_refused_with_a_message(store, task_id, number, issuer, summary, issued):
    before = len(store.evidence())
    try:
        evidence_id = store.add_evidence(Evidence(task_id, number, issued, issuer=issuer, summary=summary))
    except UserError:
        assert len(store.evidence()) == before
        return
    (saved,) = [ev for ev in store.evidence() if ev.id == evidence_id]
    assert (saved.number, saved.issuer, saved.summary) == (clean(number), clean(issuer), clean(summary))


@pytest.mark.parametrize("bad", ["2025-02-30", "31/12/2025", "hôm qua", "", 20250101])
def test_wrong_dates_are_refused(store, task_id, bad):
    with pytest.raises(UserError, match="không phải là một ngày hợp lệ"):
        store.add_progress(ProgressEntry(task_id, bad, "Đã làm", "2025-Q1"))
    with pytest.raises(UserError):
        store.add_event(task_id, bad, "Có yêu cầu")


@given(cell=st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_body_cells_of_any_text_give_distinct_non_empty_names(cell):
    names = split_bodies(cell)
    assert all(name.strip() for name in names)
    assert len({fold(n) for n in names}) == len(names)


# --- settings ---------------------------------------------------------------------------------------------------------


@given(values=st.dictionaries(st.sampled_from(sorted(Settings.__dataclass_fields__) + ["unknown"]),
                              st.one_of(st.text(max_size=30), st.binary(max_size=10).map(lambda b: b.hex()))))
@FUZZ
def test_damaged_settings_never_crash_and_fall_back_to_defaults(store, values):
    with store.db.atomic():
        store.conn.execute("delete from settings")
        for key, raw in values.items():
            store.conn.execute("insert into settings(key, value) values (?, ?)", [key, raw])
    loaded = store.settings()
    assert isinstance(loaded, Settings)
    assert isinstance(loaded.due_soon_days, int) and isinstance(loaded.recipients, list)


def test_a_setting_of_the_wrong_kind_is_refused_on_save(store):
    with pytest.raises(UserError, match="không hợp lệ"):
        store.save_settings(Settings(due_soon_days="bảy"))
    assert store.settings() == Settings()


# --- database paths -----------------------------------------------------------------------------------------------------


def test_paths_with_odd_characters_work(tmp_path):
    folder = tmp_path / "Dữ liệu #1 %20 'nháy' [x] & (y)"
    path = folder / "kstthc năm 2025?.sqlite3"
    with Store.open(path, backup_dir=tmp_path / "b") as store:
        store.save_plan(Plan(tasks=[Task(content="Nhiệm vụ")]))
    with Store.open(path, read_only=True) as reader:
        assert len(reader.plans()) == 1


def test_a_folder_that_cannot_be_created_is_a_message(tmp_path, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(UserError, match="không có quyền"):
        Store.open(tmp_path / "readonly" / "kstthc.sqlite3")


def test_a_read_only_database_file_is_a_message(tmp_path, monkeypatch):
    path = tmp_path / "kstthc.sqlite3"
    Store.open(path).close()

    def read_only_disk(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(opening, "use_wal", read_only_disk)
    with pytest.raises(UserError, match="chỉ cho phép đọc"):
        Store.open(path)
    monkeypatch.undo()
    Store.open(path).close()  # and the lock was released


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores file permissions")
def test_a_really_read_only_folder_is_a_message(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(UserError):
            Store.open(folder / "kstthc.sqlite3")
    finally:
        folder.chmod(0o755)
