"""Move a stored plan's tasks and sections (the window's Sửa › Chuyển lên / Chuyển xuống / Chuyển sang mục…,
``kstthc task move``, ``kstthc section move``). Each move is one transaction, every change in history, so one
undo restores the order. Where a move puts things, and what it does to the printed numbers, is decided in
``plan_order``: numbers follow the new order unless ``renumber=False``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kstthc_desktop import plan_order
from kstthc_desktop.domain import Plan, Section, Task
from kstthc_desktop.store import plan_order as stored_order

if TYPE_CHECKING:
    from kstthc_desktop.store import Store


def _plan_of_task(store: Store, task_id: int) -> tuple[Plan, int]:
    task = store.task(task_id)
    plan = store.load_plan(task.plan_id or 0)
    return plan, next(i for i, t in enumerate(plan.tasks) if t.id == task_id)


def _save_task_move(store: Store, plan: Plan, moved: plan_order.TaskMove) -> None:
    with store.transaction():  # one action, one undo
        for index in sorted(set(moved.stt) | set(moved.section)):
            changes = {"stt": moved.stt.get(index), "section": moved.section.get(index)}
            task_id = plan.tasks[index].id
            assert task_id is not None
            store.update_task(task_id, by_officer=True, **{k: v for k, v in changes.items() if v is not None})
        stored_order.set_task_order(store, plan.id or 0, [plan.tasks[i].id or 0 for i in moved.order])


def move_task(store: Store, task_id: int, step: int, *, renumber: bool = True) -> Task:
    """Move a task one place up (``step`` -1) or down (+1) within its section; the task as saved. With
    ``renumber`` the two tasks exchange their numbers (the numbers read in order). UserError at the section's edge."""
    plan, index = _plan_of_task(store, task_id)
    _save_task_move(store, plan, plan_order.step_task(plan.tasks, index, step, plan.sections, renumber=renumber))
    return store.task(task_id)


def move_task_to_section(store: Store, task_id: int, section: str, *, renumber: bool = True) -> Task:
    """Move a task to the end of another section; with ``renumber`` it takes the next number there and the tasks
    after it in its old section close the gap (when that section was numbered 1…n)."""
    plan, index = _plan_of_task(store, task_id)
    moved = plan_order.task_to_section(plan.tasks, index, section, plan.sections, renumber=renumber)
    _save_task_move(store, plan, moved)
    return store.task(task_id)


def _save_sections(store: Store, plan: Plan, sections: list[Section]) -> None:
    with store.transaction():  # the sections' order and their tasks', one action
        stored_order.set_section_order(store, plan.id or 0, sections)
        order = plan_order.tasks_following(plan.tasks, sections)
        stored_order.set_task_order(store, plan.id or 0, [plan.tasks[i].id or 0 for i in order])


def _plan_of_section(store: Store, section_id: int) -> tuple[Plan, str]:
    from kstthc_desktop.store.plan_edits import section_row

    row = section_row(store, section_id)
    return store.load_plan(row["plan_id"]), row["code"]


def move_section(store: Store, section_id: int, step: int) -> None:
    """Move a section (a group with its sections) one place up or down among its siblings; its tasks follow."""
    plan, code = _plan_of_section(store, section_id)
    _save_sections(store, plan, plan_order.step_section(plan.sections, code, step))


def move_section_to_group(store: Store, section_id: int, group: str | None) -> None:
    """Put a section into group ``group`` (its code; as the group's last section) or, None, out of its group."""
    plan, code = _plan_of_section(store, section_id)
    _save_sections(store, plan, plan_order.section_to_group(plan.sections, code, group))


def place_section(store: Store, section_id: int, parent: str | None, before: str | None) -> None:
    """Put a section under ``parent`` (a group's code; None: top level) before its section ``before`` (None: last)
    — a section dragged in the tree; its tasks follow."""
    plan, code = _plan_of_section(store, section_id)
    _save_sections(store, plan, plan_order.place_section(plan.sections, code, parent, before))
