"""What is due when: the occurrences of a task's deadline in one plan year.

- periodic: one per period of each stated frequency (month, quarter, half year, year); due on the stated day of
  the period's last month ("trước ngày 19 của tháng cuối quý" → 19/3, 19/6, 19/9, 19/12), else on the day the
  officer set for that kind of report (``report_days``, from ``Settings.report_deadlines``), else the period's last
  calendar day. Every reading of a task (statuses, rows, reports, the progress form, unit returns) passes the same
  ``report_days``, so the table, the paper and the returns name one due date. "Định kỳ" with no frequency is
  treated like an ongoing task until the officer confirms one.
- dated: one occurrence (key "due") on its due date; none when the year of the date is unknown.
- continuous: one per *quarter*, with no due date. Quarters because the province collects KSTTHC results quarterly
  (Nghị định 09/2019 data windows; every plan we have asks for quarterly reports), so "has it shown progress this
  quarter?" is the question the officer must answer; month or year reports simply group the quarters.
- on_demand: one per logged event whose date lies in the year's data window (key "event:<id>"); due = event date
  + ``within_days`` when the plan states a span (working days when the printed text says "ngày làm việc":
  ``task_occurrences`` reads that), else no due date.

Every occurrence carries the printed ``due`` and the ``effective_due`` (rolled over weekends and holidays) and a
``start`` (the period's data-window start, or the event date). The list is sorted by start (then due).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from kstthc_desktop.calendar import effective_due, working_days_after
from kstthc_desktop.domain import FREQUENCIES, Deadline, DeadlineKind, Occurrence
from kstthc_desktop.errors import UserError
from kstthc_desktop.periods import Period, parse_period, year_window
from kstthc_desktop.text import fold
from kstthc_desktop.vndates import text_date

#: how many months each frequency's period spans
_MONTHS = {"month": 1, "quarter": 3, "halfyear": 6, "year": 12}
CONTINUOUS_KIND = "quarter"

#: The officer's day per kind of report ("quarter" → 19): a mapping, or its items as a tuple.
ReportDays = Mapping[str, int] | tuple[tuple[str, int], ...] | None

_WORKING_SPAN = re.compile(r"\b\d{1,3}\s*ngay\s*lam\s*viec\b")


@lru_cache(maxsize=4096)
def span_in_working_days(text: str) -> bool:
    """Does the printed deadline count its span in working days ("05 ngày làm việc kể từ ngày nhận")? The
    reading keeps only the number (``within_days``); an event's due date is counted with this. Here, not in
    ``deadlines``, so that the window's start-up need not compile every deadline phrasing. Cached: a plan has
    few distinct deadline texts, and every refresh asks each on-demand task."""
    return bool(_WORKING_SPAN.search(fold(text or "")))


def occurrences(
    deadline: Deadline,
    year: int,
    events: Iterable[Any] = (),
    *,
    report_days: ReportDays = None,
    working_days: bool = False,
) -> list[Occurrence]:
    """The occurrences of ``deadline`` in plan year ``year``, sorted. ``events``: (id, date) pairs of logged events
    (also accepted: the store's (id, task_id, date, text) rows or objects with ``id`` and ``event_date``);
    ``report_days``: the officer's day per kind of report (``Settings.report_deadlines``), for a periodic
    deadline that states none; ``working_days``: an event's span counts working days (see ``task_occurrences``)."""
    if deadline.kind == DeadlineKind.PERIODIC:
        return list(_calendar_occurrences(deadline, year, report_days_key(report_days)))
    if deadline.kind != DeadlineKind.ON_DEMAND:  # no report day changes a dated or ongoing task's occurrences
        return list(_calendar_occurrences(deadline, year))
    return _occurrences(deadline, year, events, None, working_days)


def report_days_key(report_days: ReportDays) -> tuple[tuple[str, int], ...]:
    """The report days as a hashable, ordered tuple (the occurrence cache's key). A caller reading many tasks
    (``tracking.build_rows``) makes it once, so that each task's reading need not sort the setting again."""
    if not report_days:
        return ()
    if isinstance(report_days, tuple):
        return report_days
    return tuple(sorted((kind, day) for kind, day in report_days.items() if day))


@lru_cache(maxsize=1024)
def _calendar_occurrences(
    deadline: Deadline, year: int, report_days: tuple[tuple[str, int], ...] = (),
) -> tuple[Occurrence, ...]:
    """The occurrences of a deadline that depends on no event: the same for every task with that deadline (a plan
    has a few dozen distinct ones), so computed once per plan year and report days rather than twice per task at
    each refresh. Occurrences are frozen: the cached ones are shared."""
    return tuple(_occurrences(deadline, year, (), dict(report_days), False))


def _occurrences(
    deadline: Deadline, year: int, events: Iterable[Any], report_days: Mapping[str, int] | None, working_days: bool,
) -> list[Occurrence]:
    kind = deadline.kind
    found: list[Occurrence] = []
    if kind == DeadlineKind.PERIODIC and deadline.every:
        for freq in FREQUENCIES:
            if freq not in deadline.every:
                continue
            day = deadline.every.get(freq) or (report_days or {}).get(freq)
            found.extend(_periodic(freq, year, day))
    elif kind in (DeadlineKind.CONTINUOUS, DeadlineKind.PERIODIC):
        for key, label, start in _quarter_rows(year):
            found.append(Occurrence(key=key, label=label, start=start))
    elif kind == DeadlineKind.DATED:
        if deadline.due is not None:
            found.append(
                Occurrence(key="due", label=f"Hạn {text_date(deadline.due)}", due=deadline.due,
                           effective_due=effective_due(deadline.due))
            )
    elif kind == DeadlineKind.ON_DEMAND:
        lo, hi = year_window(year)
        for event_id, arose in event_pairs(events):
            if not lo <= arose <= hi:
                continue
            due = _event_due(arose, deadline.within_days, working_days)
            found.append(
                Occurrence(key=f"event:{event_id}", label=f"Phát sinh ngày {text_date(arose)}", due=due,
                           effective_due=effective_due(due) if due else None, start=arose)
            )
    found.sort(key=_order)
    return found


def task_occurrences(task: Any, year: int, events: Iterable[Any] = (), *,
                     report_days: ReportDays = None) -> list[Occurrence]:
    """The occurrences of a task (``occurrences`` of its deadline), with what only its printed text says: an
    on-demand span in working days ("10 ngày làm việc kể từ ngày tiếp nhận")."""
    working = task.deadline.kind == DeadlineKind.ON_DEMAND and span_in_working_days(task.deadline_text)
    return occurrences(task.deadline, year, events, report_days=report_days, working_days=working)


def entry_occurrences(task: Any, year: int, events: Iterable[Any] = (), *,
                      report_days: ReportDays = None) -> list[Occurrence]:
    """What a progress entry of ``task`` can count for: its occurrences in ``year``, or, when it has none (no
    deadline read, an on-demand task with no event yet), the year's quarters and months."""
    from kstthc_desktop.periods import periods_of_year

    try:
        found = task_occurrences(task, year, events, report_days=report_days)
    except Exception:  # noqa: BLE001 - an odd reading still lets the officer record a result by period
        found = []
    if found:
        return found
    return [Occurrence(key=p.key, label=p.name, start=p.window_start)
            for kind in ("quarter", "month") for p in periods_of_year(year, kind)]


def choice_label(occ: Occurrence) -> str:
    """An occurrence as a list offers it: "Quý II/2023 (hạn 30/6/2023)"."""
    if occ.due and text_date(occ.due) not in occ.label:
        return f"{occ.label} (hạn {text_date(occ.due)})"
    return occ.label


def _event_due(day: date, within_days: int | None, working_days: bool) -> date | None:
    """An event's due date: ``within_days`` after it, counted in working days or calendar days; None without span."""
    if not within_days:
        return None
    return working_days_after(day, within_days) if working_days else day + timedelta(days=within_days)


def occurrence_for_date(task_occurrences: Iterable[Occurrence], when: date) -> Occurrence | None:
    """The occurrence a result dated ``when`` counts for: the one whose data window holds the date (the shortest
    period when a month and a quarter both do); a dated task's one due date; an on-demand task's latest event on
    or before the date. A date outside every window: the nearest occurrence. None when there is none.

    The one rule for "Tính cho kỳ": the progress dialog and the command line call it, so a result written on
    10/5 counts for Quý II even when the officer is looking at Quý III."""
    occs = list(task_occurrences)
    if len(occs) <= 1:
        return occs[0] if occs else None
    periods = [(period_of(o), o) for o in occs]
    windows = [(p, o) for p, o in periods if p is not None]
    if windows:
        holding = [(p, o) for p, o in windows if p.contains(when)]
        if holding:
            return min(holding, key=lambda po: (po[0].window_end - po[0].window_start, po[0].window_start))[1]
        return min(windows, key=lambda po: _distance(po[0], when))[1]
    started = [o for o in occs if o.start is not None and o.start <= when]
    return started[-1] if started else occs[0]


def _distance(period: Period, when: date) -> int:
    """Days from ``when`` to the period's data window."""
    if when < period.window_start:
        return (period.window_start - when).days
    return (when - period.window_end).days


def occurrence_phrase(occ: Occurrence | str) -> str:
    """How a progress line names the occurrence it counts for: "kỳ quý III", "kỳ tháng 5", "kỳ 6 tháng đầu năm",
    "kỳ năm 2024", "lần phát sinh ngày 05/06/2023", "hạn 31/01/2025" ("" for an entry with no occurrence)."""
    key = occ if isinstance(occ, str) else occ.key
    period = period_of_key(key or "")
    if period is not None:
        return f"kỳ {period.in_sentence}"
    if isinstance(occ, str):
        return ""
    if occ.key.startswith("event:"):
        return f"lần phát sinh ngày {text_date(occ.start)}" if occ.start else "lần phát sinh"
    return f"hạn {text_date(occ.due)}" if occ.due else occ.label


def _order(occ: Occurrence) -> tuple[date, date, str]:
    anchor = occ.start or occ.due or date.max
    return (anchor, occ.due or date.max, occ.key)


def _periodic(freq: str, year: int, day: int | None) -> list[Occurrence]:
    return [Occurrence(key=k, label=lbl, due=due, effective_due=eff, start=start)
            for k, lbl, due, eff, start in _periodic_rows(freq, year, day)]


@lru_cache(maxsize=2048)
def _periodic_rows(freq: str, year: int, day: int | None) -> tuple[tuple[str, str, date, date, date], ...]:
    """(key, label, due, effective due, start) of each period: the same for every task, so computed once."""
    rows = []
    for index in range(1, 12 // _MONTHS[freq] + 1):
        period = Period(freq, year, index)
        end = period.end
        due = end.replace(day=min(day, end.day)) if day else end
        rows.append((period.key, period.label, due, effective_due(due), period.window_start))
    return tuple(rows)


@lru_cache(maxsize=256)
def _quarter_rows(year: int) -> tuple[tuple[str, str, date], ...]:
    return tuple((p.key, p.label, p.window_start) for p in (Period(CONTINUOUS_KIND, year, i) for i in range(1, 5)))


def event_pairs(events: Iterable[Any]) -> list[tuple[Any, date]]:
    """(id, date) for each event, whatever shape the caller holds them in."""
    pairs = []
    for event in events or ():
        if hasattr(event, "event_date"):
            pairs.append((getattr(event, "id", None), event.event_date))
            continue
        items = list(event)
        when = next((x for x in items[1:] if isinstance(x, date)), None)
        if when is not None:
            if isinstance(when, datetime):
                when = when.date()
            pairs.append((items[0], when))
    return pairs


def period_of(occ: Occurrence) -> Period | None:
    """The reporting period an occurrence stands for (None for a dated or event occurrence)."""
    return period_of_key(occ.key)


@lru_cache(maxsize=4096)
def period_of_key(key: str) -> Period | None:
    """The reporting period an occurrence key names ("2024-Q3", "2024-09"); None for "due", "event:12", ""."""
    if not key[:1].isdigit():
        return None
    try:
        return parse_period(key)
    except UserError:
        return None
