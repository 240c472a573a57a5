"""Returns from units: reading 120 filled-in unit workbooks back into the database (a province office's quarter:
every department and commune), and the units' figures added up.

Targets (issue 17): 120 returns read ≤ 10 s; the consolidation behind the report ≤ 2 s.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "tests" / "fixtures" / "plans" / "vinh-long-2024.docx"
_STATE: dict = {}


def _prepare(n: int) -> tuple[Path, list[Path]]:
    """A database with the plan and ``n`` units, and each unit's workbook filled in (made once, not timed)."""
    key = ("prepared", n)
    if key in _STATE:
        return _STATE[key]
    import openpyxl

    from kstthc_desktop.importers import extract
    from kstthc_desktop.periods import parse_period
    from kstthc_desktop.returns.template import write_return
    from kstthc_desktop.returns.units import Unit, save_unit
    from kstthc_desktop.store import Store

    folder = Path(tempfile.mkdtemp(prefix="bench-returns-"))
    db = folder / "base.sqlite3"
    period = parse_period("2024-Q3")
    with Store.open(db) as store:
        plan_id = store.save_plan(extract(PLAN))
        files = []
        for i in range(n):
            name = f"Sở số {i + 1}" if i % 2 else f"UBND xã số {i + 1}"
            save_unit(store, 2024, Unit(name))
            path = folder / f"unit-{i}.xlsx"
            write_return(store, plan_id, period, name, path)
            wb = openpyxl.load_workbook(path)
            for r in range(12, 22):
                wb["Số liệu"].cell(r, 2, f"Lĩnh vực {r}")
                for c, v in enumerate([8, 2, 6, 0, 8, 5, 3, 0, 0, 0, 0], start=3):
                    wb["Số liệu"].cell(r, c, v)
            for r in range(8, 20):
                wb["Nhiệm vụ"].cell(r, 6, "Đã thực hiện")
            wb.save(path)
            files.append(path)
    shutil.copy(db, db.with_name("pristine.sqlite3"))
    _STATE[key] = (db, files)
    return db, files


def _receive_all(db: Path, files: list[Path]) -> None:
    """The database as prepared (put back at its own path: a copy elsewhere is another database, whose returns
    are refused), then every return received."""
    from kstthc_desktop.returns.filing import receive_return
    from kstthc_desktop.store import Store

    for leftover in db.parent.glob(db.name + "-*"):
        leftover.unlink()
    shutil.copy(db.with_name("pristine.sqlite3"), db)
    with Store.open(db) as store:
        for path in files:
            receive_return(store, path, received=date(2024, 9, 10))


def _receive(n: int):
    def setup(quick: bool):
        count = 5 if quick else n
        db, files = _prepare(count)
        return (lambda: _receive_all(db, files)), count

    return setup


def _consolidate(n: int):
    def setup(quick: bool):
        from kstthc_desktop.figures.compare import figures_of
        from kstthc_desktop.figures.forms import DOSSIERS
        from kstthc_desktop.periods import parse_period
        from kstthc_desktop.store import Store

        count = 5 if quick else n
        db, files = _prepare(count)
        _receive_all(db, files)
        store = Store.open(db, read_only=True, lock=False)
        return (lambda: figures_of(store, DOSSIERS, parse_period("2024-Q3"))), count

    return setup


def _consolidated_report(n: int):
    """The collecting body's quarterly report (PDF) over ``n`` units' figures: the consolidation, the words and
    Phụ lục II with its table per unit."""
    def setup(quick: bool):
        from kstthc_desktop.reports.produce import produce
        from kstthc_desktop.store import Store

        count = 5 if quick else n
        db, files = _prepare(count)
        _receive_all(db, files)
        store = Store.open(db)
        out = db.with_name("report.pdf")

        def run():
            produce(store, 1, "2024-Q3", date(2024, 9, 20), out, now=datetime(2024, 9, 20, 8), whole_plan=True)

        return run, count

    return setup


BENCHMARKS = {"returns: read 120 unit workbooks": _receive(120), "returns: add up 120 units": _consolidate(120),
              "returns: consolidated report of 120 units": _consolidated_report(120)}
