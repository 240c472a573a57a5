"""Working days in Việt Nam: a deadline that falls on a weekend or public holiday ends on the next working day
(Civil Code 2015, art. 148).

Holidays come from the ``holidays`` package (imported on first use, not at start-up): New Year, the lunar Tết days
the government gives off, Hùng Kings, 30/4, 1/5, National Day, and the days off swapped with a working Saturday
(``is_working_day`` of the package knows those Saturdays are working days).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

__all__ = ["effective_due", "is_working_day", "holiday_name"]


@lru_cache(maxsize=1)
def _vn_holidays():
    import holidays  # heavy: only when a due date is needed

    try:
        return holidays.country_holidays("VN", language="vi")
    except Exception:  # pragma: no cover - a package without Vietnamese names
        return holidays.country_holidays("VN")


def is_working_day(d: date) -> bool:
    """True on a working day: not Saturday/Sunday (unless a swapped working Saturday) and not a public holiday."""
    return bool(_vn_holidays().is_working_day(d))


def holiday_name(d: date) -> str:
    """The holiday's name on ``d`` ("" when none)."""
    return _vn_holidays().get(d) or ""


@lru_cache(maxsize=4096)
def effective_due(d: date) -> date:
    """``d`` itself on a working day, else the next working day (31/01/2025, a Tết day → 03/02/2025)."""
    current = d
    for _ in range(60):  # Tết plus weekends is at most ~10 days; never loop forever
        if is_working_day(current):
            return current
        current += timedelta(days=1)
    return d
