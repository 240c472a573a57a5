"""The status of a task in a reporting period, counted the way government reports count (docs/domain.md §5).

Due tasks are done on time or done late; the rest are not done and still in time, or overdue. An ongoing task
has progress in the period or none; an on-demand task with no event in the period has "not arisen".
"Today" is always a parameter. Rules:

- A withdrawn task is WITHDRAWN; a task whose deadline could not be read is UNSPECIFIED.
- Deadlines are compared with the *effective* due date (rolled over weekends and holidays, lunar Tết included):
  a task due 31/01/2025 (a Tết day) and done on 03/02/2025 is done on time.
- dated: the one occurrence, whatever the period (a report lists every task of the plan); any entry marked done
  completes it; done on or before the effective due → on time, later → late; not done → in time until the
  effective due has passed, then overdue.
- periodic: the occurrences whose data window overlaps the period's (a quarterly task in a year report: the four
  quarters; a yearly task in a quarter report: the year), those falling due inside the period's window (June's
  monthly report, due 30/6, in Quý III), and every earlier one of the plan year not done when the period began
  (so a quarter's counts show the overdue months before it). An occurrence is done by a done entry carrying its key,
  or by a done entry dated inside its window whose key names none of the task's occurrences.
  Several occurrences: overdue if any is, else in time if any is open, else done late if any was late, else on time.
- continuous (and "Định kỳ" with no frequency): HAS_PROGRESS when an entry counts for the period — its key names a
  period whose window lies inside this period's, or a longer period holding this one and the entry is dated in
  this one's window (a Quý IV result written on 18/10 counts for November), or (any other key) its date lies in
  the window — else NO_PROGRESS.
- on_demand: the logged events dated inside the period's window, those falling due inside it, and earlier ones
  not done when the period began; none → NOT_ARISEN; each event is done by a done entry with key "event:<id>";
  with a stated span it has a due date (in working days when the text says so), past it unanswered it is
  overdue; without a span it is in time until done.
- Entries dated after ``today`` are ignored (typed ahead by mistake).
- A periodic deadline that states no day is due on the officer's day for that kind of report (``report_days``,
  from ``Settings.report_deadlines``), else at the period's end (``occurrences``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kstthc_desktop.domain import DeadlineKind, Occurrence, ProgressEntry, Task
from kstthc_desktop.occurrences import ReportDays, period_of_key, occurrences, period_of, task_occurrences
from kstthc_desktop.periods import Period


class Status(enum.StrEnum):
    """A task's status in a period. The value is the member's name ("OVERDUE"), which reports, JSON and filters
    keep, so a member equals its old string; ``label`` is what the officer reads."""

    DONE_ON_TIME = "DONE_ON_TIME"
    DONE_LATE = "DONE_LATE"
    IN_TIME = "IN_TIME"
    OVERDUE = "OVERDUE"
    HAS_PROGRESS = "HAS_PROGRESS"
    NO_PROGRESS = "NO_PROGRESS"
    NOT_ARISEN = "NOT_ARISEN"
    WITHDRAWN = "WITHDRAWN"
    UNSPECIFIED = "UNSPECIFIED"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def done(self) -> bool:
        """Counts as done in the completion bars (an ongoing task with a result in the period included)."""
        return self in DONE

    @property
    def counted(self) -> bool:
        """Counts in completion at all: something was asked of the task in the period."""
        return self not in NOT_COUNTED


_LABELS = {
    Status.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Status.DONE_LATE: "Hoàn thành quá hạn",
    Status.IN_TIME: "Chưa hoàn thành – trong hạn",
    Status.OVERDUE: "Chưa hoàn thành – quá hạn",
    Status.HAS_PROGRESS: "Có kết quả trong kỳ",
    Status.NO_PROGRESS: "Chưa có kết quả trong kỳ",
    Status.NOT_ARISEN: "Không phát sinh",
    Status.WITHDRAWN: "Đã rút khỏi kế hoạch",
    Status.UNSPECIFIED: "Chưa xác định thời hạn",
}
#: Statuses that count as "done" for the completion bars.
DONE = frozenset({Status.DONE_ON_TIME, Status.DONE_LATE, Status.HAS_PROGRESS})
#: Statuses left out of completion: nothing was asked of the task in the period.
NOT_COUNTED = frozenset({Status.WITHDRAWN, Status.NOT_ARISEN, Status.UNSPECIFIED})
#: The statuses of a task with a due date: always offered by the window's status filter, even when none is present.
DUE_STATUSES = (Status.OVERDUE, Status.IN_TIME, Status.DONE_ON_TIME, Status.DONE_LATE)


class Tone(enum.StrEnum):
    """The colour family the task table paints a row with: its status, or "due soon" for an open task."""

    PLAIN = ""
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    NO_PROGRESS = "no_progress"
    WITHDRAWN = "withdrawn"
    UNSPECIFIED = "unspecified"


def tone_of(status: Status, *, due_soon: bool = False, withdrawn: bool = False) -> Tone:
    """A row's tone: withdrawn first, then overdue, then due soon (unless done), else the status's own colour (an
    ongoing task with a result is painted as done on time)."""
    if withdrawn or status == Status.WITHDRAWN:
        return Tone.WITHDRAWN
    if status == Status.OVERDUE:
        return Tone.OVERDUE
    if due_soon and not status.done:
        return Tone.DUE_SOON
    return _STATUS_TONES.get(status, Tone.PLAIN)


_STATUS_TONES = {
    Status.DONE_ON_TIME: Tone.DONE_ON_TIME,
    Status.DONE_LATE: Tone.DONE_LATE,
    Status.NO_PROGRESS: Tone.NO_PROGRESS,
    Status.HAS_PROGRESS: Tone.DONE_ON_TIME,
    Status.UNSPECIFIED: Tone.UNSPECIFIED,
}


#: worst first: how several occurrences combine into one status
_SEVERITY = [Status.OVERDUE, Status.IN_TIME, Status.DONE_LATE, Status.DONE_ON_TIME]


@dataclass
class OccurrenceStatus:
    """One occurrence of the task in the period, with its own status and the day it was done (if it was)."""

    occurrence: Occurrence
    status: Status
    done_on: date | None = None

    @property
    def key(self) -> str:
        return self.occurrence.key


@dataclass
class TaskStatus:
    """``status`` in the period; ``due``: the effective due date that matters now (the earliest still open, else
    the last one), None when there is none; ``due_soon``: in time and due within ``due_soon_days``."""

    status: Status
    due: date | None = None
    due_soon: bool = False
    occurrences: list[OccurrenceStatus] = field(default_factory=list)


def status_reading(result: TaskStatus) -> str:
    """The one reading of a task's status in a period, naming the occurrences that decided it: "Chưa hoàn thành
    – trong hạn (kỳ quý IV)". A Q3 report sent late inside Q4's window then reads as Q3's, not as Q4's."""
    from kstthc_desktop.occurrences import occurrence_phrase

    phrases = list(dict.fromkeys(
        occurrence_phrase(o.occurrence) for o in result.occurrences if o.status == result.status))
    phrases = [p for p in phrases if p]
    return f"{result.status.label} ({', '.join(phrases)})" if phrases else result.status.label


def task_status(
    task: Task,
    progress: Iterable[ProgressEntry],
    period: Period,
    today: date,
    *,
    events: Iterable[Any] = (),
    due_soon_days: int = 7,
    report_days: ReportDays = None,
) -> TaskStatus:
    """The status of ``task`` in ``period`` as of ``today`` (see the module's rules); ``report_days``: the
    officer's day per kind of report (``Settings.report_deadlines``)."""
    if task.withdrawn:
        return TaskStatus(Status.WITHDRAWN)
    deadline = task.deadline
    entries = [e for e in progress if e.entry_date <= today and (e.task_id == task.id or task.id is None)]
    kind = deadline.kind
    if kind == DeadlineKind.UNSPECIFIED:
        return TaskStatus(Status.UNSPECIFIED)

    if kind == DeadlineKind.CONTINUOUS or (kind == DeadlineKind.PERIODIC and not deadline.every):
        has = any(_counts_for(e, period) for e in entries)
        per_period = [
            OccurrenceStatus(o, Status.HAS_PROGRESS if any(_counts_for(e, p) for e in entries) else Status.NO_PROGRESS)
            for o in occurrences(deadline, period.year, report_days=report_days)
            if (p := period_of(o)) is not None and _overlaps(p, period)
        ]
        return TaskStatus(Status.HAS_PROGRESS if has else Status.NO_PROGRESS, occurrences=per_period)

    if kind == DeadlineKind.DATED:
        occs = occurrences(deadline, period.year, report_days=report_days)
        if not occs:
            return TaskStatus(Status.UNSPECIFIED)
        done = [e.entry_date for e in entries if e.done]
        return _combine([_judge(occs[0], min(done) if done else None, today)], today, due_soon_days)

    if kind == DeadlineKind.PERIODIC:
        all_occs = occurrences(deadline, period.year, report_days=report_days)
        keys = {o.key for o in all_occs}
        judged = []
        for occ in all_occs:
            occ_period = period_of(occ)
            if occ_period is None:
                continue
            done = [
                e.entry_date for e in entries
                if e.done and (e.occurrence_key == occ.key or (e.occurrence_key not in keys and occ_period.contains(e.entry_date)))
            ]
            done_on = min(done) if done else None
            if _overlaps(occ_period, period) or _owed_in(occ, done_on, period):
                judged.append(_judge(occ, done_on, today))
        return _combine(judged, today, due_soon_days)

    # on demand: the events of this period, and those still owed in it
    judged = []
    for occ in task_occurrences(task, period.year, events, report_days=report_days):
        done = [e.entry_date for e in entries if e.done and e.occurrence_key == occ.key]
        done_on = min(done) if done else None
        if (occ.start and period.contains(occ.start)) or _owed_in(occ, done_on, period):
            judged.append(_judge(occ, done_on, today))
    if not judged:
        return TaskStatus(Status.NOT_ARISEN)
    return _combine(judged, today, due_soon_days)


def _owed_in(occ: Occurrence, done_on: date | None, period: Period) -> bool:
    """Is an occurrence asked for in ``period`` although its own window lies elsewhere? When it falls due inside
    the period's window (June's monthly report, due 30/6, in Quý III), or it fell due or arose earlier and was
    still not done when the period began (a March report never sent is overdue in every later quarter). One done
    before the period began asks nothing of it."""
    if done_on is not None and done_on < period.window_start:
        return False
    due = occ.effective_due
    if due is not None and period.contains(due):
        return True
    opened = due or occ.start
    return opened is not None and opened < period.window_start


def _judge(occ: Occurrence, done_on: date | None, today: date) -> OccurrenceStatus:
    due = occ.effective_due
    if done_on is not None:
        late = due is not None and done_on > due
        return OccurrenceStatus(occ, Status.DONE_LATE if late else Status.DONE_ON_TIME, done_on)
    if due is not None and today > due:
        return OccurrenceStatus(occ, Status.OVERDUE)
    return OccurrenceStatus(occ, Status.IN_TIME)


def _combine(judged: list[OccurrenceStatus], today: date, due_soon_days: int) -> TaskStatus:
    if not judged:  # e.g. a yearly task asked about a period outside its year
        return TaskStatus(Status.NOT_ARISEN)
    status = min((j.status for j in judged), key=_SEVERITY.index)
    open_dues = [j.occurrence.effective_due for j in judged
                 if j.done_on is None and j.occurrence.effective_due is not None]
    all_dues = [j.occurrence.effective_due for j in judged if j.occurrence.effective_due is not None]
    due = min(open_dues) if open_dues else (max(all_dues) if all_dues else None)
    due_soon = status == Status.IN_TIME and due is not None and 0 <= (due - today).days <= due_soon_days
    return TaskStatus(status, due, due_soon, judged)


def _overlaps(a: Period, b: Period) -> bool:
    return a.window_start <= b.window_end and b.window_start <= a.window_end


def _counts_for(entry: ProgressEntry, period: Period) -> bool:
    """Does a progress entry count for ``period``? An entry keyed to a period counts in every period that holds
    it, and in a shorter period inside it when dated in that one's window (a result keyed to Quý IV, written on
    18/10, is November's result too); an entry keyed to another period never counts. Any other key: its date."""
    key = entry.occurrence_key or ""
    if key[:1].isdigit():
        named = period_of_key(key)
        if named is not None:
            if period.window_start <= named.window_start and named.window_end <= period.window_end:
                return True
            inside = named.window_start <= period.window_start and period.window_end <= named.window_end
            return inside and period.contains(entry.entry_date)
    return period.contains(entry.entry_date)
