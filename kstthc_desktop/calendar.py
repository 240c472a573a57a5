"""Working days in Việt Nam: a deadline that falls on a weekend or public holiday ends on the next working day
(Civil Code 2015, art. 148).

Holidays come from the ``holidays`` package (imported on first use, not at start-up): New Year, the lunar Tết days
the government gives off, Hùng Kings, 30/4, 1/5, National Day, and the days off swapped with a working Saturday
(``is_working_day`` of the package knows those Saturdays are working days).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from holidays import HolidayBase

__all__ = ["effective_due", "holiday_name", "is_working_day"]


@lru_cache(maxsize=1)
def _package_holidays() -> HolidayBase:
    import holidays  # heavy (0.3-0.5 s: it imports every country): only when the table below cannot serve

    try:
        return holidays.country_holidays("VN", language="vi")
    except Exception:  # noqa: BLE001  # pragma: no cover - a package without Vietnamese names
        return holidays.country_holidays("VN")


#: Years kept in the cached table; dates outside ask the package itself.
_TABLE_YEARS = (2015, 2040)


class _HolidayTable:
    """The package's Vietnamese holidays and swapped working Saturdays for ``_TABLE_YEARS``, kept as a small JSON
    file in the user's cache folder (rebuilt when the ``holidays`` package changes), so the desktop window opens
    without loading the package. Answers exactly like the package's ``is_working_day`` and ``get``."""

    def __init__(self, names: dict[date, str], workdays: set[date]):
        self.names = names
        self.workdays = workdays

    def is_working_day(self, d: date) -> bool:
        if not _TABLE_YEARS[0] <= d.year <= _TABLE_YEARS[1]:
            return bool(_package_holidays().is_working_day(d))
        return d in self.workdays if d.weekday() >= 5 else d not in self.names

    def get(self, d: date) -> str:
        if not _TABLE_YEARS[0] <= d.year <= _TABLE_YEARS[1]:
            return _package_holidays().get(d) or ""
        return self.names.get(d, "")

    @classmethod
    def from_package(cls) -> _HolidayTable:
        package = _package_holidays()
        for year in range(_TABLE_YEARS[0], _TABLE_YEARS[1] + 1):
            package.get(date(year, 1, 1))  # expands the package's years
        names = {d: name for d, name in package.items() if _TABLE_YEARS[0] <= d.year <= _TABLE_YEARS[1]}
        return cls(names, {d for d in package.weekend_workdays})


def _table_cache() -> tuple[Path, str]:
    import importlib.util

    from platformdirs import user_cache_dir

    spec = importlib.util.find_spec("holidays")
    origin = Path(spec.origin) if spec and spec.origin else None
    try:
        stamp = f"{origin}:{origin.stat().st_mtime_ns}:{_TABLE_YEARS}" if origin else ""
    except OSError:  # PyInstaller bundle: the module has no file on disk; the bundled package's version stands in
        from importlib.metadata import version

        stamp = f"holidays {version('holidays')}:{_TABLE_YEARS}"
    return Path(user_cache_dir("KSTTHC Desktop", "KSTTHC")) / "vn-holidays.json", stamp


@lru_cache(maxsize=1)
def _vn_holidays() -> _HolidayTable | HolidayBase:
    import json

    try:
        path, stamp = _table_cache()
    except Exception:  # noqa: BLE001 - no cache: just ask the package
        return _package_holidays()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("stamp") == stamp:
            return _HolidayTable(
                {date.fromisoformat(k): v for k, v in data["names"].items()},
                {date.fromisoformat(k) for k in data["workdays"]},
            )
    except (OSError, ValueError, KeyError, TypeError):
        pass
    table = _HolidayTable.from_package()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({
            "stamp": stamp,
            "names": {d.isoformat(): n for d, n in sorted(table.names.items())},
            "workdays": sorted(d.isoformat() for d in table.workdays),
        }, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache folder only costs speed
    return table


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


def working_days_after(start: date, days: int) -> date:
    """The day ``days`` working days after ``start`` ("10 ngày làm việc kể từ ngày tiếp nhận": the day of receipt
    is not counted, weekends, holidays and Tết are skipped, a swapped working Saturday counts)."""
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            left -= 1
    return current
