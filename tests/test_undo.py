"""Issue 14 item 6, second half: undo the officer's last actions of the session, built on the history table."""

from __future__ import annotations

from datetime import date

import pytest

from kstthc_desktop.domain import Deadline, DeadlineKind, Evidence, Plan, ProgressEntry, Task
from kstthc_desktop.errors import UserError
from kstthc_desktop.operations.undo import last_action, undo_last
from kstthc_desktop.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "kstthc.sqlite3") as s:
        plan = Plan(tasks=[Task(stt="1", content="Rà soát thủ tục", lead="Văn phòng Sở", deadline_text="Quý III",
                                deadline=Deadline(DeadlineKind.DATED, due=date(2025, 9, 30)))])
        plan.document.year = 2025
        s.save_plan(plan)
        yield s


def _task(store):
    return store.tasks(store.plans()[0].id)[0]


def test_undoing_a_deleted_entry_brings_it_back_with_its_document(store):
    task = _task(store)
    entry_id = store.add_progress(ProgressEntry(task.id, date(2025, 5, 10), "Đã rà soát 12 thủ tục", "2025-Q3"))
    store.add_evidence(Evidence(task.id, "15/BC-SXD", date(2025, 5, 9), progress_id=entry_id))
    store.delete_progress(entry_id)
    assert last_action(store) == ("Xóa kết quả", True)
    assert undo_last(store) == "Xóa kết quả"
    [entry] = store.progress(task_id=task.id)
    assert (entry.id, entry.text, entry.entry_date) == (entry_id, "Đã rà soát 12 thủ tục", date(2025, 5, 10))
    assert store.evidence(task_id=task.id)[0].progress_id == entry_id  # the document is linked again
    assert store.task_history(task.id)[-1].action == "update"  # the undo is in history too


def test_undo_goes_back_action_by_action(store):
    task = _task(store)
    store.update_task(task.id, assignee="Chị Lan")
    event_id = store.add_event(task.id, date(2025, 6, 5), "Phản ánh của người dân")
    store.update_task(task.id, lead="Phòng Quản lý xây dựng")
    assert undo_last(store) == "Sửa nhiệm vụ"
    assert _task(store).lead == "Văn phòng Sở"
    assert undo_last(store) == "Thêm phát sinh"
    assert store.events(task_id=task.id) == [] and event_id
    assert undo_last(store) == "Sửa nhiệm vụ"
    assert _task(store).assignee == ""
    assert last_action(store) == ("Nhập kế hoạch", False)  # the import itself is named and not undone
    with pytest.raises(UserError, match="Không hoàn tác được thao tác «Nhập kế hoạch»"):
        undo_last(store)
    assert len(_task(store).content) > 0


def test_nothing_to_undo_is_said_plainly(tmp_path):
    with Store.open(tmp_path / "empty.sqlite3") as store:
        assert last_action(store) is None
        with pytest.raises(UserError, match="Không có thao tác nào"):
            undo_last(store)


def test_a_report_or_a_setting_saved_since_does_not_stand_in_the_way(store):
    from kstthc_desktop.domain import Settings

    task = _task(store)
    entry_id = store.add_progress(ProgressEntry(task.id, date(2025, 5, 10), "Đã rà soát", "2025-Q3"))
    store.delete_progress(entry_id)
    store.save_settings(Settings(body_name="SỞ XÂY DỰNG"))
    assert last_action(store) == ("Xóa kết quả", True)
    assert undo_last(store) == "Xóa kết quả"
    assert [e.id for e in store.progress(task_id=task.id)] == [entry_id]
    assert store.settings().body_name == "SỞ XÂY DỰNG"  # the setting stays


def test_an_import_and_a_re_import_are_named_as_such_and_not_undone(tmp_path):
    from datetime import datetime

    from kstthc_desktop.operations.imports import save_import

    def plan(result: str) -> Plan:
        read = Plan(tasks=[Task(stt="1", content="Rà soát thủ tục", result=result, lead="Văn phòng Sở",
                                deadline_text="Quý III", deadline=Deadline(DeadlineKind.DATED, due=date(2025, 9, 30)))])
        read.document.year, read.document.issuer = 2025, "UBND tỉnh Sóc Trăng"
        return read

    with Store.open(tmp_path / "kstthc.sqlite3") as store:
        save_import(store, plan("Báo cáo"), datetime(2025, 1, 20, 8, 0))
        assert last_action(store) == ("Nhập kế hoạch", False)
        outcome = save_import(store, plan("Báo cáo kết quả rà soát"), datetime(2025, 2, 1, 8, 0))
        assert outcome.amended
        assert last_action(store) == ("Nhập lại kế hoạch", False)
        with pytest.raises(UserError, match="«Nhập lại kế hoạch»"):
            undo_last(store)
        assert "Báo cáo kết quả rà soát" in [t.result for t in store.tasks(outcome.plan_id)]  # still as imported
