"""Issue 14 item 9, the import preview's side: a plan read from a file is corrected before it is saved (tasks edited,
moved, added and deleted; sections added, renamed, deleted and grouped), refused in the stored plan's words, the
warnings kept on their tasks, and every change taken back by undo."""

from __future__ import annotations

from datetime import date

import pytest

from kstthc_desktop.domain import DeadlineKind, ImportWarning, Plan, PlanDocument, Section, Task
from kstthc_desktop.errors import UserError
from kstthc_desktop.importers import corrections as fix


def _plan() -> Plan:
    """I (tasks 1, 2), II (task 1): a warning on II.1 by index, one on I.2 by its source row."""
    tasks = [Task(section="I", stt="1", content="Ban hành kế hoạch", source_row=3),
             Task(section="I", stt="2", content="Kiện toàn cán bộ đầu mối", source_row=4),
             Task(section="II", stt="1", content="Rà soát thủ tục", deadline_text="Quý III", source_row=6)]
    return Plan(document=PlanDocument(year=2024),
                sections=[Section("I", "Chỉ đạo điều hành"), Section("II", "Rà soát")], tasks=tasks,
                warnings=[ImportWarning("Thời hạn chưa rõ", row=6, task_index=2),
                          ImportWarning("Dòng bị gộp", row=4), ImportWarning("Cột lạ", row=1)])


def _contents(plan: Plan) -> list[str]:
    return [t.content for t in plan.tasks]


def _warned(plan: Plan) -> dict[str, str]:
    """Warning message → content of the task it is about (by index, else by source row)."""
    by_row = {t.source_row: t for t in plan.tasks}
    return {w.message: (plan.tasks[w.task_index] if w.task_index is not None else by_row.get(w.row, Task())).content
            for w in plan.warnings}


def test_a_task_s_texts_and_note_are_corrected_and_its_deadline_read_again():
    plan = _plan()
    task = fix.edit_task(plan, 0, content="  Ban hành  kế hoạch KSTTHC ", deadline_text="Quý II/2024",
                         note="Đã có dự thảo", stt="1a")
    assert (task.content, task.note, task.stt) == ("Ban hành kế hoạch KSTTHC", "Đã có dự thảo", "1a")
    assert task.deadline.kind == DeadlineKind.DATED and task.deadline.due == date(2024, 6, 30)


def test_a_task_moved_to_another_section_goes_after_its_tasks_and_keeps_its_warnings():
    plan = _plan()
    fix.edit_task(plan, 1, section="II")
    assert _contents(plan) == ["Ban hành kế hoạch", "Rà soát thủ tục", "Kiện toàn cán bộ đầu mối"]
    assert _warned(plan)["Thời hạn chưa rõ"] == "Rà soát thủ tục"  # its index followed the task
    assert _warned(plan)["Dòng bị gộp"] == "Kiện toàn cán bộ đầu mối"


@pytest.mark.parametrize(("changes", "sentence"), [
    ({"content": "   "}, "Nội dung nhiệm vụ không được để trống."),
    ({"section": "IX"}, "Kế hoạch không có mục «IX»."),
])
def test_a_wrong_task_edit_is_refused_in_the_stored_plan_s_words_and_changes_nothing(changes, sentence):
    plan = _plan()
    before = plan.to_json()
    with pytest.raises(UserError) as refused:
        fix.edit_task(plan, 0, lead="Văn phòng", **changes)
    assert refused.value.message == sentence
    assert plan.to_json() == before


def test_a_task_is_added_after_the_chosen_task_or_first_in_its_section():
    plan = _plan()
    index = fix.add_task(plan, section="I", after=0, stt="1b", content="Tập huấn", deadline_text="Tháng 3/2024")
    assert index == 1 and plan.tasks[1].deadline.due == date(2024, 3, 31)
    fix.add_task(plan, section="II", after=0, content="Công khai thủ tục")  # the chosen task is in another section
    assert _contents(plan) == ["Ban hành kế hoạch", "Tập huấn", "Kiện toàn cán bộ đầu mối", "Công khai thủ tục",
                               "Rà soát thủ tục"]
    assert _warned(plan)["Thời hạn chưa rõ"] == "Rà soát thủ tục"


@pytest.mark.parametrize(("section", "content", "sentence"), [
    ("I", "", "Nội dung nhiệm vụ không được để trống."),
    ("IX", "Tập huấn", "Kế hoạch không có mục «IX»."),
])
def test_a_wrong_new_task_is_refused(section, content, sentence):
    plan = _plan()
    with pytest.raises(UserError) as refused:
        fix.add_task(plan, section=section, content=content)
    assert refused.value.message == sentence and len(plan.tasks) == 3


def test_deleted_tasks_take_their_warnings_and_undo_brings_both_back():
    plan = _plan()
    undo = fix.PreviewUndo(plan)
    undo.record("Xóa 2 nhiệm vụ")
    gone = fix.delete_tasks(plan, [1, 0])
    assert [t.content for t in gone] == ["Ban hành kế hoạch", "Kiện toàn cán bộ đầu mối"]
    assert _contents(plan) == ["Rà soát thủ tục"]
    assert _warned(plan) == {"Thời hạn chưa rõ": "Rà soát thủ tục", "Cột lạ": ""}
    assert undo.label == "Xóa 2 nhiệm vụ"
    undo.undo()
    assert _contents(plan) == ["Ban hành kế hoạch", "Kiện toàn cán bộ đầu mối", "Rà soát thủ tục"]
    assert _warned(plan)["Dòng bị gộp"] == "Kiện toàn cán bộ đầu mối" and undo.undo() is None


def test_the_last_task_is_not_deleted():
    plan = _plan()
    with pytest.raises(UserError, match="ít nhất một nhiệm vụ"):
        fix.delete_tasks(plan, [0, 1, 2])
    assert len(plan.tasks) == 3


def test_sections_are_added_renamed_and_deleted():
    plan = _plan()
    fix.add_section(plan, "III", "Công khai", after="I")
    assert [s.code for s in plan.sections] == ["I", "III", "II"]
    fix.rename_section(plan, "III", "Công khai thủ tục hành chính")
    assert plan.sections[1].title == "Công khai thủ tục hành chính"
    fix.delete_section(plan, "III")
    assert [s.code for s in plan.sections] == ["I", "II"]


@pytest.mark.parametrize(("code", "title", "parent", "sentence"), [
    ("", "Công khai", None, "Hãy nhập số và tên của mục."),
    ("III", " ", None, "Hãy nhập số và tên của mục."),
    ("II", "Công khai", None, "Kế hoạch đã có mục số «II»."),
    ("I", "Công khai", "9", "Kế hoạch không có mục «9»."),
])
def test_a_wrong_new_section_is_refused(code, title, parent, sentence):
    plan = _plan()
    with pytest.raises(UserError) as refused:
        fix.add_section(plan, code, title, parent=parent)
    assert refused.value.message == sentence and len(plan.sections) == 2


def test_an_empty_title_is_refused():
    plan = _plan()
    with pytest.raises(UserError) as refused:
        fix.rename_section(plan, "I", "  ")
    assert refused.value.message == "Tên mục không được để trống." and plan.sections[0].title == "Chỉ đạo điều hành"


def test_a_section_with_tasks_is_refused_unless_its_tasks_go_elsewhere():
    plan = _plan()
    with pytest.raises(UserError) as refused:
        fix.delete_section(plan, "I")
    assert refused.value.message == ("Mục «Chỉ đạo điều hành» còn 2 nhiệm vụ và 0 mục con: hãy chuyển chúng sang "
                                     "mục khác trước khi xóa.")
    with pytest.raises(UserError, match="mục khác"):
        fix.delete_section(plan, "I", move_tasks_to="I")
    with pytest.raises(UserError, match="không có mục «IX»"):
        fix.delete_section(plan, "I", move_tasks_to="IX")
    assert len(plan.sections) == 2
    fix.delete_section(plan, "I", move_tasks_to="II")
    assert [s.code for s in plan.sections] == ["II"]
    assert [(t.section, t.content) for t in plan.tasks] == [
        ("II", "Rà soát thủ tục"), ("II", "Ban hành kế hoạch"), ("II", "Kiện toàn cán bộ đầu mối")]
    assert _warned(plan)["Thời hạn chưa rõ"] == "Rà soát thủ tục"


def test_sections_are_gathered_under_a_group_keeping_their_printed_numbers():
    plan = _plan()
    group = fix.add_group(plan, "1", "Thực hiện nhiệm vụ theo kế hoạch của tỉnh", ["II", "I"])
    assert [(s.code, s.parent, s.printed_code) for s in plan.sections] == [
        ("1", None, None), ("1.I", "1", "I"), ("1.II", "1", "II")]
    assert group.title == "Thực hiện nhiệm vụ theo kế hoạch của tỉnh"
    assert [t.section for t in plan.tasks] == ["1.I", "1.I", "1.II"]
    fix.add_section(plan, "III", "Truyền thông", parent="1")  # a section under the group, after its sections
    assert [s.code for s in plan.sections] == ["1", "1.I", "1.II", "1.III"]
    with pytest.raises(UserError, match="còn 0 nhiệm vụ và 3 mục con"):
        fix.delete_section(plan, "1")


@pytest.mark.parametrize(("code", "sections", "sentence"), [
    ("", ["I"], "Hãy nhập số và tên của mục."),
    ("II", ["II"], "Kế hoạch đã có mục số «II»."),
    ("2", ["1.I"], "Mục «I. Chỉ đạo điều hành» đã thuộc một nhóm mục."),
    ("2", ["1"], "Mục «1. Nhóm» đã là một nhóm mục: không đặt nhóm trong nhóm."),
])
def test_a_wrong_group_is_refused(code, sections, sentence):
    plan = _plan()
    fix.add_group(plan, "1", "Nhóm", ["I"])
    before = plan.to_json()
    with pytest.raises(UserError) as refused:
        fix.add_group(plan, code, "Nhóm mới", sections)
    assert refused.value.message == sentence and plan.to_json() == before


def test_undo_takes_back_each_change_in_turn():
    plan = _plan()
    undo = fix.PreviewUndo(plan)
    undo.record("Thêm mục", extra={0})
    fix.add_section(plan, "III", "Công khai")
    undo.record("Gộp vào nhóm")
    fix.add_group(plan, "1", "Nhóm", ["I", "II", "III"])
    assert undo.undo().label == "Gộp vào nhóm"
    assert [s.code for s in plan.sections] == ["I", "II", "III"] and plan.tasks[0].section == "I"
    step = undo.undo()
    assert (step.label, step.extra) == ("Thêm mục", {0}) and [s.code for s in plan.sections] == ["I", "II"]


def test_a_task_outside_any_section_stays_so_when_its_dialog_is_saved(qtbot):
    from kstthc_desktop.gui.task_edit_dialog import TaskEditDialog

    plan = _plan()
    plan.tasks.insert(0, Task(section="", stt="0", content="Nhiệm vụ chung"))
    dialog = TaskEditDialog(plan.tasks[0], plan.sections, 2024)
    qtbot.addWidget(dialog)
    assert dialog.values()["section"] == ""
    fix.edit_task(plan, 0, **dialog.values())
    assert plan.tasks[0].section == "" and plan.tasks[0].content == "Nhiệm vụ chung"
