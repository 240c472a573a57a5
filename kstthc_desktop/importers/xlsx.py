"""Excel workbooks (.xlsx, .xlsm): every sheet becomes one table; merged ranges become merge flags.

openpyxl in normal (not read-only) mode, because only then are merged ranges known: a section title merged across
the row, or a number merged down over a task's sub-rows, is how plans are laid out in Excel.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from kstthc_desktop.errors import UserError
from kstthc_desktop.importers.base import Block, Cell, Reader, Row, Table, damaged
from kstthc_desktop.importers.safety import MAX_COLUMNS, MAX_MERGED_CELLS, MAX_ROWS, check_zip, tick, vi_number
from kstthc_desktop.text import clean

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


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


def cell_text(value: object, number_format: str | None = None) -> str:
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
        # the content check (zip, workbook part) happens in blocks(), with a clear message
        return path.suffix.lower() in self.suffixes

    def blocks(self, path: Path) -> list[Block]:
        check_zip(path, "Excel")
        with zipfile.ZipFile(path) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise damaged(path, "Excel")
        import openpyxl

        clamped = clamp_merges(path)
        try:
            with clamped or path.open("rb") as handle:  # a file object: openpyxl refuses a name not ending in .xlsx
                workbook = openpyxl.load_workbook(handle, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on damaged parts
            raise damaged(path, "Excel") from exc
        try:
            tables: list[Table] = []
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
        return list[Block](tables)


_MERGE_CELL = re.compile(rb'(<(?:\w+:)?mergeCell\b[^>]*?\bref=")([^"]*)(")')
_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"')


def clamp_merges(path: Path) -> io.BytesIO | None:
    """The workbook with its merged ranges clamped to the sheet's real extent, or None when its merges are sane
    (the file is then read as it is).

    openpyxl makes and formats an object for every cell a merge covers before we see any: a merge of 8 million
    cells took 87 s and 3.2 GB, and even 40,000 take two seconds. A sheet whose merges reach past the part that is
    read (``MAX_ROWS`` × ``MAX_COLUMNS``) or cover more than ``MAX_MERGED_CELLS`` has them clamped to its last
    row and column holding a cell; still more than that means ranges laid over each other: refused."""
    changed: dict[str, bytes] = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if not info.filename.lower().endswith(".xml"):
                continue
            data = archive.read(info)
            if b"mergeCell" not in data:
                continue
            clamped, area = _clamp_sheet_merges(data, MAX_ROWS, MAX_COLUMNS)
            if clamped is data and area <= MAX_MERGED_CELLS:
                continue
            clamped, area = _clamp_sheet_merges(data, *_extent(data))
            if area > MAX_MERGED_CELLS:
                raise UserError(f"Từ chối mở tệp \"{path.name}\": các vùng ô gộp phủ {vi_number(area)} ô (quá "
                                f"{vi_number(MAX_MERGED_CELLS)} ô, thường là các vùng chồng lên nhau), bất thường đối "
                                "với một kế hoạch (có thể là tệp độc hại).")
            changed[info.filename] = clamped
        if not changed:
            return None
        copy = io.BytesIO()
        with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
            for info in archive.infolist():
                out.writestr(info.filename, changed.get(info.filename) or archive.read(info))
    copy.seek(0)
    return copy


def _extent(data: bytes) -> tuple[int, int]:
    """The last row and column of a sheet that hold a cell (within the part that is read); the whole part when
    the cells do not say where they are (the ``r`` attribute is optional)."""
    from openpyxl.utils.cell import column_index_from_string

    rows = cols = 0
    for m in _CELL_REF.finditer(data):
        rows = max(rows, int(m.group(2)))
        cols = max(cols, column_index_from_string(m.group(1).decode()))
    if not rows:
        return MAX_ROWS, MAX_COLUMNS
    return min(rows, MAX_ROWS), min(cols, MAX_COLUMNS)


def _clamp_sheet_merges(data: bytes, last_row: int, last_col: int) -> tuple[bytes, int]:
    """A sheet's XML with its merges clamped to ``last_row`` and ``last_col`` (``data`` itself when none reaches
    past them), and how many cells within them the merges cover. A range wholly past them keeps only its first
    cell (never read)."""
    from openpyxl.utils.cell import get_column_letter, range_boundaries

    area = 0
    changed = False

    def clamp(m: re.Match[bytes]) -> bytes:
        nonlocal area, changed
        whole: bytes = m.group(0)
        try:
            min_col, min_row, max_col, max_row = range_boundaries(m.group(2).decode("ascii"))
        except (ValueError, TypeError, UnicodeDecodeError):
            return whole  # openpyxl judges it: a damaged file
        if min_col is None or min_row is None or max_col is None or max_row is None \
                or max_row < min_row or max_col < min_col:
            return whole
        if min_row > last_row or min_col > last_col:
            bottom, right = min_row, min_col
        else:
            bottom, right = min(max_row, last_row), min(max_col, last_col)
            area += (bottom - min_row + 1) * (right - min_col + 1)
        if (bottom, right) == (max_row, max_col):
            return whole
        changed = True
        ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(right)}{bottom}"
        head: bytes = m.group(1)
        tail: bytes = m.group(3)
        return head + ref.encode() + tail

    clamped = _MERGE_CELL.sub(clamp, data)
    return (clamped if changed else data), area


def rows_past_limit(ws: Worksheet) -> int:
    """How many rows below MAX_ROWS hold a value (formatting alone, often applied to whole columns, is not a row)."""
    if (ws.max_row or 0) <= MAX_ROWS:
        return 0
    cells = getattr(ws, "_cells", None)  # openpyxl's own map of the cells it read: no new cells created
    if cells is None:
        return int(ws.max_row) - MAX_ROWS
    return len({r for (r, _c), cell in cells.items() if r > MAX_ROWS and cell.value not in (None, "")})


def sheet_table(ws: Worksheet, notes: list[tuple[str, str]] | None = None) -> Table:
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
        tick()
        cells = []
        for c, cell in enumerate(sheet_cells, 1):
            flag = covered.get((r, c))
            text = "" if flag else cell_text(cell.value, getattr(cell, "number_format", None))
            cells.append(Cell(text, vmerge=flag == "v", hmerge=flag == "h"))
        if any(cell.text for cell in cells):
            rows.append(Row(cells, line=r))
    return Table(rows, name=ws.title)
