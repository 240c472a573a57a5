"""Issue 14 item 6, first half: a deleted entry, document or event stays in its task's history tab."""

from __future__ import annotations

from datetime import date

import pytest

from kstthc_desktop.domain import Deadline, DeadlineKind, Evidence, Plan, ProgressEntry, Task
from kstthc_desktop.periods import parse_period
from kstthc_desktop.store import Store
from kstthc_desktop.tracking import task_rows


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "kstthc.sqlite3") as s:
        yield s


def _plan(store) -> tuple[int, int, int]:
    plan = Plan(tasks=[Task(stt="1", content="Rà soát thủ tục", deadline_text="Quý III",
                            deadline=Deadline(DeadlineKind.DATED, due=date(2025, 9, 30))),
                       Task(stt="2", content="Công khai thủ tục", deadline_text="Quý III",
                            deadline=Deadline(DeadlineKind.DATED, due=date(2025, 9, 30)))])
    plan.document.year = 2025
    plan_id = store.save_plan(plan)
    first, second = (t.id for t in store.tasks(plan_id))
    return plan_id, first, second


def test_the_history_of_a_task_keeps_its_deleted_records_and_no_other_task_s(store):
    _, task_id, other = _plan(store)
    entry = store.add_progress(ProgressEntry(task_id, date(2025, 5, 10), "Đã rà soát 12 thủ tục", "2025-Q3"))
    store.add_evidence(Evidence(task_id, "15/BC-SXD", date(2025, 5, 9), summary="Báo cáo rà soát"))
    event = store.add_event(task_id, date(2025, 6, 5), "Có phản ánh của người dân")
    store.delete_progress(entry)
    store.delete_event(event)
    store.add_progress(ProgressEntry(other, date(2025, 5, 11), "Việc của nhiệm vụ khác", "2025-Q3"))  # may reuse the id

    rows = [(h.action, h.entity) for h in store.task_history(task_id)]
    assert ("delete", "progress") in rows and ("delete", "event") in rows
    assert ("insert", "evidence") in rows
    assert rows.count(("insert", "progress")) == 1  # the other task's entry (same id again) is not this task's


@pytest.mark.gui
def test_the_history_tab_shows_a_deleted_entry_in_words(qtbot, store):
    from kstthc_desktop.gui.task_panel import TaskPanel

    plan_id, task_id, _ = _plan(store)
    entry = store.add_progress(ProgressEntry(task_id, date(2025, 5, 10), "Đã rà soát 12 thủ tục", "2025-Q3"))
    store.delete_progress(entry)
    panel = TaskPanel(store, date(2025, 6, 16))
    qtbot.addWidget(panel)
    panel.show_task(task_rows(store, plan_id, parse_period("2025-Q2"), date(2025, 6, 16))[0])
    lines = [[panel.history_list.topLevelItem(i).text(c) for c in range(4)]
             for i in range(panel.history_list.topLevelItemCount())]
    deleted = next(line for line in lines if line[1] == "Xóa kết quả")
    assert deleted[2] == "10/5/2025: Đã rà soát 12 thủ tục"
    assert "task_id" not in " ".join(" ".join(line) for line in lines)  # no stored JSON shown
    added = next(line for line in lines if line[1] == "Thêm nhiệm vụ")
    assert added[3] == "Rà soát thủ tục"
