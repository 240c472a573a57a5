"""Issue 14 item 9 (core): the officer corrects the plan after import; every change in history, each undoable."""

from __future__ import annotations

from datetime import date

import pytest

import two_level_plan as layout
from kstthc_desktop.domain import DeadlineKind, ProgressEntry
from kstthc_desktop.errors import UserError
from kstthc_desktop.importers import extract
from kstthc_desktop.operations import plan_edit
from kstthc_desktop.operations.undo import undo_last
from kstthc_desktop.store import Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "kstthc.sqlite3") as s:
        plan = extract(layout.write_xlsx(tmp_path / "plan.xlsx"))
        s.save_plan(plan)
        yield s


def _plan_id(store) -> int:
    return store.plans()[0].id


def _tasks(store):
    return store.tasks(_plan_id(store))


def test_a_task_s_texts_are_corrected_and_its_deadline_read_again(store):
    task = _tasks(store)[1]
    saved = plan_edit.edit_task(store, task.id, content="Kiện toàn cán bộ đầu mối.", deadline_text="Quý II/2024",
                                note="Sửa theo bản ký")
    assert (saved.content, saved.note) == ("Kiện toàn cán bộ đầu mối.", "Sửa theo bản ký")
    assert saved.deadline.kind == DeadlineKind.DATED and saved.deadline.due == date(2024, 6, 30)
    changed = {h.field for h in store.task_history(task.id) if h.action == "edit"}  # by hand: a re-import keeps it
    assert {"content", "deadline_text", "note"} <= changed
    undo_last(store)
    assert store.task(task.id).content == task.content and store.task(task.id).deadline == task.deadline


def test_a_task_moves_to_another_section_with_a_new_number(store):
    task = _tasks(store)[0]
    plan_edit.edit_task(store, task.id, section="2.II", stt="3")
    assert (store.task(task.id).section, store.task(task.id).stt) == ("2.II", "3")
    assert [(t.section, t.stt) for t in _tasks(store)][-3:] == [("2.II", "1"), ("2.II", "2"), ("2.II", "3")]
    undo_last(store)
    assert _tasks(store)[0].id == task.id  # back in its place
    with pytest.raises(UserError, match="không có mục"):
        plan_edit.edit_task(store, task.id, section="9.IX")
    with pytest.raises(UserError, match="không được để trống"):
        plan_edit.edit_task(store, task.id, content="  ")


def test_a_deleted_task_comes_back_with_its_results_on_undo(store):
    task = _tasks(store)[2]
    store.add_progress(ProgressEntry(task.id, date(2024, 5, 10), "Đã đánh giá 3 dự thảo", "2024"))
    plan_edit.delete_task(store, task.id)
    assert task.id not in [t.id for t in _tasks(store)]
    assert undo_last(store) == "Xóa nhiệm vụ"
    assert store.task(task.id).content == task.content
    assert [e.text for e in store.progress(task_id=task.id)] == ["Đã đánh giá 3 dự thảo"]


def test_a_task_the_import_missed_is_added(store):
    task_id = plan_edit.add_task(store, _plan_id(store), section="1.I", stt="3", content="Tập huấn nghiệp vụ.",
                                 lead="Văn phòng Sở", deadline_text="Tháng 9/2024")
    added = store.task(task_id)
    assert (added.section, added.stt, added.deadline.due) == ("1.I", "3", date(2024, 9, 30))
    assert [t.id for t in _tasks(store)][2] == task_id  # after its section's tasks 1.I.1, 1.I.2


def test_sections_are_added_renamed_and_deleted_and_undone(store):
    plan_id = _plan_id(store)
    first = store.load_plan(plan_id, tasks=False).sections[1]
    plan_edit.rename_section(store, first.id, "Công tác chỉ đạo, điều hành, kiểm tra")
    assert store.load_plan(plan_id, tasks=False).sections[1].title == "Công tác chỉ đạo, điều hành, kiểm tra"
    new_id = plan_edit.add_section(store, plan_id, "III", "Truyền thông", parent="1", after=first.id + 1)
    sections = store.load_plan(plan_id, tasks=False).sections
    added = next(s for s in sections if s.id == new_id)
    assert (added.code, added.printed_code, added.parent) == ("1.III", "III", "1")
    assert [s.code for s in sections][:4] == ["1", "1.I", "1.II", "1.III"]
    with pytest.raises(UserError, match="còn 2 nhiệm vụ"):
        plan_edit.delete_section(store, first.id)
    plan_edit.delete_section(store, new_id)
    assert new_id not in [s.id for s in store.load_plan(plan_id, tasks=False).sections]
    assert undo_last(store) == "Xóa mục"
    assert undo_last(store) == "Thêm mục"
    assert undo_last(store) == "Sửa mục"
    assert store.load_plan(plan_id, tasks=False).sections[1].title == "Công tác chỉ đạo, điều hành"


def test_a_reimport_keeps_what_the_officer_corrected_by_hand(store, tmp_path, monkeypatch):
    from kstthc_desktop.importers.reimport import apply

    task = _tasks(store)[0]
    plan_edit.edit_task(store, task.id, lead="Văn phòng Sở (bộ phận một cửa)")
    rows = list(layout.ROWS)  # the amended plan: that task's lead and deadline printed anew
    at = next(i for i, r in enumerate(rows) if r[0] == "task")
    rows[at] = ("task", "1", {**rows[at][2], "lead": "Phòng Hành chính", "deadline_text": "Tháng 02/2024"})
    monkeypatch.setattr(layout, "ROWS", rows)
    amended = extract(layout.write_xlsx(tmp_path / "amended.xlsx"))
    changes = apply(store, _plan_id(store), amended)
    saved = store.task(task.id)
    assert saved.lead == "Văn phòng Sở (bộ phận một cửa)"  # the officer's correction stays
    assert saved.deadline_text == "Tháng 02/2024"  # what the officer did not touch follows the new version
    assert any(line.startswith("  = ") and "giữ chủ trì do cán bộ đã sửa" in line for line in changes.summary()), \
        changes.summary()
