"""Which occurrence of a task a dated result counts for: the one whose period's data window holds the date (a
periodic or ongoing task), the task's one occurrence (a dated task), else the report period's own key."""

from __future__ import annotations

from datetime import date

from kstthc_desktop.occurrences import occurrences, period_of
from kstthc_desktop.periods import Period


def occurrence_for(store, task_id: int, period: Period, when: date) -> str:
    task = store.task(task_id)
    year = store.load_plan(task.plan_id, tasks=False).document.year or period.year
    settings = store.settings()
    found = occurrences(task.deadline, year, store.events(task_id), default_days=settings.report_deadlines)
    for occ in found:
        occ_period = period_of(occ)
        if occ_period is not None and occ_period.contains(when):
            return occ.key
    if len(found) == 1:
        return found[0].key
    return period.key
