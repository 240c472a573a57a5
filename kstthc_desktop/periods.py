"""Reporting periods of Nghị định 09/2019/NĐ-CP, art. 12: their calendar bounds, data windows and names.

The data window (thời gian chốt số liệu) of a period does not follow the calendar: month m runs from the 15th of
month m−1 to the 14th of month m; Quý I năm Y from 15/12/Y−1 to 14/03/Y; the half years 15/12–14/06 and 15/06–14/12;
the year 15/12/Y−1–14/12/Y; "9 tháng" 15/12/Y−1–14/09/Y. Progress counts in the period whose window holds its date.
Names follow official writing: "Quý III năm 2024 (từ ngày 15/6/2024 đến ngày 14/9/2024)", "Tháng 3 năm 2025",
"6 tháng đầu năm 2025", "9 tháng năm 2025", "Năm 2025" (dates in text: day < 10 and months 1–2 with a leading zero).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from datetime import date

from dateutil.relativedelta import relativedelta

from kstthc_desktop.errors import UserError
from kstthc_desktop.vndates import text_date

KINDS = ("month", "quarter", "halfyear", "ninemonths", "year")
_COUNT = {"month": 12, "quarter": 4, "halfyear": 2, "ninemonths": 1, "year": 1}
_LAST_MONTH = {"month": 1, "quarter": 3, "halfyear": 6, "ninemonths": 9, "year": 12}  # months per period
ROMAN = ("I", "II", "III", "IV")


def _month_text(m: int) -> str:
    return f"{m:02d}" if m <= 2 else str(m)


@dataclass(frozen=True)
class Period:
    """One reporting period: ``kind`` (month, quarter, halfyear, ninemonths, year), ``year`` and 1-based ``index``.

    Periods sort by their data window (start, then end).
    """

    kind: str
    year: int
    index: int = 1

    def __lt__(self, other: Period) -> bool:
        return (self.window_start, self.window_end) < (other.window_start, other.window_end)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise UserError(f"Loại kỳ báo cáo không hợp lệ: {self.kind!r}.")
        if not 1 <= self.index <= _COUNT[self.kind]:
            raise UserError(f"Số thứ tự kỳ báo cáo không hợp lệ: {self.index}.")
        if not 2 <= self.year <= 9998:
            raise UserError(f"Năm của kỳ báo cáo không hợp lệ: {self.year}.")

    # -- bounds ---------------------------------------------------------------------------------------------
    @cached_property
    def first_month(self) -> int:
        return 1 if self.kind in ("year", "ninemonths") else (self.index - 1) * _LAST_MONTH[self.kind] + 1

    @cached_property
    def last_month(self) -> int:
        return self.first_month + _LAST_MONTH[self.kind] - 1

    @cached_property
    def start(self) -> date:
        """First calendar day (1/1 of a quarter's first month …)."""
        return date(self.year, self.first_month, 1)

    @cached_property
    def end(self) -> date:
        """Last calendar day (31/3 for Quý I …)."""
        return self.start + relativedelta(months=_LAST_MONTH[self.kind], days=-1)

    @cached_property
    def window_start(self) -> date:
        """First day of the data window: the 15th of the month before the first month."""
        return self.start + relativedelta(months=-1, day=15)

    @cached_property
    def window_end(self) -> date:
        """Last day of the data window: the 14th of the last month."""
        return date(self.year, self.last_month, 14)

    def contains(self, d: date) -> bool:
        """True when ``d`` lies in the data window."""
        return self.window_start <= d <= self.window_end

    # -- names ----------------------------------------------------------------------------------------------
    @cached_property
    def key(self) -> str:
        if self.kind == "month":
            return f"{self.year}-{self.index:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.index}"
        if self.kind == "halfyear":
            return f"{self.year}-H{self.index}"
        if self.kind == "ninemonths":
            return f"{self.year}-9M"
        return str(self.year)

    @property
    def name(self) -> str:
        """"Quý III năm 2024", "Tháng 3 năm 2025", "6 tháng đầu năm 2025", "9 tháng năm 2025", "Năm 2025"."""
        if self.kind == "month":
            return f"Tháng {_month_text(self.index)} năm {self.year}"
        if self.kind == "quarter":
            return f"Quý {ROMAN[self.index - 1]} năm {self.year}"
        if self.kind == "halfyear":
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        if self.kind == "ninemonths":
            return f"9 tháng năm {self.year}"
        return f"Năm {self.year}"

    @property
    def label(self) -> str:
        """Short form for lists and tables: "Quý I/2024", "Tháng 3/2024", "6 tháng đầu năm 2024", "Năm 2024"."""
        if self.kind == "month":
            return f"Tháng {_month_text(self.index)}/{self.year}"
        if self.kind == "quarter":
            return f"Quý {ROMAN[self.index - 1]}/{self.year}"
        return self.name

    @property
    def in_sentence(self) -> str:
        """The period named inside a sentence, after "kỳ": "quý III", "tháng 5", "6 tháng đầu năm", "9 tháng",
        "năm 2024"."""
        if self.kind == "month":
            return f"tháng {self.index}"
        if self.kind == "quarter":
            return f"quý {ROMAN[self.index - 1]}"
        if self.kind == "halfyear":
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm"
        if self.kind == "ninemonths":
            return "9 tháng"
        return f"năm {self.year}"

    @property
    def title(self) -> str:
        """The report header: "Quý III năm 2024 (từ ngày 15/6/2024 đến ngày 14/9/2024)"."""
        return f"{self.name} (từ ngày {text_date(self.window_start)} đến ngày {text_date(self.window_end)})"

    # -- navigation -----------------------------------------------------------------------------------------
    def next(self) -> Period:
        if self.index < _COUNT[self.kind]:
            return Period(self.kind, self.year, self.index + 1)
        return Period(self.kind, self.year + 1, 1)

    def upcoming(self) -> Period:
        """The period a report plans for in its last part ("kỳ tới"): the next one of the same kind, but after
        the first nine months, the fourth quarter (the rest of the year, not next year's nine months)."""
        if self.kind == "ninemonths":
            return Period("quarter", self.year, 4)
        return self.next()

    def previous(self) -> Period:
        if self.index > 1:
            return Period(self.kind, self.year, self.index - 1)
        return Period(self.kind, self.year - 1, _COUNT[self.kind])

    def __str__(self) -> str:
        return self.key


_KEY = re.compile(r"^\s*(\d{4})(?:-(?:(\d{1,2})|[Qq]([1-4])|[Hh]([12])|(9[Mm])))?\s*$")


def parse_period(key: str) -> Period:
    """The period named by a key: "2025-03", "2025-Q1", "2025-H1", "2025-9M", "2025" (UserError otherwise)."""
    m = _KEY.match(key or "")
    if not m:
        raise UserError(
            f"Kỳ báo cáo không hợp lệ: {key!r}. Dùng dạng 2025-03 (tháng), 2025-Q1 (quý), 2025-H1 (6 tháng), "
            "2025-9M (9 tháng) hoặc 2025 (năm)."
        )
    year = int(m[1])
    if m[2]:
        if not 1 <= int(m[2]) <= 12:
            raise UserError(f"Kỳ báo cáo không hợp lệ: {key!r} (tháng phải từ 1 đến 12).")
        return Period("month", year, int(m[2]))
    if m[3]:
        return Period("quarter", year, int(m[3]))
    if m[4]:
        return Period("halfyear", year, int(m[4]))
    if m[5]:
        return Period("ninemonths", year, 1)
    return Period("year", year, 1)


def periods_of_year(year: int, kind: str) -> list[Period]:
    """All periods of ``kind`` in ``year``, in order."""
    if kind not in KINDS:
        raise UserError(f"Loại kỳ báo cáo không hợp lệ: {kind!r}.")
    return [Period(kind, year, i) for i in range(1, _COUNT[kind] + 1)]


def period_containing(d: date, kind: str) -> Period:
    """The period of ``kind`` whose data window holds ``d`` (15/12/2024 is in Quý I năm 2025).

    "9 tháng" covers no date from 15/9 to 14/12; such a date gets the 9 months of its reporting year.
    """
    if kind not in KINDS:
        raise UserError(f"Loại kỳ báo cáo không hợp lệ: {kind!r}.")
    if d.day >= 15:  # from the 15th, the data belong to the next month's period
        d += relativedelta(months=1)
    year, month = d.year, d.month
    if kind == "month":
        return Period(kind, year, month)
    if kind == "quarter":
        return Period(kind, year, (month - 1) // 3 + 1)
    if kind == "halfyear":
        return Period(kind, year, 1 if month <= 6 else 2)
    return Period(kind, year, 1)


def year_window(year: int) -> tuple[date, date]:
    """The data window of the whole year: 15/12/Y−1 – 14/12/Y."""
    return date(year - 1, 12, 15), date(year, 12, 14)
