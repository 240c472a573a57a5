"""Excel workbooks (.xlsx, .xlsm): every sheet becomes one table; merged ranges become merge flags.

openpyxl in normal (not read-only) mode, because only then are merged ranges known: a section title merged across
the row, or a number merged down over a task's sub-rows, is how plans are laid out in Excel.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

from kstthc_desktop.importers.base import Cell, Reader, Row, Table, damaged
from kstthc_desktop.importers.safety import check_zip
from kstthc_desktop.text import clean

MAX_ROWS = 5000
MAX_COLUMNS = 40


def date_parts(number_format: str | None) -> str:
    """Which parts of a date an Excel number format shows: a subset of "dmy" ("" when it shows none).

    Excel keeps "01/2022" typed in a cell as the date 1 January 2022 with the format ``mm/yyyy``; the format is
    what the plan's author saw, so it decides what we print. Quoted text, escaped characters and ``[...]``
    (colours, locales) are not format codes; an ``m`` next to ``h`` or ``s`` means minutes, not the month.
    """
    code = (number_format or "").split(";")[0]
    code = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code).lower()
    if not code or code == "general":
        return ""
    parts = ""
    if "d" in code:
        parts += "d"
    for run in re.finditer(r"m+", code):
        before = code[:run.start()].rstrip(" :.,-/")
        after = code[run.end():].lstrip(" :.,-/")
        if not (before.endswith("h") or after.startswith("s")):
            parts += "m"
            break
    if "y" in code:
        parts += "y"
    return parts


def cell_text(value, number_format: str | None = None) -> str:
    """A cell value as printed: whole numbers without ".0", dates as their number format shows them
    (dd/mm/yyyy; mm/yyyy for a month; the year alone for a year)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    if isinstance(value, dt.date):
        parts = date_parts(number_format)
        if parts and "d" not in parts:
            return value.strftime("%m/%Y") if "m" in parts else value.strftime("%Y")
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
            with path.open("rb") as handle:  # a file object: openpyxl refuses a name not ending in .xlsx
                workbook = openpyxl.load_workbook(handle, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on damaged parts
            raise damaged(path, "Excel") from exc
        try:
            tables = []
            for ws in workbook.worksheets:
                if ws.sheet_state != "visible":  # "hidden" / "veryHidden": an old copy, a lookup list
                    if (ws.max_row or 0) > 1 or ws.cell(1, 1).value is not None:
                        self.notes.append((f"Bỏ qua trang tính ẩn \"{ws.title}\" (không đọc các trang tính bị ẩn; "
                                           "nếu kế hoạch nằm ở đó, hãy bỏ ẩn trang tính rồi nhập lại).", "hidden_sheet"))
                    continue
                tables.append(sheet_table(ws, self.notes))
        finally:
            workbook.close()
        if sum(1 for t in tables if t.rows) > 1:  # the plan may span sheets: warnings name the sheet
            for table in tables:
                for row in table.rows:
                    row.sheet = table.name
        return tables


def rows_past_limit(ws) -> int:
    """How many rows below MAX_ROWS hold a value (formatting alone, often applied to whole columns, is not a row)."""
    if (ws.max_row or 0) <= MAX_ROWS:
        return 0
    cells = getattr(ws, "_cells", None)  # openpyxl's own map of the cells it read: no new cells created
    if cells is None:
        return ws.max_row - MAX_ROWS
    return len({r for (r, _c), cell in cells.items() if r > MAX_ROWS and cell.value not in (None, "")})


def sheet_table(ws, notes: list[tuple[str, str]] | None = None) -> Table:
    dropped = rows_past_limit(ws)
    if dropped and notes is not None:
        notes.append((f"Trang tính \"{ws.title}\" dài quá {MAX_ROWS} dòng: chỉ đọc {MAX_ROWS} dòng đầu, "
                      f"{dropped} dòng có nội dung phía sau không được đọc. Nếu đó là nhiệm vụ của kế hoạch, hãy tách "
                      "bảng sang trang tính khác rồi nhập lại.", "rows_dropped"))
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
    for r, sheet_cells in enumerate(ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col), 1):
        cells = []
        for c, cell in enumerate(sheet_cells, 1):
            flag = covered.get((r, c))
            text = "" if flag else cell_text(cell.value, getattr(cell, "number_format", None))
            cells.append(Cell(text, vmerge=flag == "v", hmerge=flag == "h"))
        if any(cell.text for cell in cells):
            rows.append(Row(cells, line=r))
    return Table(rows, name=ws.title)
