"""Filing figures under a report period: which period a file's dates mean, and the import operation itself.

The window and ``kstthc stats import`` both read the file first (``read_export``; the window off the GUI thread),
then decide the period and unit (``decide_filing``) and store in one transaction (``store_filing``): nothing is
written, and no database is made, when any step refuses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kstthc_desktop.errors import UserError
from kstthc_desktop.figures.export_reader import read_export
from kstthc_desktop.figures.model import Figures
from kstthc_desktop.periods import KINDS, Period, parse_period, periods_of_year
from kstthc_desktop.vndates import text_date

if TYPE_CHECKING:
    from kstthc_desktop.store.store import Store


def period_for_dates(date_from: date, date_to: date) -> tuple[Period | None, str]:
    """The report period whose data window is exactly these dates, else one whose calendar span is (with a note
    that the file is cut on calendar dates); (None, "") when none is."""
    for year in {date_from.year, date_to.year}:
        for kind in KINDS:
            for period in periods_of_year(year, kind):
                if (period.window_start, period.window_end) == (date_from, date_to):
                    return period, ""
    for year in {date_from.year, date_to.year}:
        for kind in KINDS:
            for period in periods_of_year(year, kind):
                if (period.start, period.end) == (date_from, date_to):
                    return period, (f"Tệp tính số liệu theo ngày dương lịch ({text_date(date_from)} – "
                                    f"{text_date(date_to)}), không theo kỳ chốt số liệu "
                                    f"({text_date(period.window_start)} – {text_date(period.window_end)}).")
    return None, ""


@dataclass
class Filing:
    """What an import decided: the reading, the period it goes under, and what the officer should be told."""

    figures: Figures
    period: Period
    notes: list[str] = field(default_factory=list)


def decide_period(figures: Figures, period_key: str | None) -> Filing:
    """The period the figures go under: the one given (a warning when the file's dates differ), else the one the
    file's dates name; refused when neither is known."""
    span = (figures.date_from, figures.date_to)
    if period_key:
        period = parse_period(period_key)
        notes = []
        if figures.date_from and figures.date_to and span != (period.window_start, period.window_end):
            notes.append(f"Tệp ghi từ ngày {text_date(figures.date_from)} đến ngày {text_date(figures.date_to)}, "
                         f"khác kỳ {period.label} ({text_date(period.window_start)} – "
                         f"{text_date(period.window_end)}); vẫn lưu vào kỳ {period.label}.")
        return Filing(figures, period, notes)
    if not (figures.date_from and figures.date_to):
        raise UserError("Tệp không ghi \"Từ ngày … đến ngày …\": hãy chọn kỳ báo cáo (ví dụ --period 2025-Q1).")
    found, note = period_for_dates(figures.date_from, figures.date_to)
    if found is None:
        raise UserError(f"Tệp ghi số liệu từ ngày {text_date(figures.date_from)} đến ngày "
                        f"{text_date(figures.date_to)}, không trùng kỳ báo cáo nào; hãy chọn kỳ (ví dụ --period "
                        "2025-Q1).")
    return Filing(figures, found, [note] if note else [])


def read_for_filing(path: Path, *, period_key: str | None = None, unit: str | None = None,
                    default_unit: str = "") -> Filing:
    """Read ``path`` and decide its period and unit, without writing anything."""
    return decide_filing(read_export(path), period_key=period_key, unit=unit, default_unit=default_unit)


def decide_filing(figures: Figures, *, period_key: str | None = None, unit: str | None = None,
                  default_unit: str = "") -> Filing:
    """The unit (given, else the file's, else ``default_unit``) and the period of figures already read."""
    if unit:
        figures.unit = unit.strip()
    elif not figures.unit:
        figures.unit = default_unit
    if not figures.unit:
        raise UserError("Không rõ số liệu của đơn vị nào: tệp không ghi tên đơn vị; hãy ghi rõ (--unit \"Sở …\") "
                        "hoặc khai báo tên cơ quan trong Cài đặt.")
    return decide_period(figures, period_key)


def store_filing(store: Store, filing: Filing, source: str) -> None:
    """Store what :func:`read_for_filing` decided (the window reads off the GUI thread, then stores here)."""
    from kstthc_desktop.store.figures import save_figures

    with store.transaction():
        save_figures(store, filing.figures, filing.period.key, source=source, origin="import")


def save_entered(store: Store, period_key: str, unit: str, rows: list[tuple[str, dict[str, int]]],
                 other: dict[str, int]) -> None:
    """Store what the officer typed on the figures page for one unit and period: the dossier rows (the total is
    their sum) and the other figures, in one transaction. Rows without a name or any figure are dropped."""
    from kstthc_desktop.figures.forms import DOSSIERS, OTHER, load_form
    from kstthc_desktop.figures.model import FigureRow
    from kstthc_desktop.store.figures import save_figures

    if not unit.strip():
        raise UserError("Hãy chọn hoặc ghi tên đơn vị của số liệu.")
    kept = [FigureRow(name.strip(), values) for name, values in rows if name.strip() and values]
    unnamed = [values for name, values in rows if values and not name.strip()]
    if unnamed:
        raise UserError("Có dòng số liệu chưa ghi tên lĩnh vực; hãy ghi tên hoặc xóa dòng đó.")
    with store.transaction():
        if kept:
            save_figures(store, Figures(load_form(DOSSIERS), unit, rows=kept), period_key, origin="typed")
        if other:
            save_figures(store, Figures(load_form(OTHER), unit, total=dict(other)), period_key, origin="typed")
