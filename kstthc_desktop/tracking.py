"""What the officer sees about a plan: one row per task with its status in a period, and the dashboard's counts.

Qt-free on purpose: the desktop window, the reports and the tests all read the same numbers. Statuses are
computed once per (plan, period, today); filtering then runs over plain rows whose search text is folded
in advance, so narrowing 20,000 tasks by a typed word takes a few milliseconds.
"""

from __future__ import annotations

import gc
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from kstthc_desktop.domain import Concern, Deadline, DeadlineKind, Event, ProgressEntry, Task
from kstthc_desktop.occurrences import ReportDays, report_days_key, task_occurrences
from kstthc_desktop.periods import period_containing, periods_of_year
from kstthc_desktop.status import Status, Tone, task_status, tone_of
from kstthc_desktop.store.bodies import split_bodies
from kstthc_desktop.text import fold

if TYPE_CHECKING:
    from kstthc_desktop.domain import Section, Settings
    from kstthc_desktop.periods import Period
    from kstthc_desktop.store import Store


@dataclass
class TaskRow:
    """One task as the task table shows it."""

    task: Task
    status: Status
    due: date | None  # the relevant effective due date in the period (rolled over weekends and holidays)
    printed_due: date | None  # the same occurrence's date as printed / read
    due_soon: bool
    mine: bool
    open_dues: list[date] = field(default_factory=list)  # effective dues of occurrences not yet done, this year
    progress_count: int = 0
    search_key: str = ""  # folded shown STT, STT, content, result, lead, cooperate, deadline, note, assignee (prefold)

    @property
    def id(self) -> int:
        return self.task.id  # type: ignore[return-value]

    @property
    def kind(self) -> DeadlineKind:
        return self.task.deadline.kind

    @property
    def withdrawn(self) -> bool:
        return self.task.withdrawn

    @property
    def tone(self) -> Tone:
        """The colour family the table paints the row with."""
        return tone_of(self.status, due_soon=self.due_soon, withdrawn=self.task.withdrawn)


@dataclass
class RowFilter:
    """What the officer narrowed the table to. Empty fields do not filter."""

    search: str = ""
    statuses: frozenset[Status] = frozenset()
    kind: DeadlineKind | None = None
    lead: str = ""  # a lead cell as printed (folded match)
    mine_only: bool = False
    section: str = ""  # a section code; its sub-sections are included
    task_ids: frozenset[int] | None = None  # a dashboard click-through
    show_withdrawn: bool = True


@dataclass
class Bar:
    """One bar of a completion chart."""

    label: str
    done: int
    total: int
    key: str = ""  # what a click filters on (section code or lead text)

    @property
    def ratio(self) -> float:
        return self.done / self.total if self.total else 0.0


@dataclass
class DashboardData:
    """The numbers the dashboard shows for one period."""

    period: Period
    today: date
    counts: dict[Status, int]  # number of tasks by status (withdrawn left out)
    overdue: list[TaskRow]
    due_7: list[TaskRow]  # due within ``due_soon_days`` (the officer's setting; the name is the default's)
    due_30: list[TaskRow]
    no_progress: list[TaskRow]  # ongoing tasks with no progress in the period
    on_demand: list[TaskRow]
    by_section: list[Bar]
    by_lead: list[Bar]
    total: int
    due_soon_days: int = 7  # the window of ``due_7``: Settings.due_soon_days

    #: The task lists a dashboard card opens, named as the attributes holding them (a card's key).
    TASK_LISTS = ("due_7", "due_30", "no_progress", "on_demand")

    def task_list(self, key: str) -> list[TaskRow] | None:
        """The tasks of the card called ``key`` ("due_30"), or None for a card that counts a status."""
        return getattr(self, key) if key in self.TASK_LISTS else None


def is_mine(task: Task, my_body: str, my_aliases: Iterable[str] = (), *, own_plan: bool = False) -> bool:
    """Does the task concern the officer's body? The import's reading (or the officer's) first; in the body's own
    plan (``own_plan``: its issuer is the body) every task; else the name or one of the officer's aliases for "us"
    ("Văn phòng Sở") in the lead/cooperate cells."""
    return mine_test(my_body, my_aliases, own_plan=own_plan)(task)


def mine_test(my_body: str, my_aliases: Iterable[str] = (), *, own_plan: bool = False) -> Callable[[Task], bool]:
    """``is_mine`` for many tasks: the officer's names are folded once, not once per task."""
    keys = [k for k in map(_folded, (my_body, *my_aliases)) if k]

    def mine(task: Task) -> bool:
        if task.concern in (Concern.LEAD, Concern.COOPERATE):
            return True
        if task.concern == Concern.NONE:
            return False
        if own_plan:
            return True
        return any(k in _folded(task.lead) or k in _folded(task.cooperate) for k in keys)

    return mine


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    """The officer's body name, or a lead or cooperate cell, folded once: a plan has few distinct cells, and every
    refresh asks each task (folding them each time was a noticeable part of computing the statuses)."""
    return fold(text)


def printed_section_codes(sections: Iterable[Section] | None) -> dict[str, str]:
    """Each section's code → its number as the plan prints it ("VII-2" → "VII"), for ``shown_stt``. A number
    printed again under another group ("I" in groups "1" and "2") is shown with its group's: "1.I", "2.I" — else
    tasks of different sections would read alike ("I.1" six times). Then every section of a group is shown so,
    a section added later ("III" under "1", a number no other group has) included: one plan, one way."""
    sections = list(sections or ())
    printed = {s.code: s.printed_code or s.code for s in sections}
    grouped = [s for s in sections if s.parent in printed]
    if not any(n > 1 for n in Counter(printed[s.code] for s in grouped).values()):
        return printed
    return {s.code: f"{printed[s.parent]}.{printed[s.code]}" if s.parent in printed else printed[s.code]
            for s in sections}


def shown_stt(task: Task, section_codes: dict[str, str] | None = None) -> str:
    """The task's number as the table shows it: the section as printed ("VII-2" → "VII", from ``section_codes``),
    "." and the STT: "III.5", "III.5(2)" for the second row of a split task; "–" when there is none."""
    section = (section_codes or {}).get(task.section, task.section)
    stt = task.stt if not task.sub else f"{task.stt}({task.sub + 1})"
    if not section or stt == section:
        return stt or "–"
    return f"{section}.{stt}" if stt else section


#: A character after which a new word begins although no space follows: punctuation ("rà soát,đánh giá",
#: "(rà soát)", "QĐ-UBND", "III.5").
_WORD_BREAK = re.compile(r"([^\w\s]|_)")


def _word_starts(folded: str) -> str:
    """``folded`` with a space before every word, so that a word starts wherever " " + word occurs: a space is
    put after each punctuation mark, and one before the text. The same is done to a typed word (``filter_rows``)."""
    return " " + _WORD_BREAK.sub(r"\1 ", folded)


def _search_key(task: Task, section_codes: dict[str, str] | None = None) -> str:
    parts = (
        shown_stt(task, section_codes), task.stt, task.content, task.result, task.lead, task.cooperate,
        task.deadline_text, task.note, task.assignee,
    )
    return _searchable(" \u241f ".join(p for p in parts if p))


@lru_cache(maxsize=65536)
def _searchable(text: str) -> str:
    """A task's texts folded and split at word starts. Cached: a task's texts do not change with the period, and
    folding every task again at each refresh was most of a period change's time (2,000 tasks: ~100 ms)."""
    return _word_starts(fold(text))


@contextmanager
def collector_paused() -> Iterator[None]:
    """The garbage collector off while a block makes many objects that stay alive (rows, statuses, occurrences):
    its passes over them found nothing to free and took a third of computing 20,000 tasks' statuses."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def build_rows(
    tasks: Iterable[Task],
    progress: Iterable[ProgressEntry],
    events: Iterable[Event],
    period: Period,
    today: date,
    *,
    year: int,
    my_body: str = "",
    my_aliases: Iterable[str] = (),
    own_plan: bool = False,
    due_soon_days: int = 7,
    report_days: ReportDays = None,
) -> list[TaskRow]:
    """Rows for ``tasks`` with their status in ``period`` (no store needed: tests and benchmarks call this).
    ``own_plan``: the plan is the officer's body's own (every task not marked otherwise is "mine");
    ``report_days``: the officer's day per kind of report (``Settings.report_deadlines``)."""
    mine = mine_test(my_body, my_aliases, own_plan=own_plan)
    report_days = report_days_key(report_days)
    by_task: dict[int | None, list[ProgressEntry]] = defaultdict(list)
    for entry in progress:
        by_task[entry.task_id].append(entry)
    events_by_task: dict[int | None, list[tuple[int, date]]] = defaultdict(list)
    for event in events:
        events_by_task[event.task_id].append((event.id, event.event_date))
    # A task with no progress and no event of its own has the status its deadline gives (a province's plan: most
    # tasks are other bodies'), so those tasks share one computation per distinct deadline.
    untouched: dict[tuple[Deadline, bool], _Timing] = {}
    rows = []
    for task in tasks:
        entries = by_task.get(task.id, [])
        task_events = events_by_task.get(task.id, [])
        if entries or task_events:
            timing = _timing(task, entries, task_events, period, today, year, due_soon_days, report_days)
        else:
            key = (task.deadline, task.withdrawn)
            shared = untouched.get(key)
            if shared is None:
                shared = untouched[key] = _timing(task, [], [], period, today, year, due_soon_days, report_days)
            timing = shared
        rows.append(
            # By position, in TaskRow's order (keywords cost a fifth of this loop at 2,000 tasks)
            TaskRow(task, timing.status, timing.due, timing.printed_due, timing.due_soon, mine(task),
                    list(timing.open_dues), len(entries))
        )
    return rows


class _Timing(NamedTuple):
    """What a task row says about time: its status, the due date that matters and the year's open dues."""

    status: Status
    due: date | None
    printed_due: date | None
    due_soon: bool
    open_dues: tuple[date, ...]


def _timing(
    task: Task, entries: list[ProgressEntry], task_events: list[tuple[int, date]], period: Period, today: date,
    year: int, due_soon_days: int, report_days: ReportDays = None,
) -> _Timing:
    """The task's status in ``period``, and the effective dues of its occurrences in ``year`` not yet done."""
    result = task_status(task, entries, period, today, events=task_events, due_soon_days=due_soon_days,
                         report_days=report_days)
    done_keys = {e.occurrence_key for e in entries if e.done}
    open_dues = []
    printed_due = None
    if not task.withdrawn and task.deadline.kind in (DeadlineKind.DATED, DeadlineKind.PERIODIC, DeadlineKind.ON_DEMAND):
        for occ in task_occurrences(task, year, task_events, report_days=report_days):
            if result.due is not None and occ.effective_due == result.due and printed_due is None:
                printed_due = occ.due
            if occ.key not in done_keys and occ.effective_due is not None:
                open_dues.append(occ.effective_due)
    return _Timing(result.status, result.due, printed_due or result.due, bool(result.due_soon), tuple(open_dues))


def task_rows(
    store: Store, plan_id: int, period: Period, today: date, *, year: int | None = None,
    settings: Settings | None = None, tasks: list[Task] | None = None,
) -> list[TaskRow]:
    """Rows of a stored plan for the table and the dashboard, with the officer's settings applied. ``year``: the
    plan's year when the caller knows it (else read from the store; the period's year when the plan has none);
    ``settings``: the store's settings when the caller has read them already; ``tasks``: the plan's tasks when the
    caller holds them as stored (another period of the same plan: reading 2,000 tasks is a third of its time)."""
    from kstthc_desktop.concern import is_own_plan

    settings = settings or store.settings()
    plan = next((p for p in store.plans() if p.id == plan_id), None)
    plan_year = year or (plan.document.year if plan else None) or period.year
    with collector_paused():
        return build_rows(
            store.tasks(plan_id) if tasks is None else tasks,
            store.progress(plan_id=plan_id),
            store.events(plan_id=plan_id),
            period,
            today,
            year=plan_year,
            my_body=settings.my_body,
            my_aliases=settings.my_aliases,
            own_plan=plan is not None and is_own_plan(plan, settings.my_body, settings.my_aliases),
            due_soon_days=settings.due_soon_days or 7,
            report_days=settings.report_deadlines,
        )


def _section_codes(section: str, sections: Iterable[Section] | None) -> set[str]:
    """The section and every section below it (by ``parent``)."""
    codes = {section}
    if sections:
        children = defaultdict(list)
        for s in sections:
            if s.parent:
                children[s.parent].append(s.code)
        stack = [section]
        while stack:
            for child in children.get(stack.pop(), []):
                if child not in codes:
                    codes.add(child)
                    stack.append(child)
    return codes


def prefold(rows: Iterable[TaskRow], sections: Iterable[Section] | None = None) -> None:
    """Fold each row's searchable text once (done on the first search, or ahead while the window is idle);
    ``sections``: the plan's, for the numbers as shown ("III.5")."""
    codes = printed_section_codes(sections)
    for row in rows:
        if not row.search_key:
            row.search_key = _search_key(row.task, codes)


_PUNCTUATION = re.compile(r"[^\w\s]+")


def body_key(name: str) -> str:
    """A body's name as a key: folded (case, diacritics, spacing) and without punctuation, so "các sở, ban ngành
    tỉnh" and "Các sở, ban, ngành tỉnh." are one body."""
    return " ".join(_PUNCTUATION.sub(" ", fold(name)).split())


@lru_cache(maxsize=4096)
def lead_bodies(lead: str) -> tuple[tuple[str, str], ...]:
    """The bodies a lead cell names, as (key, name as printed): "Sở Tư pháp; Văn phòng UBND tỉnh" is two
    bodies, so the dashboard's bars and the lead filter speak of bodies, not of whole cells. Cached: a plan has
    few distinct lead cells."""
    bodies: dict[str, str] = {}
    for name in split_bodies(lead):
        bodies.setdefault(body_key(name), name[:1].upper() + name[1:])  # a label starts a line
    return tuple(bodies.items())


@lru_cache(maxsize=4096)
def lead_keys(lead: str) -> frozenset[str]:
    """What a lead filter may match in a cell: each body's key, and the cell's as a whole (see body_key)."""
    return frozenset([body_key(lead), *(key for key, _ in lead_bodies(lead))])


def filter_rows(rows: list[TaskRow], flt: RowFilter, sections: Iterable[Section] | None = None) -> list[int]:
    """Indexes of ``rows`` that pass ``flt``. Every typed word must begin a word of the task's texts (its number as
    the table shows it, "III.5", included; ``sections`` give the printed section numbers), ignoring case and
    diacritics: "ra soat" finds "Rà soát", not "kiểm tra … kiểm soát"."""
    words = [_word_starts(word) for word in fold(flt.search).split()]
    if words:
        prefold(rows, sections)
    lead = body_key(flt.lead)
    codes = _section_codes(flt.section, sections) if flt.section else None
    idx: Iterable[int] = range(len(rows))
    for word in words:  # one tight pass per word: the most selective test first
        idx = [i for i in idx if word in rows[i].search_key]
    if flt.statuses:
        idx = [i for i in idx if rows[i].status in flt.statuses]
    if flt.kind is not None:
        idx = [i for i in idx if rows[i].task.deadline.kind == flt.kind]
    if flt.mine_only:
        idx = [i for i in idx if rows[i].mine]
    if lead:  # a body named in the lead cell (or the whole cell, as printed)
        idx = [i for i in idx if lead in lead_keys(rows[i].task.lead)]
    if codes is not None:
        idx = [i for i in idx if rows[i].task.section in codes]
    if flt.task_ids is not None:
        idx = [i for i in idx if rows[i].task.id in flt.task_ids]
    if not flt.show_withdrawn:
        idx = [i for i in idx if not rows[i].task.withdrawn]
    return list(idx)


#: The lead "body" of a task whose lead cell names none: its bar's key and label.
_NO_LEAD = ("—", "(không ghi)")


def _counted(row: TaskRow) -> bool:
    """Does the row count in the completion bars? (Not withdrawn, not arisen or without a deadline: nothing was
    asked of it in the period.)"""
    return row.status.counted and not row.task.withdrawn


def _lead_keys_of(row: TaskRow) -> list[str]:
    """The folded bodies a row counts for in the lead bars."""
    return [key for key, _ in lead_bodies(row.task.lead)] or [_NO_LEAD[0]]


def bar_task_ids(rows: Iterable[TaskRow], *, section: str | None = None, lead: str | None = None) -> frozenset[int]:
    """The tasks one completion bar counts: a section's (``Bar.key`` of ``by_section``; its own tasks, as the bar
    counts them) or a lead body's (``Bar.key`` of ``by_lead``: the body's name). A click on a bar shows exactly
    these, so the table holds the bar's number (the section or body alone also holds withdrawn, not arisen and
    undated tasks, which the bar leaves out)."""
    if lead is not None:
        key = _NO_LEAD[0] if lead == _NO_LEAD[1] else body_key(lead)
        return frozenset(r.task.id for r in rows
                         if r.task.id is not None and _counted(r) and key in _lead_keys_of(r))
    return frozenset(r.task.id for r in rows if r.task.id is not None and _counted(r) and r.task.section == section)


def dashboard(
    rows: list[TaskRow], period: Period, today: date, sections: Iterable[Section] | None = None, *, lead_bars: int = 8,
    due_soon_days: int = 7,
) -> DashboardData:
    """Counts by status, what is due soon (within ``due_soon_days``, the officer's setting, and 30 days), what has
    no progress, completion by section and by lead body. One pass over the rows, keeping counters (a pass per
    figure, nine of them, took 40% longer at 2,000 tasks; docs/startup.md)."""
    due_soon_days = due_soon_days or 7
    soon_end, month_end = today + timedelta(days=due_soon_days), today + timedelta(days=30)
    counts: dict[Status, int] = defaultdict(int)
    overdue: list[TaskRow] = []
    no_progress: list[TaskRow] = []
    on_demand: list[TaskRow] = []
    due_soon: list[tuple[date, TaskRow]] = []  # (next open due, row) within 30 days
    section_list = list(sections or [])
    by_section: dict[str, list[int]] = {s.code: [0, 0] for s in section_list if s.code}  # code -> [done, total]
    by_lead_cell: dict[str, list[int]] = {}  # a lead cell as printed -> [done, total]; its bodies' bars after the rows
    total = 0
    for r in rows:
        status = r.status
        if r.task.withdrawn or status == Status.WITHDRAWN:
            continue
        total += 1
        counts[status] += 1
        if status == Status.OVERDUE:
            overdue.append(r)
        kind = r.task.deadline.kind
        if kind == DeadlineKind.ON_DEMAND:
            on_demand.append(r)
        elif status == Status.NO_PROGRESS and kind == DeadlineKind.CONTINUOUS:
            no_progress.append(r)
        if r.open_dues:
            upcoming = [d for d in r.open_dues if d >= today]
            if upcoming and (next_due := min(upcoming)) <= month_end:
                due_soon.append((next_due, r))
        # The bars: a section's or lead body's counted tasks, and how many are done (a group of tasks none of
        # which counts keeps its place but gets no bar). Counted per lead cell here, per body below.
        counted, done = status.counted, status.done
        tally = (by_section.setdefault(r.task.section, [0, 0]), by_lead_cell.setdefault(r.task.lead, [0, 0]))
        if counted:
            for counter in tally:
                counter[0] += done
                counter[1] += 1
    # A task led by several bodies counts for each of them; a plan has a few dozen distinct lead cells, so the cells'
    # counts are shared out to their bodies once each (per task, it was a third of this function at 2,000 tasks).
    by_lead: dict[str, list[int]] = {}
    lead_labels: dict[str, str] = {}
    for lead, (cell_done, cell_total) in by_lead_cell.items():
        for key, name in lead_bodies(lead) or (_NO_LEAD,):
            counter = by_lead.setdefault(key, [0, 0])
            counter[0] += cell_done
            counter[1] += cell_total
            lead_labels.setdefault(key, name)
    due_soon.sort(key=lambda pair: pair[0])  # stable: plan order among tasks due the same day
    shown_codes = printed_section_codes(section_list)  # "1.I", "2.I": a Roman number repeated under groups
    section_labels = {s.code: f"{shown_codes[s.code]}. {s.title}" for s in section_list}
    lead_list = [Bar(label=lead_labels[key], done=done, total=n, key=lead_labels[key])  # a click filters on the name
                 for key, (done, n) in by_lead.items() if n]
    lead_list.sort(key=lambda b: (-b.total, b.label))
    return DashboardData(
        period=period,
        today=today,
        counts=dict(counts),
        overdue=overdue,
        due_7=[r for next_due, r in due_soon if next_due <= soon_end],
        due_30=[r for _, r in due_soon],
        no_progress=no_progress,
        on_demand=on_demand,
        by_section=[Bar(label=section_labels.get(code, code), done=done, total=n, key=code)
                    for code, (done, n) in by_section.items() if n],
        by_lead=lead_list[:lead_bars],
        total=total,
        due_soon_days=due_soon_days,
    )

def dashboard_for(store: Store, plan_id: int, period: Period, today: date) -> DashboardData:
    """The dashboard of a stored plan in one call (rows computed here)."""
    settings = store.settings()
    rows = task_rows(store, plan_id, period, today, settings=settings)
    return dashboard(rows, period, today, store.load_plan(plan_id).sections, due_soon_days=settings.due_soon_days)


def default_period(year: int, today: date, kind: str = "quarter") -> Period:
    """The period the program opens on: the one holding today when today is in the plan's year, else the
    plan year's last period (a past plan) or first (a plan for next year)."""
    periods = periods_of_year(year, kind)
    current = period_containing(today, kind)
    if current.year == year:
        return current
    return periods[-1] if today > periods[-1].window_end else periods[0]
