"""Dates as Vietnamese official documents write them (docs/domain.md §4, §7).

In dates written in text, a day below 10 and the months 1 and 2 take a leading zero:
"ngày 05/02/2025", "14/3/2025", "ngày 05 tháng 3 năm 2025".
"""

from __future__ import annotations

from datetime import date


def _day(d: date) -> str:
    return f"{d.day:02d}" if d.day < 10 else str(d.day)


def _month(d: date) -> str:
    return f"{d.month:02d}" if d.month <= 2 else str(d.month)


def text_date(d: date) -> str:
    """"05/02/2025", "14/3/2025"."""
    return f"{_day(d)}/{_month(d)}/{d.year}"


def long_date(d: date, place: str = "") -> str:
    """The place-and-date line: "Sóc Trăng, ngày 05 tháng 3 năm 2025"."""
    text = f"ngày {_day(d)} tháng {_month(d)} năm {d.year}"
    return f"{place}, {text}" if place else text
