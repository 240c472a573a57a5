"""Which occurrence of a stored task a dated result counts for: ``occurrences.occurrence_for_date`` (the one
rule the progress form and ``kstthc progress add`` follow), else the report period's own key."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from kstthc_desktop.occurrences import occurrence_for_date, task_occurrences
from kstthc_desktop.periods import Period

if TYPE_CHECKING:
    from kstthc_desktop.store.store import Store


def occurrence_for(store: Store, task_id: int, period: Period, when: date) -> str:
    task = store.task(task_id)
    assert task.plan_id is not None  # a stored task always belongs to a plan
    year = store.load_plan(task.plan_id, tasks=False).document.year or period.year
    settings = store.settings()
    found = task_occurrences(task, year, store.events(task_id), report_days=settings.report_deadlines)
    occ = occurrence_for_date(found, when)
    return occ.key if occ is not None else period.key
