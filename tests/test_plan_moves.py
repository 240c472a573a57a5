"""Issue 14 item 9 (core): tasks and sections moved after import. The numbers follow the new order, each move is
one action in history, one undo restores the order, and a move past an edge is refused with the plan unchanged."""

from __future__ import annotations

import pytest

import two_level_plan as layout
from kstthc_desktop.errors import UserError
from kstthc_desktop.importers import extract
from kstthc_desktop.operations import plan_moves
from kstthc_desktop.operations.undo import last_action, undo_last
from kstthc_desktop.store import Store
from kstthc_desktop.tracking import printed_section_codes, shown_stt


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "kstthc.sqlite3") as s:
        s.save_plan(extract(layout.write_xlsx(tmp_path / "plan.xlsx")))
        s.session_actions.clear()  # the import is not the officer's action
        yield s


def _plan(store):
    return store.load_plan(store.plans()[0].id)


def _numbers(store) -> list[str]:
    """The task table's STT column in plan order, each with the start of its content."""
    plan = _plan(store)
    codes = printed_section_codes(plan.sections)
    return [f"{shown_stt(t, codes)} {t.content.split()[0]}" for t in plan.tasks]


def _section(store, code):
    return next(s for s in _plan(store).sections if s.code == code)


def test_a_task_moved_up_takes_the_place_and_number_of_the_one_above_and_undo_puts_it_back(store):
    before = _numbers(store)
    second = _plan(store).tasks[1]  # 1.I.2 "Kiện toàn…"
    saved = plan_moves.move_task(store, second.id, -1)
    assert _numbers(store)[:2] == ["1.I.1 Kiện", "1.I.2 Ban"]  # the numbers read in order down the section
    assert saved.stt == "1"
    assert last_action(store) == ("Chuyển nhiệm vụ", True)
    undo_last(store)
    assert _numbers(store) == before


def test_a_move_can_keep_each_task_s_number(store):
    second = _plan(store).tasks[1]
    plan_moves.move_task(store, second.id, -1, renumber=False)
    assert _numbers(store)[:2] == ["1.I.2 Kiện", "1.I.1 Ban"]


def test_a_move_past_its_section_s_edge_is_refused_and_nothing_changes(store):
    before = _numbers(store)
    tasks = _plan(store).tasks
    with pytest.raises(UserError, match="đầu mục"):
        plan_moves.move_task(store, tasks[0].id, -1)
    with pytest.raises(UserError, match="cuối mục"):
        plan_moves.move_task(store, tasks[1].id, +1)  # the last of 1.I does not slip into 1.II
    assert _numbers(store) == before and last_action(store) is None


def test_a_task_moved_to_another_section_takes_its_next_number_and_its_old_section_closes_the_gap(store):
    first = _plan(store).tasks[0]
    plan_moves.move_task_to_section(store, first.id, "2.II")
    numbers = _numbers(store)
    assert numbers[0] == "1.I.1 Kiện"  # the old section numbered 1…n again
    assert numbers[-1] == "2.II.3 Ban"  # after the section's last task, with the next number
    undo_last(store)
    assert _numbers(store)[0] == "1.I.1 Ban"
    with pytest.raises(UserError, match="không có mục"):
        plan_moves.move_task_to_section(store, first.id, "9.IX")


def test_a_group_moved_up_takes_its_sections_and_tasks_with_it_and_undo_restores(store):
    before = _numbers(store)
    plan_moves.move_section(store, _section(store, "2").id, -1)
    assert [s.code for s in _plan(store).sections] == ["2", "2.I", "2.II", "1", "1.I", "1.II"]
    assert _numbers(store)[0] == "2.I.1 Rà"  # the table and reports follow the sections
    assert last_action(store) == ("Chuyển mục", True)
    undo_last(store)
    assert [s.code for s in _plan(store).sections] == ["1", "1.I", "1.II", "2", "2.I", "2.II"]
    assert _numbers(store) == before


def test_a_section_moves_among_its_group_s_sections_only(store):
    plan_moves.move_section(store, _section(store, "1.II").id, -1)
    assert [s.code for s in _plan(store).sections][:3] == ["1", "1.II", "1.I"]
    assert _numbers(store)[0] == "1.II.1 Đánh"
    with pytest.raises(UserError, match="đầu nhóm"):
        plan_moves.move_section(store, _section(store, "1.II").id, -1)
    with pytest.raises(UserError, match="cuối kế hoạch"):
        plan_moves.move_section(store, _section(store, "2").id, +1)


def test_a_section_moves_into_and_out_of_a_group(store):
    with pytest.raises(UserError, match="đã có mục số «II»"):  # "II" twice in group 2 would read alike
        plan_moves.move_section_to_group(store, _section(store, "1.II").id, "2")
    plan_moves.move_section_to_group(store, _section(store, "1.II").id, None)
    plan = _plan(store)
    assert [(s.code, s.parent) for s in plan.sections][:4] == [("1", None), ("1.I", "1"),
                                                               ("1.II", None), ("2", None)]
    undo_last(store)
    assert _section(store, "1.II").parent == "1"
    with pytest.raises(UserError, match="hai cấp"):
        plan_moves.move_section_to_group(store, _section(store, "1").id, "2")
    with pytest.raises(UserError, match="không nằm trong nhóm"):
        plan_moves.move_section_to_group(store, _section(store, "2").id, None)


def test_a_split_task_moves_with_its_continuation_rows_and_the_report_follows(store):
    from datetime import date

    from kstthc_desktop.domain import Task
    from kstthc_desktop.plan_order import step_task
    from kstthc_desktop.reports.data import build_report

    tasks = [Task(section="I", stt="1", content="a"), Task(section="I", stt="2", content="b"),
             Task(section="I", stt="2", sub=1, content="b, ý tiếp"), Task(section="I", stt="3", content="c")]
    moved = step_task(tasks, 0, +1)  # "1" goes below "2" and its second row
    assert moved.order == [1, 2, 0, 3] and moved.stt == {0: "2", 1: "1", 2: "1"}
    assert step_task(tasks, 2, -1).order == [1, 2, 0, 3]  # the continuation row moves its whole task

    plan_moves.move_section(store, _section(store, "2").id, -1)
    report = build_report(store, _plan(store).id, "2024", date(2024, 12, 31), whole_plan=True)
    assert [s.code for s in report.sections] == ["2.I", "2.II", "1.I", "1.II"]  # the report follows the new order


def test_a_section_dragged_in_the_tree_is_placed_before_another_or_into_a_group(store):
    plan_moves.place_section(store, _section(store, "2").id, None, "1")  # a group before the other
    assert [s.code for s in _plan(store).sections] == ["2", "2.I", "2.II", "1", "1.I", "1.II"]
    undo_last(store)
    plan_moves.place_section(store, _section(store, "1.II").id, None, None)  # out of its group, last
    plan_moves.place_section(store, _section(store, "1.II").id, "1", "1.I")  # back into it, first
    assert [(s.code, s.parent) for s in _plan(store).sections][:3] == [("1", None), ("1.II", "1"), ("1.I", "1")]
    assert _numbers(store)[0] == "1.II.1 Đánh"
    with pytest.raises(UserError, match="đã ở chỗ này"):
        plan_moves.place_section(store, _section(store, "1.II").id, "1", "1.I")
    with pytest.raises(UserError, match="hai cấp"):
        plan_moves.place_section(store, _section(store, "2").id, "1", None)
