"""A plan's own facts the officer decides: the year of a plan being imported, and who follows each task; and
finding a task by the number the officer sees ("IV.2")."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from kstthc_desktop.deadlines import read_deadline
from kstthc_desktop.domain import Plan, Task
from kstthc_desktop.errors import UserError
from kstthc_desktop.text import clean

if TYPE_CHECKING:  # the store is passed in
    from kstthc_desktop.store import Store


def set_plan_year(plan: Plan, year: int, *, corrected: Collection[int] = ()) -> None:
    """Give a plan not yet saved its year: deadlines without a year of their own ("Trong năm", "Quý II") are
    read again for it, except the tasks (indexes in ``corrected``) whose reading the officer set by hand."""
    plan.document.year = year
    for index, task in enumerate(plan.tasks):
        if index not in corrected:
            task.deadline = read_deadline(task.deadline_text, year)


def set_assignee(store: Store, task_id: int, name: str) -> bool:
    """Name who follows a task (the officer's own note; "" clears it). False when it was already so."""
    value = clean(name)
    if value == store.task(task_id).assignee:
        return False
    with store.transaction():
        store.update_task(task_id, assignee=value)
    return True


def find_task(store: Store, plan_id: int, number: str) -> Task:
    """The task of a stored plan shown as ``number`` in the window's table ("IV.2", "III.5(2)"; spaces and
    case aside). UserError when the plan has no such task."""
    from kstthc_desktop.tracking import printed_section_codes, shown_stt

    plan = store.load_plan(plan_id)
    codes = printed_section_codes(plan.sections)
    wanted = "".join(clean(number).split()).upper()
    for task in plan.tasks:
        if "".join(shown_stt(task, codes).split()).upper() == wanted:
            return task
    raise UserError(f"Không có nhiệm vụ số «{clean(number)}» trong kế hoạch năm {plan.document.year or '?'} "
                    "(ghi số như cột STT của bảng nhiệm vụ, ví dụ IV.2).")
