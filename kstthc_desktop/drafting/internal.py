"""Internal deadlines: a settable number of working days before the province's (weekends and Vietnamese public
holidays skipped, Tết included), so that the body's result reaches the province office in time."""

from __future__ import annotations

from datetime import date, timedelta

from kstthc_desktop.calendar import effective_due, is_working_day
from kstthc_desktop.deadlines import read_deadline
from kstthc_desktop.domain import Deadline, DeadlineKind, Task
from kstthc_desktop.vndates import text_date


def working_days_before(d: date, days: int) -> date:
    """The working day ``days`` working days before ``d`` (``d`` itself rolled to a working day first, as the law
    rolls a deadline): 5 working days before Friday 14/02/2025 is Friday 07/02/2025."""
    current = effective_due(d)
    counted = 0
    while counted < days:
        current -= timedelta(days=1)
        if is_working_day(current):
            counted += 1
    return current


def internal_deadline(task: Task, days: int, year: int | None) -> tuple[str, Deadline]:
    """The deadline text and reading the body's plan gives ``task``: a dated task is due ``days`` working days
    before the province's date ("Trước ngày 07/02/2025"); ongoing, periodic and on-demand tasks keep the
    province's wording ("Thường xuyên" stays "Thường xuyên")."""
    deadline = task.deadline
    if deadline.kind != DeadlineKind.DATED or deadline.due is None or days <= 0:
        return task.deadline_text, deadline
    due = working_days_before(deadline.due, days)
    text = f"Trước ngày {due:%d/%m/%Y}"
    return text, read_deadline(text, year)


def explain(task: Task, days: int) -> str:
    """Why the internal date is what it is, for the wizard's tooltip."""
    if task.deadline.kind != DeadlineKind.DATED or task.deadline.due is None:
        return "Giữ thời hạn như kế hoạch của tỉnh."
    due = working_days_before(task.deadline.due, days)
    return f"{days} ngày làm việc trước hạn của tỉnh ({text_date(task.deadline.due)}): {text_date(due)}."
