"""A plan's own facts the officer decides: the year of a plan being imported, and who follows each task."""

from __future__ import annotations

from collections.abc import Collection

from kstthc_desktop.deadlines import read_deadline
from kstthc_desktop.domain import Plan
from kstthc_desktop.text import clean


def set_plan_year(plan: Plan, year: int, *, corrected: Collection[int] = ()) -> None:
    """Give a plan not yet saved its year: deadlines without a year of their own ("Trong năm", "Quý II") are
    read again for it, except the tasks (indexes in ``corrected``) whose reading the officer set by hand."""
    plan.document.year = year
    for index, task in enumerate(plan.tasks):
        if index not in corrected:
            task.deadline = read_deadline(task.deadline_text, year)


def set_assignee(store, task_id: int, name: str) -> bool:
    """Name who follows a task (the officer's own note; "" clears it). False when it was already so."""
    value = clean(name)
    if value == store.task(task_id).assignee:
        return False
    with store.transaction():
        store.update_task(task_id, assignee=value)
    return True
