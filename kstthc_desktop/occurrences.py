"""What is due when: the occurrences of a task's deadline in one plan year.

- periodic: one per period of each stated frequency (month, quarter, half year, year); due on the stated day of
  the period's last month ("trước ngày 19 của tháng cuối quý" → 19/3, 19/6, 19/9, 19/12), else on the day the
  officer set for that kind of report (``default_days``, from ``Settings.report_deadlines``), else the period's last
  calendar day. "Định kỳ" with no frequency is treated like an ongoing task until the officer confirms one.
- dated: one occurrence (key "due") on its due date; none when the year of the date is unknown.
- continuous: one per *quarter*, with no due date. Quarters because the province collects KSTTHC results quarterly
  (Nghị định 09/2019 data windows; every plan we have asks for quarterly reports), so "has it shown progress this
  quarter?" is the question the officer must answer; month or year reports simply group the quarters.
- on_demand: one per logged event whose date lies in the year's data window (key "event:<id>"); due = event date
  + ``within_days`` when the plan states a span, else no due date.

Every occurrence carries the printed ``due`` and the ``effective_due`` (rolled over weekends and holidays) and a
``start`` (the period's data-window start, or the event date). The list is sorted by start (then due).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from dateutil.rrule import MONTHLY, rrule

from kstthc_desktop.calendar import effective_due
from kstthc_desktop.domain import FREQUENCIES, Deadline, DeadlineKind, Occurrence
from kstthc_desktop.errors import UserError
from kstthc_desktop.periods import Period, parse_period, year_window
from kstthc_desktop.vndates import text_date

#: how many months each frequency's period spans
_MONTHS = {"month": 1, "quarter": 3, "halfyear": 6, "year": 12}
CONTINUOUS_KIND = "quarter"


def occurrences(
    deadline: Deadline,
    year: int,
    events: Iterable[Any] = (),
    *,
    default_days: Mapping[str, int] | None = None,
) -> list[Occurrence]:
    """The occurrences of ``deadline`` in plan year ``year``, sorted. ``events``: (id, date) pairs of logged events
    (also accepted: the store's (id, task_id, date, text) rows or objects with ``id`` and ``event_date``)."""
    kind = deadline.kind
    found: list[Occurrence] = []
    if kind == DeadlineKind.PERIODIC and deadline.every:
        for freq in FREQUENCIES:
            if freq not in deadline.every:
                continue
            day = deadline.every.get(freq) or (default_days or {}).get(freq)
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
        for event_id, day in event_pairs(events):
            if not lo <= day <= hi:
                continue
            due = day + timedelta(days=deadline.within_days) if deadline.within_days else None
            found.append(
                Occurrence(key=f"event:{event_id}", label=f"Phát sinh ngày {text_date(day)}", due=due,
                           effective_due=effective_due(due) if due else None, start=day)
            )
    found.sort(key=_order)
    return found


def _order(occ: Occurrence) -> tuple:
    anchor = occ.start or occ.due or date.max
    return (anchor, occ.due or date.max, occ.key)


def _periodic(freq: str, year: int, day: int | None) -> list[Occurrence]:
    return [Occurrence(key=k, label=lbl, due=due, effective_due=eff, start=start)
            for k, lbl, due, eff, start in _periodic_rows(freq, year, day)]


@lru_cache(maxsize=2048)
def _periodic_rows(freq: str, year: int, day: int | None) -> tuple[tuple, ...]:
    """(key, label, due, effective due, start) of each period: the same for every task, so computed once."""
    step = _MONTHS[freq]
    rows = []
    # the first day of each period's last month: Mar, Jun, Sep, Dec for quarters
    last_months = rrule(MONTHLY, interval=step, dtstart=datetime(year, step, 1), count=12 // step)
    for index, _last in enumerate(last_months, 1):
        period = Period(freq, year, index)
        end = period.end
        due = end.replace(day=min(day, end.day)) if day else end
        rows.append((period.key, period.label, due, effective_due(due), period.window_start))
    return tuple(rows)


@lru_cache(maxsize=256)
def _quarter_rows(year: int) -> tuple[tuple, ...]:
    rows = []
    for first in rrule(MONTHLY, interval=3, dtstart=datetime(year, 1, 1), count=4):  # each quarter's first month
        period = Period(CONTINUOUS_KIND, year, (first.month - 1) // 3 + 1)
        rows.append((period.key, period.label, period.window_start))
    return tuple(rows)


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
    return _period_of_key(occ.key)


@lru_cache(maxsize=4096)
def _period_of_key(key: str) -> Period | None:
    if not key[:1].isdigit():
        return None
    try:
        return parse_period(key)
    except UserError:
        return None
