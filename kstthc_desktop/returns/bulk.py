"""Every unit's workbook at once (the window's one action, and ``kstthc returns template --all``)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from kstthc_desktop.periods import Period


def return_file_name(unit: str, period: Period) -> str:
    """"so-tu-phap-2025-Q1.xlsx": no diacritics, so that every mail program and USB stick keeps it."""
    from kstthc_desktop.figures.model import row_key

    return f"{'-'.join(row_key(unit).split())[:60] or 'don-vi'}-{period.key}.xlsx"


def write_all_returns(db_path: Path, plan_id: int, period: Period) -> list[tuple[str, bytes]]:
    """(file name, workbook bytes) for every unit of the plan's year; opens its own read-only connection, so that
    the window can run it off the GUI thread."""
    from kstthc_desktop.returns.template import write_return
    from kstthc_desktop.returns.units import units
    from kstthc_desktop.store import Store

    out = []
    with Store.open(db_path, create=False, read_only=True, lock=False) as store, \
            tempfile.TemporaryDirectory() as tmp:
        year = store.load_plan(plan_id, tasks=False).document.year or period.year
        settings = store.settings()
        default_day = settings.report_deadlines.get(period.kind)
        for unit in units(store, year):
            name = return_file_name(unit.name, period)
            path = Path(tmp) / name
            write_return(store, plan_id, period, unit.name, path, collector=settings.body_in_text,
                         report_day=unit.report_day if unit.report_day is not None else default_day)
            out.append((name, path.read_bytes()))
    return out
