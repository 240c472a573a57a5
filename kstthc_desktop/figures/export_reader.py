"""Read a period's dossier figures from a one-stop system's Excel export (or a Biểu 06 filled in by hand).

Exports differ from system to system and year to year, so nothing here depends on a position:
1. the header is the row that names the field column ("Lĩnh vực") or "STT", with the rows under it down to the
   first row of numbers (a column-number row "(1) (2) …" is skipped); merged heading cells cover their range;
2. each column's headings, top to bottom, give its group (received, resolved, in progress: the form's group words,
   or the group of the column before it) and its figure (the form's column words, in that group; a heading that
   names only the group is the group's total); rates and extra columns are left out; two columns of one figure
   (toàn trình + một phần) are added up; hidden columns are not read;
3. each row under it with a field name and numbers is a row; the one named "Tổng số" / "Tổng cộng" / "Cộng" (top or
   bottom) is the total; numbers printed as text ("1.234") are numbers; a formula counts as its cached value;
4. the period comes from "Từ ngày … đến ngày …" above the table, the unit from "Đơn vị: …" or the header's body.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kstthc_desktop.errors import UserError
from kstthc_desktop.figures.forms import DOSSIERS, Form, load_form
from kstthc_desktop.figures.model import FigureRow, Figures
from kstthc_desktop.importers.docinfo import body_case
from kstthc_desktop.importers.safety import check_size, check_zip
from kstthc_desktop.text import clean, fold
import itertools

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

MAX_ROWS = 5000  # a province's export has a few hundred fields; more is not a statistics table
MAX_COLUMNS = 60
HEADER_SEARCH_ROWS = 40
MAX_HEADER_ROWS = 4

_NUMBER_ROW_CELL = re.compile(r"^\(?(\d{1,2})\)?$")
_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_SPAN = re.compile(r"tu\s*(?:ngay)?\W*" + _DATE + r".*?den\s*(?:ngay)?\W*" + _DATE)
_UNIT_LINE = re.compile(r"^\s*(?:don vi|co quan|don vi bao cao)\s*:\s*", re.I)
_SIGNATURE = ("nguoi lap bieu", "thu truong don vi", "nguoi lap", "ky ten")
_FILLERS = {"trong do", "chia ra", "bao gom", "gom", "so ho so"}


@dataclass
class _Column:
    index: int
    path: list[str]  # folded headings, top to bottom, without repeats
    group: str = ""
    key: str = ""


def _words_key(text: str) -> str:
    """Folded, punctuation as spaces (a '%' kept): what heading words are matched against."""
    return " ".join("".join(ch if ch.isalnum() or ch == "%" else " " for ch in fold(text)).split())


def _heading_key(text: str, form: Form) -> str:
    """A heading's words with the form's abbreviations written out ("Đã GQ" → "da giai quyet")."""
    short = dict(form.abbreviations)
    return " ".join(short.get(word, word) for word in _words_key(text).split())


def _has_word(text: str, word: str) -> bool:
    return re.search(r"(?<![a-z0-9])" + re.escape(word) + r"(?![a-z0-9])", text) is not None


def _best(text: str, candidates: list[tuple[str, tuple[str, ...]]]) -> str:
    """The candidate with the longest of its words in ``text`` ("" when none): "trực tuyến toàn trình" is online,
    "tổng số" alone is a total."""
    best, length = "", 0
    for name, words in candidates:
        for word in words:
            if len(word) > length and _has_word(text, _words_key(word)):
                best, length = name, len(word)
    return best


def parse_number(value: object) -> int | None:
    """A count as printed: 12, 12.0, "12", "1.234" (thousands), "1 234"; None for blank, "-" or text."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if text in ("", "-", "–"):
        return None
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        text = re.sub(r"[.,]", "", text)
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+[.,]0+", text):
        return int(re.split(r"[.,]", text)[0])
    return None


def _cell_text(value: object) -> str:
    from kstthc_desktop.importers.xlsx import cell_text

    return cell_text(value)


class _Sheet:
    """A sheet's visible cells as a grid of values, with merged heading cells spread over their range."""

    def __init__(self, ws: Worksheet) -> None:
        self.title = ws.title
        max_row = min(ws.max_row or 0, MAX_ROWS + HEADER_SEARCH_ROWS)
        max_col = min(ws.max_column or 0, MAX_COLUMNS)
        self.truncated = (ws.max_row or 0) > max_row
        from openpyxl.utils import get_column_letter

        self.hidden = {c for c in range(max_col)
                       if ws.column_dimensions[get_column_letter(c + 1)].hidden}
        self.values: list[list[Any]] = [list(row) + [None] * (max_col - len(row)) for row in
                                   ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True)]
        self.merged: dict[tuple[int, int], tuple[int, int]] = {}  # cell → top-left of its merged range
        for rng in ws.merged_cells.ranges:
            top, left = rng.min_row - 1, rng.min_col - 1
            for r in range(top, min(rng.max_row, max_row)):
                for c in range(left, min(rng.max_col, max_col)):
                    if (r, c) != (top, left):
                        self.merged[(r, c)] = (top, left)
        self.width = max_col

    def heading(self, r: int, c: int) -> str:
        top = self.merged.get((r, c), (r, c))
        return clean(_cell_text(self.values[top[0]][top[1]]))

    def texts(self, r: int) -> list[str]:
        return [clean(_cell_text(v)) for v in self.values[r]]


def _is_number_row(sheet: _Sheet, r: int) -> bool:
    """The column-number row under Biểu 06's headings: "(1) (2) (3) …" (or 1 2 3 …), consecutive."""
    numbers = []
    for c in range(sheet.width):
        text = _cell_text(sheet.values[r][c]).strip()
        if not text:
            continue
        m = _NUMBER_ROW_CELL.match(text)
        if not m:
            return False
        numbers.append(int(m.group(1)))
    return len(numbers) >= 5 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _numeric_cells(sheet: _Sheet, r: int) -> int:
    return sum(1 for c in range(1, sheet.width) if parse_number(sheet.values[r][c]) is not None)


def _find_header(sheet: _Sheet, form: Form) -> tuple[int, int] | None:
    """(first, last) heading rows, or None when the sheet has no statistics table."""
    groups = [(g.key, g.words) for g in form.groups]
    for r in range(min(len(sheet.values), HEADER_SEARCH_ROWS)):
        cells = [_heading_key(t, form) for t in sheet.texts(r)]
        names_rows = any(_has_word(t, w) for t in cells for w in form.row_words) or "stt" in cells
        if not names_rows:
            continue
        last = r
        while (last + 1 < len(sheet.values) and last - r + 1 < MAX_HEADER_ROWS
               and not _is_number_row(sheet, last + 1) and _numeric_cells(sheet, last + 1) < 3):
            last += 1
        below = " ".join(_heading_key(sheet.heading(i, c), form) for i in range(r, last + 1) for c in range(sheet.width))
        if sum(1 for _, words in groups if any(_has_word(below, _words_key(w)) for w in words)) >= 2:
            return r, last
    return None


def _columns(sheet: _Sheet, first: int, last: int, form: Form) -> tuple[int, list[_Column], list[str]]:
    """The field-name column, and each figure column with its group and figure key."""
    warnings: list[str] = []
    columns: list[_Column] = []
    name_col = -1
    for c in range(sheet.width):
        if c in sheet.hidden:
            continue
        path: list[str] = []
        for r in range(first, last + 1):
            text = _heading_key(sheet.heading(r, c), form)
            if text and text not in _FILLERS and (not path or path[-1] != text):
                path.append(text)
        if not path:
            continue
        joined = " / ".join(path)
        if name_col < 0 and any(_has_word(joined, w) for w in form.row_words):
            name_col = c
            continue
        if path == ["stt"] or any(_has_word(joined, _words_key(w)) for w in form.ignore_words):
            continue
        columns.append(_Column(c, path))
    group_words = [(g.key, g.words) for g in form.groups]
    previous = ""
    for col in columns:
        col.group = next((g for g in (_best(level, group_words) for level in col.path) if g), previous)
        previous = col.group
        if not col.group:
            continue
        leaf = col.path[-1]
        candidates = [(k.key, k.words) for k in form.columns if k.group == col.group]
        col.key = _best(leaf, candidates)
        if not col.key and (len(col.path) == 1 or _best(leaf, group_words) == col.group):
            col.key = f"{col.group}_total"  # "Đã giải quyết" alone: the group's total
    for col in columns:
        if not col.key:
            warnings.append(f"Bỏ qua cột \"{sheet.heading(last, col.index) or sheet.heading(first, col.index)}\": "
                            "không rõ là số liệu nào của biểu.")
    if name_col < 0:  # no "Lĩnh vực" heading: the first text column left of the figures
        first_figure = min((c.index for c in columns if c.key), default=sheet.width)
        name_col = max((c for c in range(first_figure) if c not in sheet.hidden), default=0)
    return name_col, [c for c in columns if c.key], warnings


def _row_values(sheet: _Sheet, r: int, columns: list[_Column]) -> tuple[dict[str, int], list[str]]:
    values: dict[str, int] = {}
    unreadable: list[str] = []
    for col in columns:
        raw = sheet.values[r][col.index]
        number = parse_number(raw)
        if number is None:
            if raw not in (None, "") and str(raw).strip() not in ("-", "–"):
                unreadable.append(str(raw))
            continue
        values[col.key] = values.get(col.key, 0) + number
    return values, unreadable


def _is_total(name: str, stt: str, form: Form) -> bool:
    key = _words_key(name) or _words_key(stt)
    return key in form.total_words or key.startswith(("tong cong", "tong so"))


def _period(lines: list[str]) -> tuple[date | None, date | None]:
    for line in lines:
        m = _SPAN.search(fold(line))
        if m:
            d1, m1, y1, d2, m2, y2 = (int(x) for x in m.groups())
            try:
                return date(y1, m1, d1), date(y2, m2, d2)
            except ValueError:
                continue
    return None, None


def _unit(lines: list[str]) -> str:
    """"Đơn vị: Sở Tư pháp", else the body under "UBND TỈNH …" in the header's left column."""
    for line in lines:
        folded = fold(line)
        if _UNIT_LINE.match(folded) and not folded.startswith("don vi tinh"):
            return body_case(line.split(":", 1)[1].strip())
    for upper, lower in itertools.pairwise(lines):
        if re.match(r"^(uy ban nhan dan|ubnd)\b", fold(upper)) and re.match(
                r"^(so|ban|van phong|thanh tra|ubnd|uy ban nhan dan|trung tam|chi cuc|cuc)\b", fold(lower)):
            return body_case(lower)
    return ""


def _head_lines(sheet: _Sheet, until: int) -> list[str]:
    """The texts above the table, cell by cell (a two-column heading is two lines), top-left cells first."""
    lines: list[str] = []
    for r in range(until):
        lines += [t for c, t in enumerate(sheet.texts(r)) if t and (r, c) not in sheet.merged]
    lefts = [sheet.texts(r)[0] for r in range(until) if sheet.texts(r)[0]]
    rows = [" ".join(t for t in sheet.texts(r) if t) for r in range(until)]  # "Từ ngày | 01/01/2025 | đến ngày …"
    return lefts + lines + rows


def _read_sheet(sheet: _Sheet, form: Form, source: str) -> Figures | None:
    header = _find_header(sheet, form)
    if header is None:
        return None
    first, last = header
    name_col, columns, warnings = _columns(sheet, first, last, form)
    if not columns:
        return None
    figures = Figures(form, warnings=warnings)
    lines = _head_lines(sheet, first)
    figures.date_from, figures.date_to = _period(lines)
    figures.unit = _unit(lines)
    for r in range(last + 1, len(sheet.values)):
        values, unreadable = _row_values(sheet, r, columns)
        if not values:
            texts = sheet.texts(r)
            if any(_has_word(_words_key(t), w) for t in texts if t for w in _SIGNATURE):
                break  # the signature block under the table
            continue  # a blank row, or a heading inside the table
        if _is_number_row(sheet, r):
            continue
        if unreadable:
            figures.warnings.append(f"Dòng {r + 1}: không đọc được số \"{unreadable[0]}\"; coi như để trống.")
        name = clean(_cell_text(sheet.values[r][name_col]))
        stt = clean(_cell_text(sheet.values[r][0])) if name_col != 0 else ""
        if _is_total(name, stt, form):
            if not figures.total:
                figures.total = values
            continue
        figures.rows.append(FigureRow(name or f"Dòng {r + 1}", values))
    if sheet.truncated:
        figures.warnings.append(f"Trang \"{sheet.title}\" có hơn {MAX_ROWS} dòng: chỉ đọc {MAX_ROWS} dòng đầu.")
    missing_total = [k for k in form.keys if k in figures.computed_total() and k not in figures.total]
    if figures.total and missing_total:
        figures.warnings.append("Dòng tổng thiếu số ở một số cột (có thể là công thức chưa được tính); "
                                "đã dùng tổng các dòng cho các cột đó.")
        computed = figures.computed_total()
        figures.total.update({k: computed[k] for k in missing_total})
    return figures


def read_export(path: Path, form_id: str = DOSSIERS) -> Figures:
    """The figures of the one-stop export at ``path`` (UserError with one Vietnamese sentence otherwise)."""
    form = load_form(form_id)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UserError(f"Tệp \"{path.name}\" là định dạng Excel 97–2003 (.xls); hãy mở bằng Excel và lưu lại "
                        "dưới dạng .xlsx (Tệp › Lưu thành › Sổ làm việc Excel) rồi nhập lại.")
    if suffix not in (".xlsx", ".xlsm"):
        raise UserError(f"Tệp \"{path.name}\" không phải bảng tính Excel (.xlsx); hãy chọn tệp số liệu xuất từ "
                        "hệ thống một cửa.")
    if not path.is_file():
        raise UserError(f"Không tìm thấy tệp \"{path}\".")
    check_size(path)
    check_zip(path, "Excel")
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise UserError(f"Không đọc được tệp \"{path.name}\": tệp Excel bị hỏng hoặc không đúng định dạng.") from exc
    try:
        for ws in workbook.worksheets:
            if ws.sheet_state != "visible":
                continue
            figures = _read_sheet(_Sheet(ws), form, path.name)
            if figures is not None and (figures.rows or figures.total):
                return figures
    finally:
        workbook.close()
    raise UserError(f"Không tìm thấy bảng số liệu hồ sơ trong tệp \"{path.name}\": cần một bảng có cột "
                    "\"Lĩnh vực\" và các cột tiếp nhận, đã giải quyết, đang giải quyết.")
