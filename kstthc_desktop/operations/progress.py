"""Recording what was done on a task: progress entries, the documents that prove them, on-demand events.

Each function is one click of the window (and one ``kstthc`` command): it checks the input against
``today`` (a parameter: results and documents cannot be dated in the future), refuses with one Vietnamese
sentence (``UserError``, nothing written) and writes in one transaction. The ``*_problem`` functions are
the same checks returning the sentence, so that a form can refuse before it closes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kstthc_desktop.domain import Event, Evidence, ProgressEntry, Task
from kstthc_desktop.errors import UserError
from kstthc_desktop.occurrences import ReportDays, choice_label, entry_occurrences, occurrence_for_date
from kstthc_desktop.periods import Period
from kstthc_desktop.text import clean
from kstthc_desktop.vndates import text_date

if TYPE_CHECKING:  # the store is passed in
    from kstthc_desktop.store import Store


def earliest_entry(year: int | None) -> date | None:
    """The first day a result of a plan of ``year`` can be dated: its first data window opens 15/12 before."""
    return Period("year", year).window_start if year else None


def plan_year_of_task(store: Store, task_id: int) -> int | None:
    """The year of the plan a task belongs to (None when the plan does not say)."""
    plan_id = store.task(task_id).plan_id
    return store.load_plan(plan_id, tasks=False).document.year if plan_id is not None else None


def occurrence_choices(task: Task, year: int, events: Iterable[Event] = (), *,
                       report_days: ReportDays = None) -> list[tuple[str, str]]:
    """What a progress entry of ``task`` can count for, as (key, label): its occurrences in ``year`` (an on-demand
    task's ``events`` are its occurrences), or the year's quarters and months when it has none. ``report_days``:
    the officer's day per kind of report (``Settings.report_deadlines``), which the labels' due dates follow."""
    return [(o.key, choice_label(o)) for o in entry_occurrences(task, year, events, report_days=report_days)]


def default_occurrence(task: Task, year: int, events: Iterable[Event], when: date, *,
                       report_days: ReportDays = None) -> str:
    """The occurrence a result dated ``when`` counts for unless the officer says otherwise: the window's progress
    form and ``kstthc progress add`` both follow ``occurrences.occurrence_for_date`` ("" when there is none)."""
    occ = occurrence_for_date(entry_occurrences(task, year, events, report_days=report_days), when)
    return occ.key if occ is not None else ""


def progress_problem(entry: ProgressEntry, today: date, earliest: date | None = None) -> str:
    """What is wrong with a progress entry, in one Vietnamese sentence ("" when it can be saved)."""
    if not clean(entry.text):
        return "Hãy ghi kết quả đã làm trước khi lưu."
    if entry.entry_date > today:
        return f"Ngày ghi kết quả không thể sau hôm nay ({text_date(today)})."
    if earliest is not None and entry.entry_date < earliest:
        return (f"Ngày ghi kết quả ({text_date(entry.entry_date)}) ở trước kỳ đầu tiên của kế hoạch "
                f"(từ ngày {text_date(earliest)}); hãy kiểm tra lại năm.")
    if not clean(entry.occurrence_key):
        return "Hãy chọn kỳ hoặc hạn mà kết quả này được tính."
    return ""


def evidence_problem(number: str, issued: date | None, today: date, file: Path | str | None = None) -> str:
    """What is wrong with a document's number, date or file, in one Vietnamese sentence ("" when none)."""
    if not clean(number):
        return "Hãy ghi số và ký hiệu của văn bản (ví dụ 15/BC-VPUBND)."
    if "/" not in number:
        return "Số và ký hiệu văn bản thường có dạng số/loại-cơ quan, ví dụ 15/BC-VPUBND; hãy kiểm tra lại."
    if issued is not None and issued > today:
        return f"Ngày ban hành văn bản không thể sau hôm nay ({text_date(today)})."
    if file is not None and not Path(file).is_file():
        return f"Không tìm thấy tệp {file}."
    return ""


def event_problem(event_date: date, text: str, today: date) -> str:
    """What is wrong with an on-demand event, in one Vietnamese sentence ("" when none)."""
    if not clean(text):
        return "Hãy ghi việc gì đã phát sinh."
    if event_date > today:
        return f"Ngày phát sinh không thể sau hôm nay ({text_date(today)})."
    return ""


def _refuse(problem: str) -> None:
    if problem:
        raise UserError(problem)


def _check_progress(store: Store, entry: ProgressEntry, today: date) -> None:
    _refuse(progress_problem(entry, today, earliest_entry(plan_year_of_task(store, entry.task_id))))


def record_progress(store: Store, entry: ProgressEntry, today: date, evidence: Evidence | None = None,
                    file: Path | str | None = None) -> int:
    """Record a result, with the document that proves it (and its file) when given: both or neither. Its id."""
    _check_progress(store, entry, today)
    if evidence is not None:
        _refuse(evidence_problem(evidence.number, evidence.issued, today, file))
    with store.transaction():
        progress_id = store.add_progress(entry)
        if evidence is not None:
            evidence.progress_id = progress_id
            store.add_evidence(evidence, file)
    return progress_id


def change_progress(store: Store, entry: ProgressEntry, today: date) -> None:
    """Change a recorded result (its documents are changed on their own)."""
    _check_progress(store, entry, today)
    with store.transaction():
        store.update_progress(entry)


def delete_progress(store: Store, progress_id: int) -> None:
    """Delete a result; the documents attached to it stay with the task."""
    with store.transaction():
        store.delete_progress(progress_id)


def log_event(store: Store, task_id: int, event_date: date, text: str, today: date) -> int:
    """Log one occurrence of an on-demand task ("khi có phát sinh"): the day it arose and what arose. Its id."""
    _refuse(event_problem(event_date, text, today))
    with store.transaction():
        return store.add_event(task_id, event_date, clean(text))


def add_document(store: Store, evidence: Evidence, today: date, file: Path | str | None = None) -> int:
    """Add a document proving a task's result (with its file when given). Its id."""
    _refuse(evidence_problem(evidence.number, evidence.issued, today, file))
    with store.transaction():
        return store.add_evidence(evidence, file)


def change_document(store: Store, evidence: Evidence, today: date, file: Path | str | None = None) -> None:
    """Change a document (and replace its file when ``file`` is given)."""
    _refuse(evidence_problem(evidence.number, evidence.issued, today, file))
    with store.transaction():
        store.update_evidence(evidence, file)


def delete_document(store: Store, evidence_id: int) -> None:
    """Remove a document from its task (its stored file goes only with the officer's "dọn tệp")."""
    with store.transaction():
        store.delete_evidence(evidence_id)
