"""When the body's own reports are due: the days the province sets per kind of report (``Settings.report_deadlines``,
e.g. the 19th of a quarter's last month and 19/12 for the year; docs/domain.md §4, §8), never hard-coded.

The dashboard and the report dialog say which report is due next ("Báo cáo quý II: hạn 19/6/2025, còn 3 ngày").
A report not yet produced stays on the line for a week after its day (said to be late); a report
produced (recorded in the store) gives way to the next one. Today is a parameter.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kstthc_desktop.periods import Period, periods_of_year
from kstthc_desktop.vndates import text_date

#: The kinds in the order their names are shown.
KINDS = ("month", "quarter", "halfyear", "ninemonths", "year")
#: How long a report not produced after its day is still shown as the one due (and late): a report filed outside
#: the program is not recorded, and a month of "quá hạn" for it would be noise.
LATE_SHOWN_DAYS = 7


@dataclass(frozen=True)
class ReportDue:
    period: Period
    due: date

    @property
    def name(self) -> str:
        """"Báo cáo quý II", "Báo cáo tháng 3", "Báo cáo 6 tháng đầu năm 2025", "Báo cáo năm 2025"."""
        p = self.period
        short = p.name.rsplit(" năm ", 1)[0] if p.kind in ("month", "quarter") else p.name
        return f"Báo cáo {short[:1].lower()}{short[1:]}"

    def describe(self, today: date) -> str:
        """"Báo cáo quý II: hạn 19/6/2025, còn 3 ngày" (or "hôm nay", or "quá hạn 2 ngày")."""
        days = (self.due - today).days
        when = "hôm nay" if days == 0 else (f"còn {days} ngày" if days > 0 else f"quá hạn {-days} ngày")
        return f"{self.name}: hạn {text_date(self.due)}, {when}"


def due_date(period: Period, day: int) -> date:
    """The ``day`` of the period's last month (the month's last day when it has fewer)."""
    last = calendar.monthrange(period.year, period.last_month)[1]
    return date(period.year, period.last_month, min(max(day, 1), last))


def _periods(kind: str, years: Iterable[int], with_year_report: bool) -> list[Period]:
    found = []
    for year in years:
        for p in periods_of_year(year, kind):
            if with_year_report and ((kind == "quarter" and p.index == 4) or (kind == "halfyear" and p.index == 2)):
                continue  # the annual report stands for the last quarter and the second half (docs/domain.md §8)
            found.append(p)
    return found


def upcoming_reports(report_deadlines: dict[str, int], today: date, produced: Iterable[str] = ()) -> list[ReportDue]:
    """For each kind of report with a day set, the next one to file (earliest first)."""
    done = set(produced)
    with_year = bool(report_deadlines.get("year"))
    found = []
    for kind in KINDS:
        day = report_deadlines.get(kind)
        if not day:
            continue
        for period in _periods(kind, (today.year - 1, today.year, today.year + 1), with_year):
            due = due_date(period, int(day))
            if period.key not in done and (today - due).days <= LATE_SHOWN_DAYS:
                found.append(ReportDue(period, due))  # the first not filed: upcoming, or late by a month at most
                break
    return sorted(found, key=lambda r: (r.due, KINDS.index(r.period.kind)))


def next_report_text(report_deadlines: dict[str, int], today: date, produced: Iterable[str] = ()) -> str:
    """The dashboard's line: the next report due, "" when the officer set no report days."""
    upcoming = upcoming_reports(report_deadlines, today, produced)
    return upcoming[0].describe(today) if upcoming else ""


def due_of(report_deadlines: dict[str, int], period: Period) -> date | None:
    """The due day of one period's report (the report dialog), None when no day is set for its kind."""
    day = report_deadlines.get(period.kind)
    return due_date(period, int(day)) if day else None
