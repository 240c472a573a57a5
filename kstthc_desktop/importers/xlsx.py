"""Excel workbooks (.xlsx, .xlsm): every sheet becomes one table; merged ranges become merge flags.

openpyxl in normal (not read-only) mode, because only then are merged ranges known: a section title merged across
the row, or a number merged down over a task's sub-rows, is how plans are laid out in Excel.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from kstthc_desktop.importers.base import Cell, Reader, Row, Table, damaged
from kstthc_desktop.importers.safety import check_zip
from kstthc_desktop.text import clean

MAX_ROWS = 5000
MAX_COLUMNS = 40


def cell_text(value) -> str:
    """A cell value as printed: whole numbers without ".0", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    if isinstance(value, dt.datetime):
        if value.hour or value.minute:
            return value.strftime("%d/%m/%Y %H:%M")
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return clean(str(value))


class XlsxReader(Reader):
    name = "xlsx"
    suffixes = (".xlsx", ".xlsm")

    def identify(self, path: Path, head: bytes) -> bool:
        if path.suffix.lower() not in self.suffixes:
            return False
        return True  # the content check (zip, workbook part) happens in blocks(), with a clear message

    def blocks(self, path: Path) -> list[Table]:
        check_zip(path, "Excel")
        with zipfile.ZipFile(path) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise damaged(path, "Excel")
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(path, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on damaged parts
            raise damaged(path, "Excel") from exc
        try:
            return [sheet_table(ws) for ws in workbook.worksheets]
        finally:
            workbook.close()


def sheet_table(ws) -> Table:
    max_row = min(ws.max_row or 0, MAX_ROWS)
    max_col = min(ws.max_column or 0, MAX_COLUMNS)
    covered: dict[tuple[int, int], str] = {}
    for merged in ws.merged_cells.ranges:
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if (r, c) == (merged.min_row, merged.min_col):
                    continue
                covered[(r, c)] = "h" if r == merged.min_row else "v"
    rows: list[Row] = []
    for r, values in enumerate(ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True), 1):
        cells = []
        for c, value in enumerate(values, 1):
            flag = covered.get((r, c))
            cells.append(Cell("" if flag else cell_text(value), vmerge=flag == "v", hmerge=flag == "h"))
        if any(cell.text for cell in cells):
            rows.append(Row(cells, line=r))
    return Table(rows, name=ws.title)
